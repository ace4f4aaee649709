import { createHash, type Hash } from 'node:crypto';
import type { SummaryJson } from '../report/summary-json.js';
import type { SummaryAccumulator } from '../report/summary.js';
import type { LineAccounting, LogRecord } from '../types.js';

/** A summary being made during a scan, and how it is rendered at the end. */
export interface SummaryOutput {
  /** Counts a record; a record the filters rejected still serves as context, without its hits. */
  add(record: LogRecord, kept: boolean): void;
  /** Starts hashing an input; the returned functions take its raw bytes and record it when it is done. */
  input(name: string): { chunk: (bytes: Buffer) => void; done: () => void };
  /** Adds a summary made elsewhere: the merged summary of a parallel scan (`--jobs`). */
  absorb(other: SummaryJson): void;
  /** The rendered summary, given the final accounting. */
  render(accounting: LineAccounting): string;
}

/**
 * Creates the summary for a summary format (markdown, json, text). The accumulator and the renderers are loaded on
 * demand: per-record runs never load them.
 */
export async function createSummaryOutput(format: 'markdown' | 'json' | 'text', catalogueVersion: string, errlensVersion: string): Promise<SummaryOutput> {
  const [{ createSummary }, { renderSummary }, { mergeSummaries }] = await Promise.all([
    import('../report/summary.js'),
    import('./merge-command.js'),
    import('../report/summary-json.js'),
  ]);
  const summary: SummaryAccumulator = createSummary();
  summary.setCatalogue({ version: catalogueVersion });
  const absorbed: SummaryJson[] = [];
  return {
    add(record, kept) {
      summary.addRecord(kept || record.hits.length === 0 ? record : { ...record, hits: [] });
    },
    input(name) {
      const hash: Hash = createHash('sha256');
      let size = 0;
      return {
        chunk: (bytes) => {
          hash.update(bytes);
          size += bytes.length;
        },
        done: () => summary.addInput({ name, size, sha256: hash.digest('hex') }),
      };
    },
    absorb(other) {
      absorbed.push(other);
    },
    render(accounting) {
      summary.setAccounting(accounting);
      let json = summary.toJSON();
      for (const other of absorbed) json = mergeSummaries(json, other);
      // `accounting` is already the total of every input, the absorbed ones included.
      if (absorbed.length > 0) json = { ...json, accounting: { ...accounting } };
      return renderSummary(json, format, errlensVersion);
    },
  };
}
