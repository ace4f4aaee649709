import { escapeRegExp, trieAlternation } from './trie-pattern.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { CatalogueEntry } from '../types.js';

/**
 * Compiles every entry's message and aliases into a marker index: one combined regex of the phrases' distinct first
 * words (a compact trie, case-insensitive) that finds where a phrase may start, and a tree of leading words (up to
 * three) whose nodes group the phrases starting with them, each group as one sticky regex that confirms which phrase
 * stands there. Everything runs over the original text,
 * so match offsets are spans in that text: no normalised copy to map back. The cost per line grows with the number of
 * distinct first words (a trie), not with the number of phrases, so a catalogue of thousands of entries stays fast.
 *
 * A phrase is its words (letters and digits) in order; between two words any run of 1–8 other characters on the same
 * line matches (but not an identifier joint, see {@link SEP}), so "Can't listen to the given NIC" matches
 * "can't listen to the given nic." and "CAN'T  LISTEN…", while "Websocket connect failed" does not match the API
 * name in "webSocket.connect failed".
 * A placeholder (`%d`, `%s`, `%{public}d`, `${name}`, …) between words matches a bounded lazy run of any characters.
 * Every quantifier is bounded and words and separators are disjoint character classes, so a failed attempt at one
 * position costs at most a constant: the search is linear in the length of the text.
 */

/** Placeholders as the catalogue convention writes them (same set as the catalogue's placeholder compiler). */
const PLACEHOLDER = /\$\{[^}\s]{1,64}\}|%(?:\{(?:public|private)\})?(?:hh|h|ll|l|L|z|j|t)?[dsuifxXcp]/g;
const WORD = /[\p{L}\p{N}]+/gu;
/**
 * Punctuation and spaces: ASCII other than letters, digits and the line feed; Latin-1 punctuation; general
 * punctuation (’ “ ” …); CJK and full-width punctuation (，。：). Letters of other scripts are not separators, so
 * "Websocket连接url error" is not "Websocket url error".
 */
const PUNCT =
  '[\\x00-\\x09\\x0B-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\xBF\\u2000-\\u206F\\u3000-\\u303F\\uFF00-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65]';
/**
 * Between two words: 1–8 punctuation or space characters on the same line, except an identifier's own joints
 * (`webSocket.connect`, `link_enhance`, `Foo::bar`, `a->b`, `a/b`): those make one name, not two words of a sentence.
 */
const SEP = `(?!(?:\\.|_|::|->|/)[A-Za-z0-9])${PUNCT}{1,8}`;
/** A placeholder's value: a bounded lazy run of anything on the same line. */
const GAP = '[^\\n]{1,64}?';
/** Phrase edges: not inside an ASCII word. Other scripts may touch a phrase ("连接Websocket url error失败"). */
const NOT_WORD_BEFORE = '(?<![A-Za-z0-9])';
const NOT_WORD_AFTER = '(?![A-Za-z0-9])';

/**
 * Everyday words. A phrase made only of these and at most {@link WEAK_MAX_CHARS} characters long (normalised) is
 * "weak": it turns up in unrelated software ("Permission denied", "Internal error", "Connect timeout"), so it is
 * evidence only with supporting context. Phrases with a distinctive word (websocket, ParseUrl, NIC) or longer phrases
 * are specific enough alone.
 */
const EVERYDAY = new Set(
  (
    'a an the of to is are was be been not no does do did has have this that it its for in on at by with from and or ' +
    'error errors internal system invalid parameter parameters value values connection connections connect connected ' +
    'timeout time out ready permission denied capability capabilities supported support failed fail failure server ' +
    'servers service services name duplicate callback exist exists existed found same number max maximum request ' +
    'requests limit exceeds exceeded allowed access domain operation cannot can t unknown other peer started start ' +
    'given port file certificate url already listen client network data user input output type types mandatory ' +
    'unspecified verification api application function prohibited policy policies device devices memory null ' +
    'pointer abnormal unavailable unsupported exceed exception busy closed open opened disconnected remote local ' +
    'empty missing wrong bad incorrect illegal too many over call calls possible causes left required'
  ).split(' '),
);
/** True for an everyday word (see {@link EVERYDAY}). */
export function isEveryday(word: string): boolean {
  return EVERYDAY.has(word);
}

/** Longest normalised length of a weak phrase. */
export const WEAK_MAX_CHARS = 24;

/** Where a phrase came from in an entry. */
export type PhraseSource = 'message' | 'alias';

/** One distinct phrase (after normalisation) and every entry it belongs to. */
export interface MarkerPhrase {
  /** Normalised text, placeholders as "…", e.g. "return falied for uid … has registered over … callback". */
  readonly key: string;
  readonly entries: readonly { readonly entry: CatalogueEntry; readonly source: PhraseSource }[];
  /** Shared by entries with different codes, or made of everyday words only and short. */
  readonly weak: boolean;
  /** The literal words of the phrase, lower-case, in order: every match contains each of them (the prefilter uses this). */
  readonly words: readonly string[];
}

