import type { LineAccounting } from '../types.js';

/** An accounting with every count at zero, to add inputs' accountings into. */
export function zeroAccounting(): LineAccounting {
  return { linesRead: 0, linesWithHits: 0, linesWithoutHits: 0, linesTooLong: 0, linesUndecodable: 0, records: 0, recordsWithHits: 0, hits: 0 };
}

/** Adds `more` into `total` (mutating it): the accounting of several inputs is the sum of theirs. */
export function addAccounting(total: LineAccounting, more: LineAccounting): void {
  total.linesRead += more.linesRead;
  total.linesWithHits += more.linesWithHits;
  total.linesWithoutHits += more.linesWithoutHits;
  total.linesTooLong += more.linesTooLong;
  total.linesUndecodable += more.linesUndecodable;
  total.records += more.records;
  total.recordsWithHits += more.recordsWithHits;
  total.hits += more.hits;
}

/** The `--stats` text for stderr: one line per count, prefixed so it cannot be taken for output. */
export function formatAccounting(a: LineAccounting): string {
  return [
    `errlens: stats: lines read: ${a.linesRead}`,
    `errlens: stats:   with hits: ${a.linesWithHits}`,
    `errlens: stats:   without hits: ${a.linesWithoutHits}`,
    `errlens: stats:   too long (cut): ${a.linesTooLong}`,
    `errlens: stats:   undecodable: ${a.linesUndecodable}`,
    `errlens: stats: records: ${a.records} (with hits: ${a.recordsWithHits})`,
    `errlens: stats: hits: ${a.hits}`,
    '',
  ].join('\n');
}
