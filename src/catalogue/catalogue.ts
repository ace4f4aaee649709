import type { CatalogueEntry, CatalogueJson } from '../types.js';

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

  constructor(entries: readonly CatalogueEntry[], version: string) {
    this.entries = entries;
    this.version = version;
    this.byCode = new Map();
    for (const entry of entries) {
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

  /** A new catalogue with `other`'s entries layered over this one's: an entry with the same id is replaced. */
  layer(other: Catalogue): Catalogue {
    const ids = new Set(other.entries.map((e) => e.id));
    const merged = [...this.entries.filter((e) => !ids.has(e.id)), ...other.entries];
    return new Catalogue(merged, `${this.version}+${other.version}`);
  }

  toJSON(): CatalogueJson {
    return { schemaVersion: 1, version: this.version, entries: this.entries };
  }
}
