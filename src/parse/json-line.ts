/**
 * JSON lines: pino/bunyan (`level` number or word, `time` epoch ms or ISO, `msg`), ECS (`@timestamp`,
 * `log.level` as a dotted key or nested, `message`), or any object. The object itself goes to `json`
 * for the extractors; `message` is `msg`, else `message`, else the whole line.
 */
import type { ParsedLine } from '../types.js';
import type { TimeResolver } from './context.js';
import type { ParsedLineDraft } from './fields.js';
import { setIsoTime } from './iso-time.js';
import { levelFromJsonValue } from './levels.js';
import { jsonDeeperThan, safeJsonParse } from './safe-json.js';

/**
 * Objects nested deeper than this are parsed (to know the line is JSON) but not kept in `json`:
 * consumers that recurse — JSON.stringify among them — would overflow the stack on them.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Epoch numbers are read by magnitude: below 1e11 seconds (1e11 s is the year 5138, 1e11 ms is 1973),
 * then milliseconds (pino, bunyan), microseconds, and from 1e17 nanoseconds (Go and zap loggers).
 */
const SECONDS_BELOW = 1e11;
const MILLISECONDS_BELOW = 1e14;
const MICROSECONDS_BELOW = 1e17;

/** Parses a line that is a JSON object, or returns undefined (arrays, scalars and invalid JSON are not JSON lines). */
export function parseJsonLine(s: string, resolver: TimeResolver): ParsedLine | undefined {
  let end = s.length - 1;
  while (end > 0 && (s.charCodeAt(end) === 32 || s.charCodeAt(end) === 9)) end--;
  if (s.charCodeAt(end) !== 125) return undefined; // cheap reject before JSON.parse
  const value = safeJsonParse(s);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const draft: ParsedLineDraft = { format: 'json', message: s };
  if (jsonDeeperThan(s, MAX_JSON_DEPTH)) return draft;
  const obj = value as Record<string, unknown>;
  draft.json = obj;
  const msg = obj['msg'];
  const message = obj['message'];
  if (typeof msg === 'string') draft.message = msg;
  else if (typeof message === 'string') draft.message = message;
  setLevel(draft, obj);
  setTime(draft, obj, resolver);
  const pid = obj['pid'];
  if (typeof pid === 'number' && Number.isInteger(pid)) draft.pid = pid;
  const tag = firstString(obj['tag'], obj['name'], obj['log.logger'], nested(obj, 'log', 'logger'));
  if (tag !== undefined) draft.tag = tag;
  return draft;
}

function nested(obj: Record<string, unknown>, outer: string, inner: string): unknown {
  const child = obj[outer];
  return child !== null && typeof child === 'object' ? (child as Record<string, unknown>)[inner] : undefined;
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string') return v;
  return undefined;
}

function setLevel(draft: ParsedLineDraft, obj: Record<string, unknown>): void {
  let raw = obj['level'];
  if (raw === undefined) raw = obj['log.level'];
  if (raw === undefined) raw = nested(obj, 'log', 'level');
  if (raw === undefined) raw = obj['severity'];
  if (typeof raw !== 'number' && typeof raw !== 'string') return;
  draft.level = String(raw);
  const n = levelFromJsonValue(raw);
  if (n !== undefined) draft.levelNumber = n;
}

function setTime(draft: ParsedLineDraft, obj: Record<string, unknown>, resolver: TimeResolver): void {
  let raw = obj['time'];
  if (raw === undefined) raw = obj['@timestamp'];
  if (raw === undefined) raw = obj['timestamp'];
  if (raw === undefined) raw = obj['ts'];
  if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0) {
    draft.timeText = String(raw);
    // Fractional seconds are binary floats (1.735 * 1000 may be 1734.9999…): round those; truncate the rest.
    if (raw < SECONDS_BELOW) draft.time = Math.round(raw * 1000);
    else if (raw < MILLISECONDS_BELOW) draft.time = Math.floor(raw);
    else if (raw < MICROSECONDS_BELOW) draft.time = Math.floor(raw / 1000);
    else draft.time = Math.floor(raw / 1_000_000);
  } else if (typeof raw === 'string' && setIsoTime(draft, raw, resolver)) {
    draft.timeText = raw;
  }
}
