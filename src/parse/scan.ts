/**
 * Hand-written scanners for the fixed-shape parts of log prefixes (dates, times, offsets, digit runs).
 * Regular expressions with a dozen captures cost ~400 ns a line in V8; these cost a few tens, and every loop
 * moves forward only, so their time is linear in the line whatever it holds.
 *
 * Results land in the module-level {@link wall} record, read straight after a successful call: the per-line
 * path allocates nothing for them.
 */

/** The fields of the last successful time scan. `year` and `offset` are NaN when the text had none. */
export const wall = {
  year: NaN,
  month: 0,
  day: 0,
  hour: 0,
  minute: 0,
  second: 0,
  ms: 0,
  /** Minutes east of UTC, or NaN. */
  offset: NaN,
};

/** Minutes east of UTC of the last {@link scanOffset}. */
let scannedOffset = NaN;

/** True for the char code of an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for the char code of an ASCII letter. */
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Two digits at `i` as a number, or -1. */
export function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The index after the run of digits starting at `i` (i itself when there is none). */
export function skipDigits(s: string, i: number): number {
  let j = i;
  while (isDigit(s.charCodeAt(j))) j++;
  return j;
}

/** The index after the run of spaces starting at `i`. */
export function skipSpaces(s: string, i: number): number {
  let j = i;
  while (s.charCodeAt(j) === 32) j++;
  return j;
}

/** The index of the first space, tab or end of string at or after `i`. */
export function skipNonBlank(s: string, i: number): number {
  let j = i;
  for (;;) {
    const c = s.charCodeAt(j);
    if (c === 32 || c === 9 || Number.isNaN(c)) return j;
    j++;
  }
}

/** The value of the digits in [i, j); callers keep runs to ≤ 15 digits so the result is exact. */
export function digitsValue(s: string, i: number, j: number): number {
  let v = 0;
  for (let k = i; k < j; k++) v = v * 10 + (s.charCodeAt(k) - 48);
  return v;
}

/** Milliseconds from the fraction digits in [i, j): truncated to three digits, padded when shorter. */
export function fractionMs(s: string, i: number, j: number): number {
  const n = j - i;
  if (n <= 0) return 0;
  const a = s.charCodeAt(i) - 48;
  if (n === 1) return a * 100;
  const b = s.charCodeAt(i + 1) - 48;
  if (n === 2) return a * 100 + b * 10;
  return a * 100 + b * 10 + (s.charCodeAt(i + 2) - 48);
}

/**
 * Scans an offset at `i`: `+08`, `+0800` or `+08:00` (or `-…`). Returns the index after it, or -1; the value is
 * then {@link lastOffset}. Hours above 14 or minutes above 59 are refused.
 */
export function scanOffset(s: string, i: number): number {
  const sign = s.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return -1;
  const h = twoDigits(s, i + 1);
  if (h < 0 || h > 14) return -1;
  let j = i + 3;
  let m = 0;
  if (s.charCodeAt(j) === 58) {
    m = twoDigits(s, j + 1);
    if (m < 0) return -1;
    j += 3;
  } else {
    const mm = twoDigits(s, j);
    if (mm >= 0) {
      if (isDigit(s.charCodeAt(j + 2))) return -1; // "+08000" is not an offset
      m = mm;
      j += 2;
    }
  }
  if (m > 59) return -1;
  scannedOffset = (sign === 45 ? -1 : 1) * (h * 60 + m);
  return j;
}

/** The value of the last successful {@link scanOffset}. */
export function lastOffset(): number {
  return scannedOffset;
}

/**
 * Scans `HH:MM:SS.f…` (one to nine fraction digits, required) at `i` into {@link wall}. Returns the index after
 * the fraction, or -1.
 */