/** All marker phrases of a catalogue and the regex that finds where they may start. */
export interface MarkerIndex {
  readonly phrases: readonly MarkerPhrase[];
  /**
   * Global, case-insensitive: finds every first word of some phrase, as a whole word, in capture group 1. Undefined when
   * the catalogue has no phrase. When `regexTakesBoundary`, a match also takes the character before the word (or starts
   * at the start of the text), see {@link leadRegex}.
   */
  readonly regex: RegExp | undefined;
  /** `regex` takes the character before the word: a search for words from `i` starts at `i - 1`. */
  readonly regexTakesBoundary: boolean;
  /**
   * Phrases by their lower-cased first words (up to three), as a tree of words: each node holds the group of phrases
   * whose leading words end there (longest first, one sticky regex trying them all at a position: capture group
   * i + 1 is `phrases[i]`), and the nodes for the words that may follow.
   */
  readonly leads: ReadonlyMap<string, LeadNode>;
}

/** A node of the leading-words tree (see `MarkerIndex.leads`). */
export interface LeadNode {
  group?: { readonly phrases: readonly MarkerPhrase[]; readonly regex: RegExp };
  readonly next: Map<string, LeadNode>;
}

interface Compiled {
  key: string;
  source: string;
  words: string[];
  /** Up to {@link LEAD_WORDS} words the phrase starts with (before any placeholder): where it sits in the tree. */
  lead: string[];
  literalChars: number;
}

/**
 * Phrases are grouped by their first words, up to this many: a group then holds few phrases (a catalogue of
 * thousands has dozens of "Failed to …" messages, but few share three words), so its regex stays small.
 */
const LEAD_WORDS = 3;

/** Compiles one phrase; undefined when it has no literal word. Leading/trailing placeholders are dropped. */
function compilePhrase(text: string): Compiled | undefined {
  const parts = text.split(PLACEHOLDER).map((part) => part.match(WORD)?.map((w) => w.toLowerCase()) ?? []);
  while (parts.length > 0 && parts[0]!.length === 0) parts.shift();
  while (parts.length > 0 && parts[parts.length - 1]!.length === 0) parts.pop();
  if (parts.length === 0) return undefined;
  const words: string[] = [];
  const keyParts: string[] = [];
  const sourceParts: string[] = [];
  parts.forEach((part, i) => {
    if (i > 0) {
      keyParts.push('…');
      sourceParts.push(`${NOT_WORD_AFTER}${GAP}${NOT_WORD_BEFORE}`);
    }
    if (part.length === 0) return;
    words.push(...part);
    keyParts.push(part.join(' '));
    sourceParts.push(part.map(escapeRegExp).join('\u0000'));
  });
  const key = keyParts.join(' ').replace(/… …/g, '…');
  const joined = sourceParts.join('');
  return {
    key,
    source: joined.split('\u0000').join(SEP),
    words,
    lead: parts[0]!.slice(0, LEAD_WORDS),
    literalChars: words.join(' ').length,
  };
}

/** Builds the marker index of a catalogue: every message and alias, grouped by normalised phrase. */
export function buildMarkerIndex(catalogue: Catalogue): MarkerIndex {
  const byKey = new Map<string, { compiled: Compiled; entries: { entry: CatalogueEntry; source: PhraseSource }[] }>();
  const add = (entry: CatalogueEntry, text: string, source: PhraseSource): void => {
    const compiled = compilePhrase(text);
    if (compiled === undefined) return;
    let group = byKey.get(compiled.key);
    if (group === undefined) {
      group = { compiled, entries: [] };
      byKey.set(compiled.key, group);
    }
    const existing = group.entries.find((e) => e.entry.id === entry.id);
    if (existing === undefined) group.entries.push({ entry, source });
    else if (source === 'message') existing.source = 'message';
  };
  for (const entry of catalogue.entries) {
    if (entry.message.trim() !== '') add(entry, entry.message, 'message');
    for (const alias of entry.aliases) add(entry, alias, 'alias');
  }
  // Longest first, so at one start position the longer phrase wins ("System internal error" over "internal error").
  const groups = [...byKey.values()].sort((a, b) => b.compiled.literalChars - a.compiled.literalChars);
  const phrases: MarkerPhrase[] = groups.map(({ compiled, entries }) => {
    const codes = new Set(entries.map((e) => e.entry.code));
    const everyday = compiled.words.every((w) => EVERYDAY.has(w)) && compiled.literalChars <= WEAK_MAX_CHARS;
    return { key: compiled.key, entries, weak: codes.size > 1 || everyday, words: compiled.words };
  });
  const leads = new Map<string, LeadNode>();
  const pending = new Map<LeadNode, { phrases: MarkerPhrase[]; sources: string[] }>();
  groups.forEach((g, i) => {
    let level = leads;
    let node: LeadNode | undefined;
    for (const word of g.compiled.lead) {
      node = level.get(word);
      if (node === undefined) level.set(word, (node = { next: new Map() }));
      level = node.next;
    }
    let group = pending.get(node!);
    if (group === undefined) pending.set(node!, (group = { phrases: [], sources: [] }));
    group.phrases.push(phrases[i]!);
    group.sources.push(`(${g.compiled.source}${NOT_WORD_AFTER})`);
  });
  for (const [node, g] of pending) node.group = { phrases: g.phrases, regex: new RegExp(g.sources.join('|'), 'iy') };
  const lead = leads.size === 0 ? undefined : leadRegex([...leads.keys()]);
  return { phrases, regex: lead?.regex, regexTakesBoundary: lead?.takesBoundary ?? false, leads };
}

