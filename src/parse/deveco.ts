/**
 * Lines copied from DevEco Studio's Log window, whose columns differ from hilog's:
 *
 *     08-20 11:06:01.891   1948-1948     A03d00/JSAPP     com.examp...lication  I     message
 *
 * PID-TID joined by '-', domain/tag, the package (elided in the middle with "..." when long), the level
 * letter in its own column, then the message. Some versions print the year or a level word.
 */
import type { ParsedLine } from '../types.js';
import type { TimeResolver } from './context.js';
import { setTimeFromWall, type ParsedLineDraft } from './fields.js';
import { levelFromLetterCode, levelFromWord } from './levels.js';
import { digitsValue, isLetter, scanDomain, scanHilogDateTime, skipDigits, skipNonBlank, skipSpaces } from './scan.js';

const LEVEL_WORDS: ReadonlySet<string> = new Set(['Verbose', 'Debug', 'Info', 'Warn', 'Error', 'Fatal']);
const MAX_ID_DIGITS = 10;

/** Parses a DevEco Studio log-window line, or returns undefined. */
export function parseDeveco(s: string, resolver: TimeResolver): ParsedLine | undefined {
  const timeEnd = scanHilogDateTime(s, 0);
  if (timeEnd < 0) return undefined;
  let i = skipSpaces(s, timeEnd);
  if (i === timeEnd) return undefined;
  let j = skipDigits(s, i);
  if (j === i || j - i > MAX_ID_DIGITS || s.charCodeAt(j) !== 45) return undefined;
  const pid = digitsValue(s, i, j);
  i = j + 1;
  j = skipDigits(s, i);
  if (j === i || j - i > MAX_ID_DIGITS) return undefined;
  const tid = digitsValue(s, i, j);
  const domainStart = skipSpaces(s, j);
  if (domainStart === j) return undefined;
  const slash = scanDomain(s, domainStart);
  if (slash < 0) return undefined;
  const tagEnd = skipNonBlank(s, slash + 1);
  const packageStart = skipSpaces(s, tagEnd);
  if (packageStart === tagEnd) return undefined;
  const packageEnd = skipNonBlank(s, packageStart);
  const levelStart = skipSpaces(s, packageEnd);
  if (packageEnd === packageStart || levelStart === packageEnd) return undefined;
  let levelEnd = levelStart;
  while (levelEnd - levelStart < 8 && isLetter(s.charCodeAt(levelEnd))) levelEnd++;
  const after = s.charCodeAt(levelEnd);
  if (!(after === 32 || Number.isNaN(after))) return undefined;
  const level = s.slice(levelStart, levelEnd);
  const isLevel = level.length === 1 ? levelFromLetterCode(level.charCodeAt(0)) > 0 : LEVEL_WORDS.has(level);
  if (!isLevel) return undefined;
  const draft: ParsedLineDraft = {
    format: 'deveco',
    message: s.slice(skipSpaces(s, levelEnd)),
    timeText: s.slice(0, timeEnd),
    pid,
    tid,
    level,
    levelNumber: levelFromWord(level) ?? 0,
    domain: s.slice(domainStart, slash),
    tag: s.slice(slash + 1, tagEnd),
    process: s.slice(packageStart, packageEnd),
  };
  setTimeFromWall(draft, resolver);
  return draft;
}
