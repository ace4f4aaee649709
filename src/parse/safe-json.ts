/**
 * JSON parsing for untrusted log lines: never throws, never lets `__proto__`, `constructor` or
 * `prototype` keys through (a later merge of the object could otherwise pollute prototypes), and never
 * recurses, so a line nested 100,000 deep costs time but not the stack.
 */

/** Keys removed from every parsed object, at every depth. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// A forbidden key can only appear as itself or spelled with \u escapes; text with neither needs no walk.
const SUSPECT = /__proto__|constructor|prototype|\\u/;

/**
 * Parses JSON text; undefined when it is not valid JSON (never throws). Objects come back without
 * `__proto__`, `constructor` or `prototype` keys at any depth. The walk that removes them is iterative.
 */
export function safeJsonParse(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value !== null && typeof value === 'object' && SUSPECT.test(text)) stripForbiddenKeys(value);
  return value;
}

function stripForbiddenKeys(root: object): void {
  const stack: object[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (FORBIDDEN_KEYS.has(key)) {
        // JSON.parse made these own data properties, so delete removes them without touching the prototype.
        delete record[key];
        continue;
      }
      const item = record[key];
      if (item !== null && typeof item === 'object') stack.push(item);
    }
  }
}

/**
 * True when JSON text nests arrays/objects deeper than `limit`. Scans the text (skipping strings), so it
 * costs one pass and no stack. Text shorter than 2 × limit, or with no more than `limit` opening brackets, cannot be
 * that deep and is not scanned.
 */
export function jsonDeeperThan(text: string, limit: number): boolean {
  if (text.length <= 2 * limit || !moreOpeningsThan(text, limit)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return false;
}

/**
 * True when `text` holds more than `limit` `{` and `[` in all (inside strings too). A log line holds a few, and
 * `indexOf` finds them far faster than a loop over every character.
 */
function moreOpeningsThan(text: string, limit: number): boolean {
  let n = 0;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) if (++n > limit) return true;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) if (++n > limit) return true;
  return false;
}
