/**
 * The context lines around summary samples at shard seams. A shard's summary cannot know the records just before
 * its first record or just after its last, so a sample there has fewer context lines than the single-thread summary
 * would give it (`mergeSummaries` says as much). Each shard reports the context texts of its first and last
 * `contextLines` records; this puts the missing ones back, so the merged summary equals the single-thread one.
 */
import { redactText } from '../report/redact.js';
import type { SampleJson, SummaryJson } from '../report/summary-json.js';

/** One shard's part, in file order. */
export interface ShardPart {
  readonly summary: SummaryJson;
  /** Context texts of the shard's first `contextLines` records (fewer when it has fewer). */
  readonly head: readonly string[];
  /** Context texts of its last `contextLines` records. */
  readonly tail: readonly string[];
}

/**
 * Returns the shards' summaries with the context of samples next to a seam completed from the neighbouring shards.
 * Only samples of `source` are touched; a sample missing context lines can only be among the first or last
 * `contextLines` records of its shard, as every shard's summary starts with no context for its source.
 */
export function patchSeams(parts: readonly ShardPart[], source: string): SummaryJson[] {
  const first = parts[0];
  if (first === undefined) return [];
  const c = first.summary.options.contextLines;
  if (c <= 0 || parts.length < 2) return parts.map((p) => p.summary);
  // before[k]: the last c context texts of all records before shard k; after[k]: the first c after it.
  const before: (readonly string[])[] = [];
  let prior: readonly string[] = [];
  for (const part of parts) {
    before.push(prior);
    prior = [...prior, ...part.tail].slice(-c);
  }
  const after: (readonly string[])[] = new Array<readonly string[]>(parts.length);
  let next: readonly string[] = [];
  for (let k = parts.length - 1; k >= 0; k--) {
    after[k] = next;
    next = [...(parts[k] as ShardPart).head, ...next].slice(0, c);
  }
  return parts.map((part, k) => patchOne(part.summary, source, c, before[k] ?? [], after[k] ?? []));
}

function patchOne(summary: SummaryJson, source: string, c: number, before: readonly string[], after: readonly string[]): SummaryJson {
  if (before.length === 0 && after.length === 0) return summary;
  const clean = summary.options.redacted ? redactText : (t: string): string => t;
  const patchSample = (s: SampleJson): SampleJson => {
    if (s.source !== source) return s;
    let out = s;
    if (s.before.length < c && before.length > 0) {
      out = { ...out, before: [...before.slice(-(c - s.before.length)).map(clean), ...s.before] };
    }
    if (s.after.length < c && after.length > 0) {
      out = { ...out, after: [...s.after, ...after.slice(0, c - s.after.length).map(clean)] };
    }
    return out;
  };
  return { ...summary, codes: summary.codes.map((code) => ({ ...code, samples: code.samples.map(patchSample) })) };
}
