import { escapeRegExp, trieAlternation } from './trie-pattern.js';
import { isEveryday, type MarkerIndex } from './marker-phrases.js';

/**
 * Builds the prefilter: one regular expression that matches every line that could produce a hit, so a caller can
 * skip lines (or whole chunks of bytes) that do not match without running the extractor. False positives are fine;
 * false negatives are not. It matches when a line contains:
 *
 * - a catalogue code (or an internal code that folds into one) as a whole number: every code hit needs one;
 * - an anchor of some marker phrase, case-insensitively: a few words chosen so that every phrase contains one
 *   (see {@link chooseAnchors});
 * - with `unknown`: six digits in a row, or `code` / `错误` / `BusinessError` / `OnError` (a negative code such as
 *   `Err.code is: -1` needs one of these keys).
 *
 * `anchorKind` "words" anchors phrases on single words (a short pattern, fast over whole chunks of text); "pairs" on
 * two adjacent words with a separator between (see {@link choosePairAnchors}): far fewer ordinary lines match, but
 * the pattern is slower to run over a whole chunk, so it serves best as a second test of the lines "words" let
 * through.
 *
 * It gives the same answer on a UTF-8 line decoded as latin1 (one char per byte) as on the decoded line, so callers
 * may test raw byte chunks decoded with `latin1`: the pattern is ASCII-only when the catalogue's words are (and
 * `unknown` is off), and every non-ASCII word it holds is there twice, as text and as its UTF-8 bytes read as latin1. No flag but `i` is set: it
 * carries no `g` state, so `test` is safe to call repeatedly.
 */
export function buildPrefilter(
  codes: readonly string[],
  extraCodeSources: readonly string[],
  markers: MarkerIndex,
  unknown: boolean,
  anchorKind: 'words' | 'pairs' = 'words',
): RegExp {
  // Codes count only as whole numbers (the extractor never takes digits glued to a letter, digit or dot), which
  // keeps "A03200" or the ".201" of a timestamp from passing. A negative code's digits follow its minus sign.
  const digits = [digitTrie(codes.map((c) => c.replace(/^-/, '')).filter((c) => /^\d+$/.test(c))), ...extraCodeSources];
  const numbers = digits.filter((d) => d !== '');
  const alternatives: string[] = numbers.length === 0 ? [] : [`(?<![0-9A-Za-z.])(?:${numbers.join('|')})(?![0-9A-Za-z])`];
  const anchors: (readonly string[])[] =
    anchorKind === 'pairs'
      ? choosePairAnchors(markers.phrases.map((p) => phraseParts(p.key)))
      : chooseAnchors(markers.phrases.map((p) => p.words)).map((word) => [word]);
  for (const anchor of anchors) {
    alternatives.push(anchorSource(anchor));
    if (anchor.some((w) => /[^\x00-\x7f]/.test(w))) {
      alternatives.push(anchorSource(anchor.map((w) => Buffer.from(w, 'utf8').toString('latin1'))));
    }
  }
  if (unknown) {
    // Every key a negative code can follow: the code keys (including the Chinese 错误码 "error code", as text and as
    // its UTF-8 bytes read as latin1), BusinessError and OnError.
    alternatives.push('\\d{6}', 'code', 'businesserror', 'onerror', '错误', escapeRegExp(Buffer.from('错误', 'utf8').toString('latin1')));
  }
  const source = alternatives.filter((a) => a !== '').join('|');
  // With nothing to find, match nothing.
  return new RegExp(source === '' ? '(?!)' : source, 'i');
}

/**
 * Between two words of a phrase the extractor allows 1–8 punctuation or space characters on one line. Read as
 * latin1, a UTF-8 character is at most 3 bytes, none of them an ASCII letter, digit or line feed: so this run of
 * 1–24 such characters accepts every separator the extractor accepts, in text and in latin1-decoded bytes.
 */
const ANCHOR_SEP = '[^A-Za-z0-9\\n]{1,24}';

