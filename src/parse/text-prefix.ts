/**
 * What follows a time in free-form text logs: an optional level word ("ERROR", "[warn]", "E:"), an
 * optional tag ("[NetConn]" or "NetConn:"), then the message. Scanned by hand with bounded loops.
 */
import type { ParsedLineDraft } from './fields.js';
import { levelFromWord } from './levels.js';
import { isLetter } from './scan.js';

const MAX_LEVEL_WORD = 11;
const MAX_TAG = 64;

/** Fills `level`, `levelNumber`, `tag` and `message` from `s` starting at `pos`. */
export function fillLevelTagMessage(s: string, pos: number, draft: ParsedLineDraft): void {
  let i = skipBlanks(s, pos);
  const level = readLevel(s, i);
  if (level !== undefined) {
    draft.level = level.word;
    draft.levelNumber = level.number;
    i = skipBlanks(s, level.end);
  }
  const tagEnd = readTag(s, i);
  if (tagEnd > 0) {
    const bracketed = s.charCodeAt(i) === 91;
    draft.tag = bracketed ? s.slice(i + 1, tagEnd - 1) : s.slice(i, tagEnd - 1);
    i = skipBlanks(s, tagEnd);
  }
  draft.message = s.slice(i);
}

/** Skips spaces, tabs and the '|' or '-' separators some formats put between columns. */
function skipBlanks(s: string, pos: number): number {
  let i = pos;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 124) i++;
    else if (c === 45 && s.charCodeAt(i + 1) === 32) i += 2;
    else return i;
  }
}

function readLevel(s: string, pos: number): { word: string; number: number; end: number } | undefined {
  const bracket = s.charCodeAt(pos) === 91;
  const start = bracket ? pos + 1 : pos;
  let j = start;
  while (j - start <= MAX_LEVEL_WORD && isLetter(s.charCodeAt(j))) j++;
  if (j === start || j - start > MAX_LEVEL_WORD) return undefined;
  const after = s.charCodeAt(j);
  let end: number;
  if (bracket) {
    if (after !== 93) return undefined;
    end = j + 1;
  } else if (after === 58 || (after === 47 && j - start === 1)) {
    end = j + 1; // "ERROR:", or logcat's "W/Tag:"
  } else if (Number.isNaN(after) || after === 32 || after === 9 || after === 124) {
    end = j;
  } else {
    return undefined;
  }
  const word = s.slice(start, j);
  const number = levelFromWord(word);
  return number === undefined ? undefined : { word, number, end };
}

/** The index just past a "[tag]" or "tag:" (followed by a blank or the end) at `pos`, or 0 when there is none. */
function readTag(s: string, pos: number): number {
  const first = s.charCodeAt(pos);
  if (first === 91) {
    for (let j = pos + 1; j <= pos + MAX_TAG + 1; j++) {
      const c = s.charCodeAt(j);
      if (c === 93) return j > pos + 1 ? j + 1 : 0;
      if (c === 91 || Number.isNaN(c)) return 0;
    }
    return 0;
  }
  for (let j = pos; j <= pos + MAX_TAG; j++) {
    const c = s.charCodeAt(j);
    if (c === 58) {
      const next = s.charCodeAt(j + 1);
      return j > pos && (Number.isNaN(next) || next === 32 || next === 9) ? j + 1 : 0;
    }
    if (Number.isNaN(c) || c === 32 || c === 9 || c === 91 || c === 93) return 0;
  }
  return 0;
}
