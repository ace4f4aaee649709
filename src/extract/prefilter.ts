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
 * It gives the same answer on a UTF-8 line decoded as latin1 (one char per byte) as on the decoded line, so callers
 * may test raw byte chunks decoded with `latin1`: the pattern is ASCII-only when the catalogue's words are (and
 * `unknown` is off), and every non-ASCII word it holds is there twice, as text and as its UTF-8 bytes read as latin1. No flag but `i` is set: it
 * carries no `g` state, so `test` is safe to call repeatedly.
 */
export function buildPrefilter(codes: readonly string[], extraCodeSources: readonly string[], markers: MarkerIndex, unknown: boolean): RegExp {
  // Codes count only as whole numbers (the extractor never takes digits glued to a letter, digit or dot), which
  // keeps "A03200" or the ".201" of a timestamp from passing. A negative code's digits follow its minus sign.
  const digits = [digitTrie(codes.map((c) => c.replace(/^-/, '')).filter((c) => /^\d+$/.test(c))), ...extraCodeSources];
  const numbers = digits.filter((d) => d !== '');
  const alternatives: string[] = numbers.length === 0 ? [] : [`(?<![0-9A-Za-z.])(?:${numbers.join('|')})(?![0-9A-Za-z])`];
  for (const anchor of chooseAnchors(markers.phrases.map((p) => p.words))) {
    alternatives.push(escapeRegExp(anchor));
    if (/[^\x00-\x7f]/.test(anchor)) alternatives.push(escapeRegExp(Buffer.from(anchor, 'utf8').toString('latin1')));
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