function scanClockWithFraction(s: string, i: number): number {
  const h = twoDigits(s, i);
  const mi = twoDigits(s, i + 3);
  const sec = twoDigits(s, i + 6);
  if (h < 0 || mi < 0 || sec < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return -1;
  if (s.charCodeAt(i + 8) !== 46) return -1;
  const f = i + 9;
  const end = skipDigits(s, f);
  if (end === f || end - f > 9) return -1;
  wall.hour = h;
  wall.minute = mi;
  wall.second = sec;
  wall.ms = fractionMs(s, f, end);
  return end;
}

/**
 * Scans hilog's date and time at `i`: `[YYYY-]MM-DD HH:MM:SS.f…` into {@link wall} (year NaN when absent,
 * offset NaN). Returns the index after the fraction, or -1.
 */
export function scanHilogDateTime(s: string, i: number): number {
  let p = i;
  wall.year = NaN;
  wall.offset = NaN;
  if (s.charCodeAt(p + 4) === 45) {
    const hi = twoDigits(s, p);
    const lo = twoDigits(s, p + 2);
    if (hi < 0 || lo < 0) return -1;
    wall.year = hi * 100 + lo;
    p += 5;
  }
  const mo = twoDigits(s, p);
  const d = twoDigits(s, p + 3);
  if (mo < 0 || d < 0 || s.charCodeAt(p + 2) !== 45 || s.charCodeAt(p + 5) !== 32) return -1;
  wall.month = mo;
  wall.day = d;
  return scanClockWithFraction(s, p + 6);
}

/**
 * Scans an ISO-8601-like date-time at `i` into {@link wall}: `YYYY-MM-DD`, then (required when `needTime`)
 * `T` or a space and `HH:MM[:SS[.,f…]]`, then optionally (after at most one space) `Z` or an offset not
 * followed by a letter, digit or ':'. Returns the index after what was read, or -1.
 */
export function scanIsoDateTime(s: string, i: number, needTime: boolean): number {
  const yHi = twoDigits(s, i);
  const yLo = twoDigits(s, i + 2);
  const mo = twoDigits(s, i + 5);
  const d = twoDigits(s, i + 8);
  if (yHi < 0 || yLo < 0 || mo < 0 || d < 0 || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return -1;
  wall.year = yHi * 100 + yLo;
  wall.month = mo;
  wall.day = d;
  wall.hour = 0;
  wall.minute = 0;
  wall.second = 0;
  wall.ms = 0;
  wall.offset = NaN;
  let p = i + 10;
  const sep = s.charCodeAt(p);
  const h = twoDigits(s, p + 1);
  const mi = twoDigits(s, p + 4);
  if ((sep === 84 || sep === 116 || sep === 32) && h >= 0 && mi >= 0 && s.charCodeAt(p + 3) === 58) {
    wall.hour = h;
    wall.minute = mi;
    p += 6;
    if (s.charCodeAt(p) === 58) {
      const sec = twoDigits(s, p + 1);
      if (sec < 0) return -1;
      wall.second = sec;
      p += 3;
      const dot = s.charCodeAt(p);
      if (dot === 46 || dot === 44) {
        const end = skipDigits(s, p + 1);
        if (end === p + 1 || end - p - 1 > 9) return -1;
        wall.ms = fractionMs(s, p + 1, end);
        p = end;
      }
    }
  } else if (needTime) {
    return -1;
  }
  // Zone: "Z", or an offset, right after the time or after one space.
  const q = s.charCodeAt(p) === 32 ? p + 1 : p;
  const z = s.charCodeAt(q);
  if (z === 90 || z === 122) {
    const after = s.charCodeAt(q + 1);
    if (!isLetter(after) && !isDigit(after)) {
      wall.offset = 0;
      return q + 1;
    }
  } else if (z === 43 || z === 45) {
    const end = scanOffset(s, q);
    if (end > 0) {
      const after = s.charCodeAt(end);
      if (!isLetter(after) && !isDigit(after) && after !== 58) {
        wall.offset = scannedOffset;
        return end;
      }
    }
  }
  return p;
}

/**
 * Scans a hilog domain at `i`: an optional type letter and 4–5 hex digits (`A03200`, `C015b0`, `0201`,
 * `d0201`), followed by '/'. Returns the index of the '/', or -1.
 */
export function scanDomain(s: string, i: number): number {
  let j = i;
  while (j - i < 7 && s.charCodeAt(j) !== 47) {
    if (!isLetter(s.charCodeAt(j)) && !isDigit(s.charCodeAt(j))) return -1;
    j++;
  }
  const n = j - i;
  if (s.charCodeAt(j) !== 47 || n < 4 || n > 6) return -1;
  // The first character may be any letter (the type); the rest must be hex. Six characters need the type letter.
  const first = s.charCodeAt(i);
  if (n === 6 && !isLetter(first)) return -1;
  if (n === 4 && !isHex(first)) return -1;
  for (let k = i + 1; k < j; k++) if (!isHex(s.charCodeAt(k))) return -1;
  return isHex(first) || isLetter(first) ? j : -1;
}

const MS_PER_DAY = 86_400_000;

/**
 * Epoch milliseconds of a UTC civil time (month 1..12), by the days-from-civil algorithm: the same as
 * Date.UTC for years ≥ 100, at a fraction of its cost.
 */
export function civilToEpochMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}
