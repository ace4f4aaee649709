import type { NumberToken } from './number-scan.js';

/**
 * Finds code fields in a parsed JSON log line: `code`, `errCode`, `errorCode`, `error_code`, `err_code` at any depth
 * (so `err.code` and `error.code` too), and keys literally named `err.code` / `error.code`.
 * The walk is iterative with bounds on depth and on the number of values visited, so a hostile line cannot exhaust
 * the stack or the time budget.
 */

/** Deepest nesting walked. */
export const JSON_MAX_DEPTH = 16;
/** Most values visited per line. */
export const JSON_MAX_NODES = 4096;

const CODE_FIELD = /^(?:code|errcode|errorcode|error_code|err_code|err\.code|error\.code)$/i;
/** Keys whose presence in an object (or its ancestors) makes a `code` an HTTP status rather than an error code. */
const HTTP_KEYS = /^(?:http\w*|url|uri|method|status|statuscode|status_code|respcode|responsecode|response|headers?)$/i;

/** One code-like value found in the JSON. */
export interface JsonCode {
  /** The key it was found under, as written. */
  readonly key: string;
  /** The value as text, e.g. "2302001", "-1". */
  readonly value: string;
  /** The object holding it looks like a WebSocket error event: `{code, data}` with `data` an HTTP status (≤ 3 digits). */
  readonly wsEvent: boolean;
  /** The object or an ancestor carries HTTP keys (url, method, statusCode, response…). */
  readonly http: boolean;
}

function integerText(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : undefined;
  if (typeof v === 'string' && /^\s{0,2}-?\d{1,12}\s{0,2}$/.test(v)) return v.trim();
  return undefined;
}

type Item = { readonly node: object; readonly depth: number; readonly http: boolean } | { readonly code: JsonCode };

/** Every integer under a code key in `json`, in document order (depth-first). */
export function findJsonCodes(json: unknown): JsonCode[] {
  const found: JsonCode[] = [];
  if (json === null || typeof json !== 'object') return found;
  const stack: Item[] = [{ node: json, depth: 0, http: false }];
  let nodes = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('code' in item) {
      found.push(item.code);
      continue;
    }
    const { node, depth } = item;
    const next: Item[] = [];
    if (Array.isArray(node)) {
      for (const v of node as unknown[]) {
        if (++nodes > JSON_MAX_NODES) return found;
        if (v !== null && typeof v === 'object' && depth < JSON_MAX_DEPTH) next.push({ node: v, depth: depth + 1, http: item.http });
      }
    } else {
      const record = node as Record<string, unknown>;
      const keys = Object.keys(record);
      const http = item.http || keys.some((k) => HTTP_KEYS.test(k));
      const data = integerText(record['data']);
      const wsEvent = keys.length <= 3 && data !== undefined && data.length <= 3;
      for (const k of keys) {
        if (++nodes > JSON_MAX_NODES) return found;
        const v = record[k];
        if (CODE_FIELD.test(k)) {
          const value = integerText(v);
          if (value !== undefined) next.push({ code: { key: k, value, wsEvent, http } });
        }
        if (v !== null && typeof v === 'object' && depth < JSON_MAX_DEPTH) next.push({ node: v, depth: depth + 1, http });
      }
    }
    // Pushed in reverse so the stack pops them in document order.
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return found;
}

/**
 * Where a JSON code value stands in the raw line: the first occurrence, not yet claimed, that reads as a standalone
 * number right after its key (`"code":2302001`, `"code": "32390200"`), else the first standalone occurrence.
 */
export function locateJsonValue(text: string, json: JsonCode, claimed: ReadonlySet<number>, from: number): NumberToken | undefined {
  let fallback: NumberToken | undefined;
  const keyTail = `${json.key.toLowerCase()}"`;
  for (let i = text.indexOf(json.value, from); i >= 0; i = text.indexOf(json.value, i + 1)) {
    const end = i + json.value.length;
    if (glued(i > 0 ? text.charCodeAt(i - 1) : -1) || glued(end < text.length ? text.charCodeAt(end) : -1) || claimed.has(i)) continue;
    const token: NumberToken = { start: i, end, value: json.value };
    const before = text.slice(Math.max(0, i - 24), i).toLowerCase();
    if (KEY_THEN_VALUE.test(before) && before.includes(keyTail)) return token;
    // Keep looking for an occurrence right after its key; failing that, the first standalone one will do.
    fallback ??= token;
  }
  return fallback;
}

/** `"key": ` or `"key":"` right before a JSON value. */
const KEY_THEN_VALUE = /"\s{0,3}:\s{0,3}"?$/;

/** A character that, next to digits, makes them part of a longer token (a word, a decimal, a signed number). */
function glued(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 45 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

