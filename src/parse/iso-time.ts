/** ISO-8601-like timestamps used as whole values ("2026-11-21T10:15:32.123Z", "2026-11-21 10:15:32,5 +0800"). */
import type { TimeResolver } from './context.js';
import { setTimeFromWall, type ParsedLineDraft } from './fields.js';
import { scanIsoDateTime } from './scan.js';

/**
 * Reads a whole string as an ISO timestamp (date, optional time, optional zone) and sets `time` (and
 * `timeAssumption` when it has no zone) on the draft.
 * @returns false, leaving the draft alone, when the string is not one.
 */
export function setIsoTime(draft: ParsedLineDraft, text: string, resolver: TimeResolver): boolean {
  if (text.length > 40 || scanIsoDateTime(text, 0, false) !== text.length) return false;
  setTimeFromWall(draft, resolver);
  return true;
}