/**
 * The regex of first words. Words made of ASCII letters and digits only (the usual case) are found after a boundary
 * character the match takes, `(?:^|[^A-Za-z0-9])`, rather than behind a look-behind: irregexp then tries a word only
 * where a non-word character starts a match, which scans a line a third faster. It finds the same words: such a word
 * ends before a non-word character, so the next one can start no earlier than the character after it, and the search
 * may resume right after a word (or a phrase, which ends the same way). Other words (a catalogue in Chinese: a word may
 * touch the next) keep the look-behind.
 */
function leadRegex(words: readonly string[]): { regex: RegExp; takesBoundary: boolean } {
  const trie = `(${wordTrie(words)})${NOT_WORD_AFTER}`;
  if (words.every((w) => /^[A-Za-z0-9]+$/.test(w))) return { regex: new RegExp(`(?:^|[^A-Za-z0-9])${trie}`, 'gi'), takesBoundary: true };
  return { regex: new RegExp(`${NOT_WORD_BEFORE}${trie}`, 'gi'), takesBoundary: false };
}

/** One phrase occurrence in a text. */
export interface PhraseMatch {
  readonly phrase: MarkerPhrase;
  readonly start: number;
  readonly end: number;
}

/**
 * The next word after a position: a short run of separators, then letters or digits (as phrase words are cut). A word
 * starting with ASCII ends with its ASCII run, since phrase edges are ASCII word boundaries ("error失败" reads "error").
 */
const NEXT_WORD = /[^\p{L}\p{N}\n]{1,8}([A-Za-z0-9]+|[\p{L}\p{N}]+)/uy;

/**
 * Every phrase occurrence in `text[from, …)`, left to right, non-overlapping. The first-word regex proposes a start;
 * the words there pick the groups of phrases that may stand there (by three, two, then one leading words), and the
 * first group whose sticky regex matches gives the phrase (longest first within a group). When none does (say
 * "webSocket.connect failed", an API name, not "Websocket connect failed"), the search goes on after that word.
 */
export function findPhrases(index: MarkerIndex, text: string, from: number): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  const re = index.regex;
  if (re === undefined) return out;
  // A word at `from` has its boundary character just before it.
  re.lastIndex = index.regexTakesBoundary && from > 0 ? from - 1 : from;
  const path: LeadNode[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const word = m[1]!;
    const start = m.index + m[0].length - word.length;
    // Resuming one character early lets `^` take a word at 0 when `from` is 1: that word lies before the range.
    if (start < from) continue;
    // Walk the leading-words tree as far as the text's next words go, then try the deepest group first.
    path.length = 0;
    let node = leadNode(index.leads, word);
    NEXT_WORD.lastIndex = start + word.length;
    while (node !== undefined) {
      path.push(node);
      if (node.next.size === 0) break;
      const w = NEXT_WORD.exec(text);
      node = w === null ? undefined : leadNode(node.next, w[1]!);
    }
    for (let k = path.length - 1; k >= 0; k--) {
      const group = path[k]!.group;
      if (group === undefined) continue;
      group.regex.lastIndex = start;
      const s = group.regex.exec(text);
      if (s === null) continue;
      let g = 1;
      while (g < s.length && s[g] === undefined) g++;
      const phrase = group.phrases[g - 1];
      if (phrase === undefined) continue;
      out.push({ phrase, start, end: start + s[0].length });
      re.lastIndex = start + s[0].length;
      break;
    }
  }
  return out;
}

/** The node of `word` among the lower-case words of `nodes`: most words in logs are lower-case already. */
function leadNode(nodes: ReadonlyMap<string, LeadNode>, word: string): LeadNode | undefined {
  return nodes.get(word) ?? nodes.get(word.toLowerCase());
}

/** A compact alternation of words (see {@link trieAlternation}), grouped so it can stand between look-arounds. */
function wordTrie(words: readonly string[]): string {
  return `(?:${trieAlternation(words)})`;
}
