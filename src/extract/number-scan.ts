/**
 * Finds numbers that stand alone in a text: not part of a word, a hex string, a decimal, an IP address, a version,
 * a date or time, a URL path or a percentage. Only such numbers can be error codes.
 */


function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const DOT = 46;
const SLASH = 47;
const BACKSLASH = 92;
const COLON = 58;
const MINUS = 45;
const PERCENT = 37;

const ANY_DIGITS = /\d+/g;
/**
 * Digit runs of at least n digits, by n. A run shorter than n never matches in part: a match starting inside a run
 * would need n digits after its start, and the run's own start, further left, would have matched first.
 */
const DIGITS_AT_LEAST: RegExp[] = [];

/** How far back a number's own whitespace-delimited token is searched for `://` (bounded, so scanning stays linear). */
const URL_LOOKBACK = 256;

/** One standalone number: `[start, end)` in the text, `start` on the minus sign of a negative number. */
export interface NumberToken {
  readonly start: number;
  readonly end: number;
  /** The number as printed, with its sign, e.g. "2302001", "-1". */
  readonly value: string;
}

/**
 * True when the number starting at `start` sits inside a URL such as `https://host/cb?code=2302001`: its own
 * whitespace- or quote-delimited token holds `://` before it. Looks back at most a bounded distance.
 */
export function insideUrl(text: string, start: number): boolean {
  const limit = Math.max(0, start - URL_LOOKBACK);
  for (let i = start - 1; i >= limit; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39) return false;
    if (c === COLON && text.charCodeAt(i + 1) === SLASH && text.charCodeAt(i + 2) === SLASH) return true;
  }
  return false;
}

/**
 * Calls `visit` for every standalone number in `text[from, to)` whose digit count lies in `[minDigits, maxDigits]`,
 * left to right. Linear in `to - from`: one pass of a simple digit regex plus constant work per number. Whether the
 * number sits inside a URL is left to the caller ({@link insideUrl}), to be asked only of numbers worth it.
 * @param digitCounts - the digit counts wanted within that window, as a bit set (bit d: d digits; -1, the default:
 *   every count). Numbers of other counts (pids beside 7-digit codes) are passed over before a token is made for them.
 *   Only counts up to 30 can be told apart: with a wider window, pass -1.
 */
export function forEachStandaloneNumber(
  text: string,
  from: number,
  to: number,
  minDigits: number,
  maxDigits: number,
  visit: (token: NumberToken) => void,
  digitCounts = -1,
): void {
  const digitRuns = minDigits <= 1 ? ANY_DIGITS : (DIGITS_AT_LEAST[minDigits] ??= new RegExp(`\\d{${minDigits},}`, 'g'));
  const least = Math.max(1, minDigits);
  digitRuns.lastIndex = from;
  // `test`, not `exec`: no match array per run of digits (a JSON line is full of them). A match is a whole run from its
  // first digit at or after `from`, so its start is found by stepping back from its end: one step past `maxDigits` at
  // most, as a longer run is passed over anyway.
  while (digitRuns.test(text)) {
    const end = digitRuns.lastIndex;
    if (end > to) break;
    let start = end - least;
    const limit = Math.max(from, end - maxDigits - 1);
    while (start > limit && isDigit(text.charCodeAt(start - 1))) start--;
    const digits = end - start;
    if (digits < minDigits || digits > maxDigits || ((digitCounts >>> digits) & 1) === 0) continue;
    const prev = start > 0 ? text.charCodeAt(start - 1) : -1;
    const next = end < text.length ? text.charCodeAt(end) : -1;
    // Glued to a word, hex digits (0x…, a2302001f), a decimal or IP (1.2302001, 10.0.0.1), a path or a percentage.
    if (prev >= 0 && (isWordChar(prev) || prev === DOT || prev === SLASH)) continue;
    if (next >= 0 && (isWordChar(next) || next === SLASH || next === PERCENT)) continue;
    const next2 = end + 1 < text.length ? text.charCodeAt(end + 1) : -1;
    // A decimal, a time (12:30), or a date/range (2023-01) continues after the number.
    if ((next === DOT || next === COLON || next === MINUS) && isDigit(next2)) continue;
    if (prev === COLON && start >= 2 && isDigit(text.charCodeAt(start - 2))) continue;
    if (prev === MINUS) {
      const before = start >= 2 ? text.charCodeAt(start - 2) : -1;
      // "2023-01", "a-1", "1.5-2": a range or date, not a sign. "->" is an arrow, not a sign either.
      if (before >= 0 && (isWordChar(before) || before === DOT || before === SLASH || before === BACKSLASH)) continue;
      start -= 1;
    }
    visit({ start, end, value: text.slice(start, end) });
  }
}
