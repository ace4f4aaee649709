/** Shared helpers for building a ParsedLine field by field. */
import type { ParsedLine } from '../types.js';
import type { TimeResolver } from './context.js';
import { wall } from './scan.js';

/** A ParsedLine under construction; optional fields are added only when known (exactOptionalPropertyTypes). */
export type ParsedLineDraft = { -readonly [K in keyof ParsedLine]: ParsedLine[K] };

/**
 * Completes the wall-clock time last scanned into {@link wall} and records it, with its assumption, on the draft.
 * Out-of-range fields leave no time.
 */
export function setTimeFromWall(draft: ParsedLineDraft, resolver: TimeResolver): void {
  const time = resolver.complete(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.ms, wall.offset);
  if (Number.isNaN(time)) return;
  draft.time = time;
  if (resolver.assumption !== undefined) draft.timeAssumption = resolver.assumption;
}
