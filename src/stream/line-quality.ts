/**
 * Decides whether a decoded line is text worth scanning.
 *
 * "Undecodable" is errlens's name for a line that is mostly not text: binary data, a UTF-16 file read as
 * UTF-8 (a NUL after every letter), or a run of bytes that are not UTF-8 at all. Scanning such a line finds
 * nothing but false hits in random digits, so it is counted (`linesUndecodable`) and passed on unscanned.
 * A line with the odd invalid byte in otherwise readable text is *not* undecodable: the bad bytes read as
 * U+FFFD, the line is scanned as usual and flagged `invalidUtf8` (see `utf8-check.ts`).
 */

/** Characters that do not occur in readable text: U+FFFD and C0 controls other than tab, LF, VT, FF, CR and ESC. */
const BAD_CHAR = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/;
const BAD_CHAR_GLOBAL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/g;

/** A line is undecodable when more than this share of its characters are bad. */
const UNDECODABLE_SHARE = 0.25;

/**
 * True when more than a quarter of the line's characters are U+FFFD, NUL or other controls that text does not
 * hold. Clean lines cost one native regular-expression test.
 */
export function isUndecodable(text: string): boolean {
  if (!BAD_CHAR.test(text)) return false;
  const bad = text.match(BAD_CHAR_GLOBAL)?.length ?? 0;
  return bad > text.length * UNDECODABLE_SHARE;
}
