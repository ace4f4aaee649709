/**
 * Per-line format detection. Mixed files are normal (a hilog capture with JSON payloads, a syslog file
 * with pasted text), so every line is detected on its own. The first character picks the one to three
 * parsers that could apply; those scan by hand or with anchored, linear regular expressions, and give up at
 * the first character that does not fit, so a line that is not theirs costs a few nanoseconds.
 */
import type { ParsedLine } from '../types.js';
import { resolverFor, type ParseContext, type TimeResolver } from './context.js';
import { parseBracketed } from './bracketed.js';
import { parseDeveco } from './deveco.js';
import { parseHilogDated, parseHilogSeconds } from './hilog.js';
import { parseIsoText } from './iso-text.js';
import { parseJsonLine } from './json-line.js';
import { parseSyslog } from './syslog.js';

const CR = 13;
const ESC = 27;
const NUL = 0;
const BOM = 0xfeff;
const REPLACEMENT = 0xfffd;
/** How much leading noise (NULs, BOM, U+FFFD, colour codes) is skipped before giving up on a prefix. */
const MAX_NOISE = 64;

/**
 * Detects the format of one line and parses it. Never throws for any line content; a line no parser
 * recognises comes back as `{ format: 'plain', message: line }`. Trailing CRs are dropped; leading NULs,
 * a BOM, U+FFFD and ANSI colour codes (`hilog -v color`) are skipped for detection.
 * @throws ErrlensError E_USAGE only when `ctx.tz` is not a valid zone (createParseContext checks it first).
 */
export function parseLine(line: string, ctx: ParseContext): ParsedLine {
  const resolver = resolverFor(ctx);
  let s = line;
  let n = s.length;
  if (n > 0 && s.charCodeAt(n - 1) === CR) {
    do n--;
    while (n > 0 && s.charCodeAt(n - 1) === CR);
    s = s.slice(0, n);
  }
  const text = s;
  let c = s.charCodeAt(0);
  if (c === NUL || c === BOM || c === REPLACEMENT || c === ESC) {
    s = skipNoise(s);
    c = s.charCodeAt(0);
  }
  return detect(s, c, resolver) ?? { format: 'plain', message: text };
}

function detect(s: string, c: number, resolver: TimeResolver): ParsedLine | undefined {
  if (c >= 48 && c <= 57) {
    const c2 = s.charCodeAt(2);
    if (c2 === 45) return parseHilogDated(s, resolver) ?? parseDeveco(s, resolver);
    if (s.charCodeAt(4) === 45) {
      return parseHilogDated(s, resolver) ?? parseDeveco(s, resolver) ?? parseIsoText(s, resolver);
    }
    return parseHilogSeconds(s);
  }
  switch (c) {
    case 123: // {
      return parseJsonLine(s, resolver);
    case 32: // space
    case 9: {
      // Indented: a JSON object, or `hilog -v monotonic`, which pads its seconds with spaces.
      let i = 1;
      while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
      const first = s.charCodeAt(i);
      if (first === 123) return parseJsonLine(s, resolver);
      if (first >= 48 && first <= 57 && s.charCodeAt(0) === 32) return parseHilogSeconds(s);
      return undefined;
    }
    case 60: // <
      return parseSyslog(s, resolver);
    case 91: // [
      return parseBracketed(s, resolver);
    case 43: // + (hilog -v zone prints the offset before the date)
    case 45:
      return parseHilogDated(s, resolver);
    default:
      break;
  }
  if (c >= 65 && c <= 90) {
    // "Oct 11 22:14:15 host app: …" (RFC 3164 without PRI), or a zone abbreviation before a hilog date.
    const syslog = s.charCodeAt(3) === 32 ? parseSyslog(s, resolver) : undefined;
    if (syslog !== undefined) return syslog;
    return looksLikeZoneThenDate(s) ? parseHilogDated(s, resolver) : undefined;
  }
  return undefined;
}

/** "CST 04-19 …": letters, a space, then a digit, within the first eight characters. */
function looksLikeZoneThenDate(s: string): boolean {
  for (let i = 2; i <= 7; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      const d = s.charCodeAt(i + 1);
      return d >= 48 && d <= 57;
    }
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return false;
}

/** Drops leading NUL/BOM/U+FFFD and ANSI SGR codes, and a trailing colour reset. */
function skipNoise(s: string): string {
  let i = 0;
  let coloured = false;
  while (i < MAX_NOISE) {
    const c = s.charCodeAt(i);
    if (c === NUL || c === BOM || c === REPLACEMENT) {
      i++;
    } else if (c === ESC && s.charCodeAt(i + 1) === 91) {
      let j = i + 2;
      while (j < i + 24 && ((s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) || s.charCodeAt(j) === 59)) j++;
      if (s.charCodeAt(j) !== 109) break; // only colour (SGR, "…m") codes are skipped
      i = j + 1;
      coloured = true;
    } else {
      break;
    }
  }
  let end = s.length;
  if (coloured && s.endsWith('\u001b[0m')) end -= 4;
  return i === 0 && end === s.length ? s : s.slice(i, end);
}
