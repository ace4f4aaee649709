/**
 * Turns message templates (`${name}`, printf-style `%d`, `%{public}s`, …) into regular-expression sources that
 * match the template with any value in each placeholder.
 */

/**
 * Placeholders recognised in documented messages and in aliases: `${name}` (ArkTS template), and C/hilog format
 * specifiers with an optional `{public}`/`{private}` flag and length modifier (`%d`, `%s`, `%{public}d`, `%lu`, …).
 */
const PLACEHOLDER = /\$\{[^}\s]{1,64}\}|%(?:\{(?:public|private)\})?(?:hh|h|ll|l|L|z|j|t)?[dsuifxXcp]/g;

const REGEX_SYNTAX = /[.*+?^${}()|[\]\\]/g;

/** Escapes `text` so it matches itself literally in a regular expression (also valid under the `u` flag). */
export function escapeRegExp(text: string): string {
  return text.replace(REGEX_SYNTAX, '\\$&');
}

/** True when `text` holds at least one placeholder. */
export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  const found = PLACEHOLDER.test(text);
  PLACEHOLDER.lastIndex = 0;
  return found;
}

/**
 * The longest value one placeholder may stand for, by number of placeholders in the template. Each placeholder is a
 * bounded lazy wildcard, so a failed match attempt at one position costs at most the product of these bounds: with
 * k placeholders that product stays ≤ 2^12, keeping a search linear in the length of the searched text whatever the
 * input (no catastrophic backtracking).
 */
function valueLimit(placeholders: number): number {
  if (placeholders <= 1) return 256;
  if (placeholders === 2) return 64;
  if (placeholders === 3) return 16;
  return 8;
}

/**
 * A regular-expression source matching `text` where every placeholder (`${name}`, `%d`, `%s`, `%{public}d`,
 * `%{public}s`, …) matches any non-empty value, and everything else matches literally. A trailing full stop is left
 * out so the runtime form without it (and with anything after it) still matches. Intended for use with the `i` flag;
 * not anchored. Returns `undefined` when `text` has no placeholder.
 *
 * @example placeholderPattern('Invalid ${name}.') === 'Invalid .{1,256}?'
 */
export function placeholderPattern(text: string): string | undefined {
  const parts = text.trim().replace(/\.$/, '').split(PLACEHOLDER);
  const placeholders = parts.length - 1;
  if (placeholders === 0) return undefined;
  const wildcard = `.{1,${valueLimit(placeholders)}}?`;
  return parts.map(escapeRegExp).join(wildcard);
}
