/**
 * Extraction: finds OpenHarmony error codes and error messages ("markers") in log records.
 *
 * `createExtractor(catalogue, { unknown })` compiles everything once per catalogue; `extractor.extract(text, fields)`
 * then returns the record's hits, sorted by span. How it decides:
 *
 * - **Numbers** ({@link CODE_RULES}). A standalone number (not inside a word, hex string, decimal, IP, date, time,
 *   URL or longer number; not in the header columns of a hilog/DevEco line) is a code only when the catalogue knows
 *   it (directly, or as an internal network code that folds into a public one) and a rule finds an error-code
 *   context: a code key, `BusinessError N`, `OnError N`, a JSON code field, `result N`, `err=N`, `[N]`, `-> N`, a
 *   failure word, or the code's own message on the same line. Short codes (200, 201, 202, 203, 401, 801) need an
 *   explicit key and no HTTP context; 200 also needs WebSocket context. With `unknown`, code-shaped numbers the
 *   catalogue lacks are reported as kind "unknown" with their family.
 * - **Markers** ({@link MARKER_RULES}). Every entry's message and aliases, matched case- and punctuation-insensitively
 *   over the original text: one regex of the phrases' first words (a trie) proposes starts, and one small sticky
 *   regex per group of phrases sharing their first words confirms which phrase stands there. Specific phrases stand alone; everyday or shared phrases need an
 *   OpenHarmony context, never count in a POSIX/file context or in a record plainly about another module, and are
 *   settled between entries by the record's tag, domain and words — else the hit carries every candidate.
 * - **Evidence policy**: one hit per occurrence of evidence. A phrase restating a code found as a number on the
 *   same line gives no hit of its own; the same code and span are reported once.
 * - **Confidence**: see {@link CONFIDENCE}.
 * - **Cost**: every pattern is linear in the line (bounded quantifiers, bounded look-back windows); context is
 *   computed only when a candidate needs it. `extractor.prefilter` lets callers skip lines that cannot hit.
 */
export { createExtractor, type Extractor, type ExtractorOptions } from './extractor.js';
export { CODE_RULES, type CodeRule } from './code-rules.js';
export { MARKER_RULES, type MarkerRule } from './marker-rules.js';
export { CONFIDENCE } from './confidence.js';
