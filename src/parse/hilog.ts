/**
 * hilog lines, in every form `hilog` prints them:
 *
 *     MM-DD HH:MM:SS.mmm  PID  TID L DOMAIN/[PROCESS/]TAG: message
 *
 * with `-v year` (YYYY- before the date), `-v zone` (an offset or abbreviation before the date in
 * hilog's source, an offset after the time in some captures), `-v usec`/`-v nsec` (6 or 9 fraction digits)
 * and `-v epoch`/`-v monotonic` (seconds, space-padded, instead of the date). The domain is a type letter
 * plus five hex digits in either case (`C015B0`, `C015b0`, `P01FFF`), or bare hex (`0201`, `d0201`).
 * Columns may be separated by any number of spaces; pids may have any number of digits (up to 10).
 */
import type { ParsedLine } from '../types.js';
import type { TimeResolver } from './context.js';
import { setTimeFromWall, type ParsedLineDraft } from './fields.js';
import { levelFromLetterCode } from './levels.js';
import {
  digitsValue,
  fractionMs,
  isLetter,
  lastOffset,
  scanDomain,
  scanHilogDateTime,
  scanOffset,
  skipDigits,
  skipSpaces,
  wall,
} from './scan.js';

/** `-v epoch` prints seconds since 1970 (ten digits today); `-v monotonic` prints seconds since boot (far fewer). */
const EPOCH_MIN_DIGITS = 9;
const MAX_ID_DIGITS = 10;

/** The columns found by the last {@link scanColumns}. */
const cols = { pid: 0, tid: 0, levelAt: 0, domainStart: 0, domainEnd: 0 };

/** Parses a hilog line whose time is a date (the default and `-v year`/`-v zone`), or returns undefined. */
export function parseHilogDated(s: string, resolver: TimeResolver): ParsedLine | undefined {
  let p = 0;
  let offset = NaN;
  let zoneText: string | undefined;
  const c = s.charCodeAt(0);
  if (c === 43 || c === 45) {
    const end = scanOffset(s, 0);
    if (end < 0 || s.charCodeAt(end) !== 32) return undefined;
    offset = lastOffset();
    p = end + 1;
  } else if (isLetter(c)) {
    let end = 1;
    while (end < 7 && isLetter(s.charCodeAt(end))) end++;
    if (end < 2 || end > 6 || s.charCodeAt(end) !== 32) return undefined;
    zoneText = s.slice(0, end);
    offset = offsetOfAbbreviation(zoneText);
    p = end + 1;
  }
  let timeEnd = scanHilogDateTime(s, p);
  if (timeEnd < 0) return undefined;
  if (s.charCodeAt(timeEnd) === 32) {
    const z = s.charCodeAt(timeEnd + 1);
    if (z === 43 || z === 45) {
      const end = scanOffset(s, timeEnd + 1);
      if (end > 0 && s.charCodeAt(end) === 32) {
        offset = lastOffset();
        timeEnd = end;
      }
    }
  }
  wall.offset = offset;
  const draft = scanColumnsAndHeader(s, timeEnd);
  if (draft === undefined) return undefined;
  draft.timeText = s.slice(0, timeEnd);
  setTimeFromWall(draft, resolver);
  if (zoneText !== undefined && Number.isNaN(offset) && draft.timeAssumption !== undefined) {
    // An abbreviation such as "CST" names several zones; say the line's own zone was not used.
    draft.timeAssumption += ` (line's zone "${zoneText}" is ambiguous)`;
  }
  return draft;
}

/** Parses a hilog line printed with `-v epoch` or `-v monotonic`, or returns undefined. */
export function parseHilogSeconds(s: string): ParsedLine | undefined {
  const start = skipSpaces(s, 0);
  const intEnd = skipDigits(s, start);
  if (intEnd === start || s.charCodeAt(intEnd) !== 46) return undefined;
  const fracEnd = skipDigits(s, intEnd + 1);
  if (fracEnd === intEnd + 1 || fracEnd - intEnd - 1 > 9) return undefined;
  const draft = scanColumnsAndHeader(s, fracEnd);
  if (draft === undefined) return undefined;
  draft.timeText = s.slice(start, fracEnd);
  const digits = intEnd - start;
  // Monotonic seconds count from boot, so they locate nothing on the calendar: keep the text only.
  if (digits >= EPOCH_MIN_DIGITS && digits <= 12) {
    draft.time = digitsValue(s, start, intEnd) * 1000 + fractionMs(s, intEnd + 1, fracEnd);
  }
  return draft;
}

function offsetOfAbbreviation(text: string): number {
  const upper = text.toUpperCase();
  return upper === 'UTC' || upper === 'GMT' ? 0 : NaN;
}

/** Reads `  PID  TID L DOMAIN/` from `p` into {@link cols}; returns the index after the '/', or -1. */
function scanColumns(s: string, p: number): number {
  let i = skipSpaces(s, p);
  if (i === p) return -1;
  let j = skipDigits(s, i);
  if (j === i || j - i > MAX_ID_DIGITS) return -1;
  cols.pid = digitsValue(s, i, j);
  i = skipSpaces(s, j);
  if (i === j) return -1;
  j = skipDigits(s, i);
  if (j === i || j - i > MAX_ID_DIGITS) return -1;
  cols.tid = digitsValue(s, i, j);
  i = skipSpaces(s, j);
  if (i === j || levelFromLetterCode(s.charCodeAt(i)) === 0) return -1;
  cols.levelAt = i;
  j = skipSpaces(s, i + 1);
  if (j === i + 1) return -1;
  const slash = scanDomain(s, j);
  if (slash < 0) return -1;
  cols.domainStart = j;
  cols.domainEnd = slash;
  return slash + 1;
}

/** Reads the columns, then splits `[PROCESS/]TAG: message`, and builds the draft every form shares. */
function scanColumnsAndHeader(s: string, p: number): ParsedLineDraft | undefined {
  const start = scanColumns(s, p);
  if (start < 0) return undefined;
  // The tag ends at the first ": "; process names and tags may hold ':' (OHOS::RS, app:service) but not ": ".
  let colon = s.indexOf(': ', start);
  let messageStart = colon + 2;
  if (colon < 0) {
    if (s.charCodeAt(s.length - 1) !== 58) return undefined;
    colon = s.length - 1;
    messageStart = s.length;
  }
  if (colon === start) return undefined;
  let slash = start;
  while (slash < colon && s.charCodeAt(slash) !== 47) slash++;
  const hasProcess = slash < colon;
  const levelCode = s.charCodeAt(cols.levelAt);
  const draft: ParsedLineDraft = {
    format: 'hilog',
    message: s.slice(messageStart),
    pid: cols.pid,
    tid: cols.tid,
    level: s.charAt(cols.levelAt),
    levelNumber: levelFromLetterCode(levelCode),
    domain: s.slice(cols.domainStart, cols.domainEnd),
    tag: s.slice(hasProcess ? slash + 1 : start, colon),
  };
  if (hasProcess) draft.process = s.slice(start, slash);
  return draft;
}
