/**
 * Annotation helpers. The extractor already attaches catalogue entries to hits (`entry` when context settled one,
 * `candidates` when it could not), so annotation is a read of the hit; these helpers give every output one way to read it.
 */
import type { CatalogueEntry, Hit } from '../types.js';

/** The entries a hit may stand for: its entry, else its candidates, else none (unknown codes). */
export function entriesOf(hit: Hit): readonly CatalogueEntry[] {
  if (hit.entry !== undefined) return [hit.entry];
  return hit.candidates ?? [];
}

/** The entry of a hit when exactly one applies; undefined for ambiguous and unknown hits. */
export function entryOf(hit: Hit): CatalogueEntry | undefined {
  return hit.entry;
}

/**
 * A one-line plain-text description of a hit, for logs and plain outputs:
 * `2302001 WebSocket URL Error (WebSocket)`, `one of 2302999 Internal Error (WebSocket) | 32390300 Internal Error
 * (Link Enhancement)`, `2302006 unknown (WebSocket)`. An internal code is shown after the public one.
 */
export function describeHit(hit: Hit): string {
  const printed = hit.internalCode === undefined ? '' : ` [printed ${hit.internalCode}]`;
  if (hit.entry !== undefined) return `${hit.code} ${hit.entry.title} (${hit.entry.module})${printed}`;
  if (hit.candidates !== undefined && hit.candidates.length > 0) {
    return `one of ${hit.candidates.map((e) => `${e.code} ${e.title} (${e.module})`).join(' | ')}`;
  }
  return `${hit.code} unknown${hit.family === undefined ? '' : ` (${hit.family})`}`;
}
