import type { CatalogueEntry, CatalogueJson } from '../types.js';
import { placeholderPattern } from './placeholder-pattern.js';

/** Messages and aliases shorter than this (normalised) are too generic to identify an entry inside a longer text. */
const MIN_CONTAINED_LENGTH = 8;

/** Lower-cases and folds punctuation and runs of white space to single spaces, for loose text matching. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * An immutable set of catalogue entries with lookups by code and by words.
 * Entries are keyed by page and code: one code can have several meanings.
 */
export class Catalogue {
  /** Version string outputs can cite. */
  readonly version: string;
  readonly entries: readonly CatalogueEntry[];
  private readonly byCode: Map<string, CatalogueEntry[]>;
  private readonly byId: Map<string, CatalogueEntry>;
  private matchers: { entry: CatalogueEntry; test: (text: string, normalised: string) => number }[] | undefined;

  constructor(entries: readonly CatalogueEntry[], version: string) {
    this.entries = entries;
    this.version = version;
    this.byCode = new Map();
    this.byId = new Map();
    for (const entry of entries) {
      this.byId.set(entry.id, entry);
      const list = this.byCode.get(entry.code);
      if (list === undefined) this.byCode.set(entry.code, [entry]);
      else list.push(entry);
    }
  }

  /** Every entry documented for `code` (several when pages disagree); empty when unknown. */
  lookup(code: string | number): readonly CatalogueEntry[] {
    return this.byCode.get(String(code).trim()) ?? [];
  }

  /** True when at least one entry has this code. */
  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Every distinct code, in catalogue order. */
  codes(): string[] {
    return [...this.byCode.keys()];
  }

  /**
   * Entries whose code equals `words`, or whose message, aliases, title or description contain every word of `words`
   * (case- and punctuation-insensitive). Ranked: code match, then message/alias, then title, then description.
   */
  search(words: string): CatalogueEntry[] {
    const query = normaliseText(words);
    if (query === '') return [];
    const byCode = this.lookup(words.trim());
    if (byCode.length > 0) return [...byCode];
    const terms = query.split(' ');
    const scored: { entry: CatalogueEntry; score: number; index: number }[] = [];
    this.entries.forEach((entry, index) => {
      const fields: [string, number][] = [
        [[entry.message, ...entry.aliases].map(normaliseText).join(' | '), 3],
        [normaliseText(entry.title), 2],
        [normaliseText(entry.description), 1],
      ];
      let score = 0;
      for (const [text, weight] of fields) {
        if (text.includes(query)) score = Math.max(score, weight * 2);
        else if (terms.every((t) => text.includes(t))) score = Math.max(score, weight);
      }
      if (score > 0) scored.push({ entry, score, index });
    });
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    return scored.map((s) => s.entry);
  }

  /**
   * Entries whose message or one of whose aliases occurs in `text` (a pasted log line, say): literally, ignoring case
   * and punctuation and on word boundaries, or through its placeholder pattern (`%d`, `${name}`). Ranked by the length
   * of what matched, longest first, so the most specific entry leads. Texts shorter than 8 characters are ignored.
   */
  searchWithin(text: string): CatalogueEntry[] {
    const normalised = ` ${normaliseText(text)} `;
    this.matchers ??= this.entries.map((entry) => {
      const tests = [entry.message, ...entry.aliases].flatMap((candidate): ((raw: string, norm: string) => number)[] => {
        const pattern = placeholderPattern(candidate);
        if (pattern !== undefined) {
          const regex = new RegExp(pattern, 'i');
          return [(raw) => (regex.test(raw) ? pattern.length : 0)];
        }
        const words = normaliseText(candidate);
        if (words.length < MIN_CONTAINED_LENGTH) return [];
        return [(_raw, norm) => (norm.includes(` ${words} `) ? words.length : 0)];
      });
      return { entry, test: (raw, norm) => Math.max(0, ...tests.map((t) => t(raw, norm))) };
    });
    return this.matchers
      .map(({ entry, test }, index) => ({ entry, index, score: test(text, normalised) }))
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .map((m) => m.entry);
  }

  /**
   * A new catalogue with `other`'s entries layered over this one's: an entry with the same id is replaced where it
   * stands (so the order of meanings for a code stays stable), new entries follow. The version joins both with "+".
   */
  layer(other: Catalogue): Catalogue {
    const replacements = new Map(other.entries.map((e) => [e.id, e]));
    const merged = this.entries.map((e) => {
      const replacement = replacements.get(e.id);
      if (replacement === undefined) return e;
      replacements.delete(e.id);
      return replacement;
    });
    merged.push(...replacements.values());
    return new Catalogue(merged, `${this.version}+${other.version}`);
  }

  /** The entry with this id (`<page file>#<code>`), if any. */
  get(id: string): CatalogueEntry | undefined {
    return this.byId.get(id);
  }

  toJSON(): CatalogueJson {
    return { schemaVersion: 1, version: this.version, entries: this.entries };
  }
}
