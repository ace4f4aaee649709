/**
 * GitHub-style heading anchors, so a catalogue reference lands on the same heading as a link on the rendered page.
 */

/** Characters GitHub drops from a heading when making its anchor: everything but letters, marks, digits, `-`, `_` and spaces. */
const DROPPED = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

/** The anchor GitHub gives a heading whose rendered text is `text` (lower-cased; each space becomes `-`). */
export function headingSlug(text: string): string {
  return text.trim().toLowerCase().replace(DROPPED, '').replace(/ /g, '-');
}

/**
 * Hands out anchors for the headings of one page in order, numbering repeats (`x`, `x-1`, `x-2`) as GitHub does, so
 * the anchor of a heading depends on the headings above it.
 */
export class Slugger {
  private readonly seen = new Map<string, number>();

  /** The anchor for the next heading with rendered text `text`. */
  slug(text: string): string {
    const base = headingSlug(text);
    let slug = base;
    let count = this.seen.get(base) ?? 0;
    while (this.seen.has(slug)) {
      count += 1;
      slug = `${base}-${count}`;
    }
    this.seen.set(base, count);
    this.seen.set(slug, 0);
    return slug;
  }
}
