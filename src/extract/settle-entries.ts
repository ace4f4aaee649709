import type { CatalogueEntry } from '../types.js';
import type { LineContext } from './line-context.js';

/**
 * Keeps the entries whose module the context points at most strongly (all of them when context says nothing), with
 * that strength (0–3, see `LineContext.moduleStrength`).
 */
export function settle(entries: readonly CatalogueEntry[], ctx: LineContext): { chosen: readonly CatalogueEntry[]; strength: number } {
  if (entries.length <= 1) return { chosen: entries, strength: entries.length === 1 ? ctx.moduleStrength(entries[0]!.module) : 0 };
  const strengths = entries.map((e) => ctx.moduleStrength(e.module));
  const best = Math.max(...strengths);
  if (best === 0) return { chosen: entries, strength: 0 };
  return { chosen: entries.filter((_, i) => strengths[i] === best), strength: best };
}

