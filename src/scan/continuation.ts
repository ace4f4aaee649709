/**
 * Which lines may continue the record before them, judged from the line's text alone: a superset of the folder's
 * rule (`continuationKind` in `parse/fold.ts`), without its "has no log prefix" test, which needs a parse. The chunk
 * scanner uses it to yield the lines around a candidate that the folder could join to the candidate's record, so a
 * folded record comes out the same with or without the fast path. Extra lines are harmless: the folder decides.
 */

/** The folder's unindented trace heads (`TypeError: …`, `Error message: …`, `Stacktrace:`), same pattern. */
const ERROR_HEAD =
  /^(?:[\w$.]{0,128}(?:Error|Exception)(?::|$)|Error (?:name|message|code|type):|Stacktrace:|Stack trace:)/;

/**
 * True when `line` (without its terminator; UTF-8 decoded, or latin1-decoded bytes: only ASCII is looked at) may
 * continue the record before it: it starts with a space or tab, `at `, `Caused by:`, `...`, or is an error head
 * such as `TypeError: …`.
 */
export function mayContinue(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9) return true;
  if (c === 97) return line.startsWith('at ');
  if (c === 67 && line.startsWith('Caused by:')) return true;
  if (c === 46) return line.startsWith('...');
  // Only a word character, `$` or `.` can start an error head.
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36)) return false;
  return ERROR_HEAD.test(line);
}
