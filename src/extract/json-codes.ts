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

/**
 * `key` lower-cased when it is all ASCII, else undefined. The key lists are ASCII and compared up to ASCII case only, as
 * a case-insensitive regular expression would: `toLowerCase` also folds a few non-ASCII letters into ASCII ones (the
 * Kelvin sign into `k`).
 */
function asciiLower(key: string): string | undefined {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 127) return undefined;
  return key.toLowerCase();
}

/**
 * A test for membership in `names` (lower-case ASCII, shorter than 31 characters) up to ASCII case. It runs on every
 * key of every JSON line, so a table of the lengths each first letter can have turns most keys away before any string
 * is built (`| 0x20` lower-cases an ASCII letter and maps no other character onto one).
 */
function keyNames(names: readonly string[]): (key: string) => boolean {
  const set: ReadonlySet<string> = new Set(names);
  const lengthsByFirst = new Int32Array(128);
  for (const n of names) lengthsByFirst[n.charCodeAt(0)]! |= 1 << n.length;
  return (key) => {
    const n = key.length;
    const first = key.charCodeAt(0) | 0x20;
    if (n > 30 || first > 127 || ((lengthsByFirst[first]! >>> n) & 1) === 0) return false;
    if (set.has(key)) return true;
    const lower = asciiLower(key);
    return lower !== undefined && set.has(lower);
  };
}

const isCodeKey = keyNames(['code', 'errcode', 'errorcode', 'error_code', 'err_code', 'err.code', 'error.code']);

/** Keys whose presence in an object (or its ancestors) makes a `code` an HTTP status rather than an error code. */
const isHttpName = keyNames(['url', 'uri', 'method', 'status', 'statuscode', 'status_code', 'respcode', 'responsecode', 'response', 'header', 'headers']);
/** …and any key made of `http` and word characters. */
const HTTP_WORD = /^http\w*$/i;

function isHttpKey(key: string): boolean {
  if (isHttpName(key)) return true;
  // The regular expression only for keys that start with "http" (hostname, host: most keys starting with h do not).
  return (
    (key.charCodeAt(0) | 0x20) === 104 &&
    (key.charCodeAt(1) | 0x20) === 116 &&
    (key.charCodeAt(2) | 0x20) === 116 &&
    (key.charCodeAt(3) | 0x20) === 112 &&
    HTTP_WORD.test(key)
  );
}

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

/** Every integer under a code key in `json`, in document order (depth-first). */
export function findJsonCodes(json: unknown): JsonCode[] {
  const found: JsonCode[] = [];
  if (json === null || typeof json !== 'object') return found;
  // Work still to do, popped in document order: a node to open, with its depth and HTTP flag packed into `meta` as
  // depth * 2 + http, or a code found (meta -1). Parallel arrays rather than an object per item: every JSON line is
  // walked.
  const items: unknown[] = [json];
  const meta: number[] = [0];
  let nodes = 0;
  while (items.length > 0) {
    const item = items.pop() as object;
    const m = meta.pop()!;
    if (m < 0) {
      found.push(item as JsonCode);
      continue;
    }
    const deeper = m >> 1 < JSON_MAX_DEPTH;
    if (Array.isArray(item)) {
      const values = item as unknown[];
      // Every value counts towards the bound, nested or not; past it the walk stops with what it has found.
      if (nodes + values.length > JSON_MAX_NODES) return found;
      nodes += values.length;
      if (!deeper) continue;
      // Pushed in reverse so the stack pops them in document order.
      for (let i = values.length - 1; i >= 0; i--) {
        const v = values[i];
        if (v !== null && typeof v === 'object') {
          items.push(v);
          meta.push(m + 2);
        }
      }
      continue;
    }
    const record = item as Record<string, unknown>;
    const keys = Object.keys(record);
    if (nodes + keys.length > JSON_MAX_NODES) return found;
    nodes += keys.length;
    const http = (m & 1) === 1 || keys.some(isHttpKey);
    const childMeta = ((m >> 1) + 1) * 2 + (http ? 1 : 0);
    let wsEvent: boolean | undefined;
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const v = record[k];
      if (v !== null && typeof v === 'object') {
        if (deeper) {
          items.push(v);
          meta.push(childMeta);
        }
      } else if (isCodeKey(k)) {
        const value = integerText(v);
        if (value !== undefined) {
          if (wsEvent === undefined) {
            const data = integerText(record['data']);
            wsEvent = keys.length <= 3 && data !== undefined && data.length <= 3;
          }
          items.push({ key: k, value, wsEvent, http });
          meta.push(-1);
        }
      }
    }
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