/** A phrase's literal parts (split at its placeholders), each a list of lower-case words: from its index key. */
function phraseParts(key: string): string[][] {
  return key
    .split('…')
    .map((part) => part.trim().split(' ').filter((w) => w !== ''))
    .filter((part) => part.length > 0);
}

/** The regex source of an anchor: its words in order, with a separator the extractor could accept between them. */
function anchorSource(words: readonly string[]): string {
  return words.map(escapeRegExp).join(ANCHOR_SEP);
}

/**
 * One anchor per phrase: two adjacent words of one of its literal parts (a phrase match contains them, in that order,
 * with a separator between), or its single word when no part has two. A pair of words is far rarer in ordinary log
 * text than either word alone ("connect" is everywhere; "connect timeout" is not), so fewer lines pass the
 * prefilter. The pair chosen has the most words that are not everyday English, then the most letters.
 */
export function choosePairAnchors(phrases: readonly (readonly (readonly string[])[])[]): string[][] {
  const chosen = new Map<string, string[]>();
  for (const parts of phrases) {
    let best: string[] | undefined;
    let bestScore = -1;
    for (const part of parts) {
      const options = part.length === 1 ? [[part[0]!]] : part.slice(1).map((w, i) => [part[i]!, w]);
      for (const option of options) {
        const score = option.filter((w) => !isEveryday(w)).length * 1000 + option.join('').length * (option.length === 2 ? 1 : 0);
        if (score > bestScore) {
          bestScore = score;
          best = option;
        }
      }
    }
    if (best !== undefined) chosen.set(best.join(' '), best);
  }
  return [...chosen.values()].sort((a, b) => (a.join(' ') < b.join(' ') ? -1 : 1));
}

/**
 * Picks few anchor strings such that every phrase contains at least one of them (as a substring of one of its
 * words): fewer alternatives make the prefilter faster. Greedy set cover over the phrases' words, preferring words
 * that are not everyday English (rarer in logs, so fewer false positives), then wider cover, then length. A word
 * covers every phrase with a word containing it ("connect" covers "connection").
 */
export function chooseAnchors(phrases: readonly (readonly string[])[]): string[] {
  const uncovered = new Set(phrases.map((_, i) => i).filter((i) => phrases[i]!.length > 0));
  const candidates = [...new Set(phrases.flat())].filter((w) => w.length >= 4);
  const covers = new Map(candidates.map((w) => [w, phrases.map((p, i) => (p.some((pw) => pw.includes(w)) ? i : -1)).filter((i) => i >= 0)]));
  const chosen: string[] = [];
  while (uncovered.size > 0) {
    let best: string | undefined;
    let bestScore = -1;
    for (const w of candidates) {
      const gain = covers.get(w)!.filter((i) => uncovered.has(i)).length;
      if (gain === 0) continue;
      // Rare words first, widest cover first; an everyday word only for phrases that have nothing else, and then
      // the longest (long everyday words are rarer in logs than "the" or "not").
      const score = isEveryday(w) ? Math.min(w.length, 99) * 100 + Math.min(gain, 99) : 1_000_000 + gain * 100 + Math.min(w.length, 99);
      if (score > bestScore) {
        bestScore = score;
        best = w;
      }
    }
    if (best === undefined) {
      // A phrase of words shorter than 4 characters only: its longest word is the anchor.
      const i = uncovered.values().next().value!;
      best = phrases[i]!.reduce((a, b) => (b.length > a.length ? b : a));
    }
    chosen.push(best);
    for (const i of covers.get(best) ?? [...uncovered].filter((j) => phrases[j]!.includes(best))) uncovered.delete(i);
  }
  // An anchor containing another is redundant: whatever it matches, the shorter one matches too.
  return chosen.filter((a) => !chosen.some((b) => b !== a && a.includes(b))).sort();
}

/** A compact alternation of digit strings as a trie (`2302(?:00(?:1|2)|99(?:8|9))`…): matches exactly those strings. */
export function digitTrie(codes: readonly string[]): string {
  return trieAlternation(codes);
}
