import type { Hit } from '../types.js';
import { CONFIDENCE } from './confidence.js';
import { type LineContext, moduleIdOf } from './line-context.js';
import { makeHit } from './make-hit.js';
import type { PhraseMatch } from './marker-phrases.js';
import { settle } from './settle-entries.js';

/**
 * Turns one phrase occurrence into a hit according to the marker rules (see `MARKER_RULES`), or undefined when its
 * context rejects it. `ctxOf` is called only when the phrase needs context (weak, or shared by several entries).
 * An ambiguous hit's `code` is its first candidate's, in catalogue order.
 */
export function markerHit(text: string, p: PhraseMatch, ctxOf: () => LineContext): Hit | undefined {
  const { phrase, start, end } = p;
  const match = text.slice(start, end);
  if (!phrase.weak && phrase.entries.length === 1) {
    // A specific phrase of one entry needs no context: the common case, kept free of the context scan.
    const { entry, source } = phrase.entries[0]!;
    const rule = source === 'message' ? 'marker.message' : 'marker.alias';
    const confidence = source === 'message' ? CONFIDENCE.specificMessage : CONFIDENCE.specificAlias;
    return makeHit(entry.code, 'marker', match, start, end, rule, confidence, [entry], CONFIDENCE.ambiguous);
  }
  const entries = phrase.entries.map((e) => e.entry);
  const ctx = ctxOf();
  const { chosen, strength } = settle(entries, ctx);
  const code = chosen[0]!.code;
  if (!phrase.weak) {
    if (chosen.length > 1) return makeHit(code, 'marker', match, start, end, 'marker.ambiguous', CONFIDENCE.ambiguous, chosen, CONFIDENCE.ambiguous);
    const source = phrase.entries.find((e) => e.entry === chosen[0])?.source;
    const rule = source === 'message' ? 'marker.message' : 'marker.alias';
    const confidence = source === 'message' ? CONFIDENCE.specificMessage : CONFIDENCE.specificAlias;
    return makeHit(code, 'marker', match, start, end, rule, confidence, chosen, CONFIDENCE.ambiguous);
  }
  // A weak phrase: everyday words, or shared by several codes. It needs the record to back it.
  if (ctx.posix) return undefined;
  if (strength < 2 && !ctx.errorApi) return undefined;
  // A module's everyday phrase ("Connect timeout.") in a record that is plainly about something else (HTTP, or another
  // module's tag or domain) is that other thing's message. A generic word of its own module (strength 1, maybe the
  // phrase's own "connection") does not outweigh that. Universal codes apply to every module and are exempt.
  if (strength < 2 && entries.some((e) => moduleIdOf(e.module) !== undefined) && (ctx.http || ctx.foreignStrength(entries) >= 3)) {
    return undefined;
  }
  if (chosen.length > 1) {
    return makeHit(code, 'marker', match, start, end, 'marker.ambiguous', CONFIDENCE.ambiguousShortMarker, chosen, CONFIDENCE.ambiguousShortMarker);
  }
  const confidence = strength >= 2 ? CONFIDENCE.settledShortMarker : CONFIDENCE.apiContextShortMarker;
  return makeHit(code, 'marker', match, start, end, 'marker.context', confidence, chosen, CONFIDENCE.ambiguous);
}

