/**
 * The confidence scale every hit is placed on. One table, so outputs and tests agree on what a number means.
 *
 * - 1.0  a catalogue code behind an explicit code key (`code:`, `errCode=`, `BusinessError 201`, `OnError 200`, a JSON
 *        code field): the log states outright that this number is an error code.
 * - 0.95 a catalogue code on the same line as its own message or alias: two independent pieces of evidence agree.
 * - 0.9  a code in a weaker error context (`result 2101022`, `err=`, `[2302001]`, `-> 32390203`); or the exact,
 *        specific documented message with no number.
 * - 0.85 a specific alias (a runtime variant or a service log line) with no number; a code after a bare error word.
 * - 0.7  a short, everyday-words marker settled by the module's own context (tag, domain, module words).
 * - 0.6  a short marker accepted only because the line is an OpenHarmony API error (BusinessError, JSAPP, `err.message`).
 * - 0.5  or less: several catalogue entries could apply and context could not choose (`candidates` set, no `entry`);
 *        unknown codes (a code-shaped number in an error context that the catalogue does not know).
 */
export const CONFIDENCE = {
  explicitCode: 1,
  codeWithMessage: 0.95,
  weakContextCode: 0.9,
  specificMessage: 0.9,
  specificAlias: 0.85,
  errorWordCode: 0.85,
  settledShortMarker: 0.7,
  apiContextShortMarker: 0.6,
  ambiguous: 0.5,
  ambiguousShortMarker: 0.4,
  unknown: 0.5,
} as const;
