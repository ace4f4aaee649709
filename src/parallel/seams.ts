/**
 * Summary context across the tasks of a parallel scan.
 *
 * Each thread keeps one summary for every task it runs (a summary per task costs a cold accumulator and a
 * `toJSON` each, tens of milliseconds per shard). A thread's tasks are not neighbours in a file, so between two tasks
 * the thread feeds its summary {@link seamRecord}s: they end the context of samples before them and start the context
 * of the next task's first records, as the end and start of an input would, but leave a marker that
 * {@link patchSeams} finds. Seam records have no hits and no time, and the thread's accounting is set from the
 * reader, so they change nothing else the summary counts.
 *
 * A sample next to a seam thus has fewer context lines than the single-thread summary would give it. Each shard
 * reports the context texts of its first and last `contextLines` records; {@link patchSeams} drops the markers and
 * puts the missing context back from the neighbouring shards, so the merged summary equals the single-thread one.
 */
import { redactText } from '../report/redact.js';
import type { CodeSummaryJson, SampleJson, SummaryJson } from '../report/summary-json.js';
import type { LogRecord } from '../types.js';

/**
 * The text of a seam record. It survives redaction unchanged, and no scanned line can equal it: a line of control
 * characters is undecodable and never becomes a record.
 */
export const SEAM_TEXT = '\u0000errlens seam\u0000';

/** A record that only ends the context of `source` in a summary: no hits, no time, no lines. */
export function seamRecord(source: string): LogRecord {
  return { source, line: 0, lineCount: 0, text: SEAM_TEXT, fields: { format: 'plain', message: SEAM_TEXT }, hits: [] };
}

/** One shard of a file, in file order. */
export interface ShardSeam {
  /** Line number (1-based, in the whole file) of the shard's first line. */
  readonly firstLine: number;
  /** Context texts of the shard's first `contextLines` records (fewer when it has fewer). */
  readonly head: readonly string[];
  /** Context texts of its last `contextLines` records. */
  readonly tail: readonly string[];
}

/**
 * Returns `summary` without seam markers in its samples' context, the context of samples of sharded files completed
 * from the neighbouring shards. `files` maps a sharded file's name to its shards in file order.
 */
export function patchSeams(summary: SummaryJson, files: ReadonlyMap<string, readonly ShardSeam[]>): SummaryJson {
  const c = summary.options.contextLines;
  if (c <= 0) return summary;
  const clean = summary.options.redacted ? redactText : (t: string): string => t;
  const neighbours = new Map<string, { readonly firstLines: readonly number[]; readonly before: (readonly string[])[]; readonly after: (readonly string[])[] }>();
  for (const [name, shards] of files) neighbours.set(name, contextAround(shards, c));
  const patchSample = (s: SampleJson): SampleJson => {
    const before = s.before.filter((t) => t !== SEAM_TEXT);
    const after = s.after.filter((t) => t !== SEAM_TEXT);
    const around = neighbours.get(s.source);
    let k = -1;
    if (around !== undefined) k = shardOf(around.firstLines, s.line);
    const missingBefore = c - before.length;
    const missingAfter = c - after.length;
    const extraBefore = k >= 0 && missingBefore > 0 ? (around?.before[k] ?? []).slice(-missingBefore).map(clean) : [];
    const extraAfter = k >= 0 && missingAfter > 0 ? (around?.after[k] ?? []).slice(0, missingAfter).map(clean) : [];
    if (before.length === s.before.length && after.length === s.after.length && extraBefore.length === 0 && extraAfter.length === 0) return s;
    return { ...s, before: [...extraBefore, ...before], after: [...after, ...extraAfter] };
  };
  const patchCode = (code: CodeSummaryJson): CodeSummaryJson => ({ ...code, samples: code.samples.map(patchSample) });
  return { ...summary, codes: summary.codes.map(patchCode) };
}

/**
 * For each shard k: the last `c` context texts of all records before it and the first `c` after it (from the
 * shards' heads and tails, so from any number of short shards).
 */
function contextAround(
  shards: readonly ShardSeam[],
  c: number,
): { firstLines: number[]; before: (readonly string[])[]; after: (readonly string[])[] } {
  const before: (readonly string[])[] = [];
  let prior: readonly string[] = [];
  for (const shard of shards) {
    before.push(prior);
    prior = [...prior, ...shard.tail].slice(-c);
  }
  const after: (readonly string[])[] = new Array<readonly string[]>(shards.length);
  let next: readonly string[] = [];
  for (let k = shards.length - 1; k >= 0; k--) {
    after[k] = next;
    next = [...(shards[k] as ShardSeam).head, ...next].slice(0, c);
  }
  return { firstLines: shards.map((s) => s.firstLine), before, after };
}

/** The index of the last shard whose first line is at or before `line` (-1 when none is). */
function shardOf(firstLines: readonly number[], line: number): number {
  let lo = 0;
  let hi = firstLines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((firstLines[mid] as number) <= line) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
