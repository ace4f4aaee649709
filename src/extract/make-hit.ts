import type { CatalogueEntry, Hit, HitKind } from '../types.js';

/** A hit under construction: optional fields are added only when they have a value (exactOptionalPropertyTypes). */
export type MutableHit = { -readonly [K in keyof Hit]: Hit[K] };

/**
 * Builds a hit with one fixed property order, without object spreads: hits are made on the per-line path, and
 * same-shaped literals keep that path fast. With one entry in `chosen` the hit gets `entry`; with several it gets
 * `candidates` and its confidence is capped at `ambiguousCap`; with none (unknown codes) neither.
 */
export function makeHit(
  code: string,
  kind: HitKind,
  match: string,
  start: number,
  end: number,
  rule: string,
  confidence: number,
  chosen: readonly CatalogueEntry[],
  ambiguousCap: number,
): MutableHit {
  const hit: MutableHit = { code, kind, match, span: [start, end], rule, confidence };
  if (chosen.length === 1) hit.entry = chosen[0]!;
  else if (chosen.length > 1) {
    hit.candidates = chosen;
    hit.confidence = Math.min(confidence, ambiguousCap);
  }
  return hit;
}
