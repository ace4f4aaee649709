/**
 * Text lines whose time sits in square brackets: `[2026-11-21 10:15:32.123] [error] message`,
 * `[10:15:32.123] message`, or a kernel-style `[  123.456789] message`. Times of day alone and
 * seconds since boot place nothing on the calendar, so those lines keep `timeText` without `time`.
 */
import type { ParsedLine } from '../types.js';
import type { TimeResolver } from './context.js';
import type { ParsedLineDraft } from './fields.js';
import { setIsoTime } from './iso-time.js';
import { fillLevelTagMessage } from './text-prefix.js';

const MAX_INSIDE = 40;
const TIME_OF_DAY = /^\d\d?:\d\d(?::\d\d(?:[.,]\d{1,9})?)?$/;
const SECONDS = /^ *\d+\.\d+$/;

/** Parses a line starting with a bracketed time, or returns undefined. */
export function parseBracketed(s: string, resolver: TimeResolver): ParsedLine | undefined {
  let close = -1;
  const limit = Math.min(s.length, MAX_INSIDE + 2);
  for (let i = 1; i < limit; i++) {
    if (s.charCodeAt(i) === 93) {
      close = i;
      break;
    }
  }
  if (close < 2) return undefined;
  const inside = s.slice(1, close);
  const draft: ParsedLineDraft = { format: 'bracketed', message: '', timeText: inside };
  if (!setIsoTime(draft, inside, resolver) && !TIME_OF_DAY.test(inside) && !SECONDS.test(inside)) return undefined;
  fillLevelTagMessage(s, close + 1, draft);
  return draft;
}
