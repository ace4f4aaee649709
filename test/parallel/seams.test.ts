/**
 * Seam records and `patchSeams`, in this process: shards of a file scanned in any order by one or more summary
 * accumulators (as the threads of a parallel scan do), with seam records after each shard, patched, must give the
 * summary of the whole file scanned at once.
 */
import fc from 'fast-check';
import { alignShards, type ReadAt } from '../../src/parallel/plan.js';
import { LineCounter } from '../../src/parallel/count-lines.js';
import { contextText } from '../../src/parallel/run-task.js';
import { patchSeams, SEAM_TEXT, seamRecord, type ShardSeam } from '../../src/parallel/seams.js';
import { redactText } from '../../src/report/redact.js';
import { mergeSummaries, type SummaryJson } from '../../src/report/summary-json.js';
import { createSummary } from '../../src/report/summary.js';
import { createErrlensStream } from '../../src/stream.js';
import type { LogRecord } from '../../src/types.js';

const SOURCE = 'app.log';

/** The records a summary sees (hits, their context and the edge lines), line numbers moved by `offset`. */
async function scan(buf: Buffer, offset: number): Promise<LogRecord[]> {
  const stream = createErrlensStream({ source: SOURCE, context: 1, idleFlushMs: Infinity, year: 2026, tz: 'UTC' });
  const out: LogRecord[] = [];
  stream.on('data', (r: LogRecord) => out.push({ ...r, line: r.line + offset }));
  const done = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  stream.end(buf);
  await done;
  return out;
}

function lines(buf: Buffer): number {
  const counter = new LineCounter();
  counter.push(buf);
  return counter.end();
}

const reader =
  (buf: Buffer): ReadAt =>
  (position, length) =>
    Promise.resolve(Buffer.from(buf.subarray(position, Math.min(buf.length, position + length))));

/** What must match: everything but the accounting (the thread summaries count the seam records as records). */
function comparable(s: SummaryJson): unknown {
  return { codes: s.codes, span: s.span, sequences: s.sequences };
}

/** A log line of some kind; its time comes from its position (times only grow, as in a real log). */
const line = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 999 }).map((n) => (time: string) => `${time} ok step ${n}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('2302001', '2302999', '401', '2100003', '32390201'), fc.integer({ min: 0, max: 255 }))
      .map(([code, n]) => (time: string) => `${time} request failed, code: ${code}, message: x from 10.0.0.${n}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('Error: boom', '    at a (f.js:1:2)', 'plain words').map((text) => () => text) },
);

function timeOf(i: number): string {
  return new Date(Date.UTC(2026, 4, 14, 9, 0, 0) + i * 7_000).toISOString();
}

describe('seam records', () => {
  it('survive redaction, so patchSeams finds them in redacted summaries', () => {
    expect(redactText(SEAM_TEXT)).toBe(SEAM_TEXT);
    expect(seamRecord(SOURCE)).toMatchObject({ source: SOURCE, hits: [], lineCount: 0, text: SEAM_TEXT });
  });
});

describe('patchSeams (property)', () => {
  it('shards summarised in any order by any number of threads, patched, give the summary of the whole file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 80 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
        async (texts, fractions, threads, shuffle) => {
          // The file starts and ends with timed lines: the span of a summary is that of the records it sees, and a shard's
          // edge lines are seen where the whole file's are not, so only timed file edges make both spans agree.
          const all = [(time: string) => `${time} start`, ...texts, (time: string) => `${time} end`];
          const buf = Buffer.from(`${all.map((make, i) => make(timeOf(i))).join('\n')}\n`);
          const whole = createSummary();
          for (const r of await scan(buf, 0)) whole.addRecord(r);

          const cuts = [...new Set(fractions.map((f) => Math.floor(f * buf.length)))].sort((a, b) => a - b);
          const ranges = await alignShards(reader(buf), buf.length, cuts);
          const seams: ShardSeam[] = [];
          const shards: { records: LogRecord[]; thread: number; order: number }[] = [];
          let offset = 0;
          for (const [k, r] of ranges.entries()) {
            const part = buf.subarray(r.start, r.end);
            const records = await scan(part, offset);
            const first = records[0];
            const last = records[records.length - 1];
            seams.push({ firstLine: offset + 1, head: first ? [contextText(first.text)] : [], tail: last ? [contextText(last.text)] : [] });
            shards.push({ records, thread: (shuffle[k % shuffle.length] ?? 0) % threads, order: shuffle[(k * 7) % shuffle.length] ?? 0 });
            offset += lines(part);
          }
          const summaries = Array.from({ length: threads }, () => createSummary());
          for (const shard of [...shards].sort((a, b) => a.order - b.order)) {
            const summary = summaries[shard.thread];
            if (summary === undefined) continue;
            for (const r of shard.records) summary.addRecord(r);
            summary.addRecord(seamRecord(SOURCE));
          }
          const merged = summaries.map((s) => s.toJSON()).reduce((a, b) => mergeSummaries(a, b));
          const patched = patchSeams(merged, new Map([[SOURCE, seams]]));
          expect(comparable(patched)).toEqual(comparable(whole.toJSON()));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves a summary without seam markers and without sharded files as it is', () => {
    const summary = createSummary().toJSON();
    expect(patchSeams(summary, new Map())).toEqual(summary);
  });
});
