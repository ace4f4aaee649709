/** Text lines that start with an ISO-8601 time: `2026-11-21T10:15:32.123Z ERROR [tag] message`. */
import type { ParsedLine } from '../types.js';
import type { TimeResolver } from './context.js';
import { setTimeFromWall, type ParsedLineDraft } from './fields.js';
import { scanIsoDateTime } from './scan.js';
import { fillLevelTagMessage } from './text-prefix.js';

/** Parses an ISO-time-prefixed text line, or returns undefined. */
export function parseIsoText(s: string, resolver: TimeResolver): ParsedLine | undefined {
  const end = scanIsoDateTime(s, 0, true);
  if (end < 0) return undefined;
  const next = s.charCodeAt(end);
  // "2026-11-21T10:15:32x" is some identifier, not a time column.
  if (!(Number.isNaN(next) || next === 32 || next === 9 || next === 124 || next === 93 || next === 58 || next === 44)) {
    return undefined;
  }
  const draft: ParsedLineDraft = { format: 'iso', message: '', timeText: s.slice(0, end) };
  setTimeFromWall(draft, resolver);
  fillLevelTagMessage(s, next === 58 || next === 44 ? end + 1 : end, draft);
  return draft;
}
