import fc from 'fast-check';
import { alignCut, alignShards, MIN_JOBS_FOR_SHARDS_OR_RECORDS, planShards, planTasks, worthParallel, type PlanInput, type ReadAt, type ScanTask } from '../../src/parallel/plan.js';
import { LineCounter, ShardBuffer } from '../../src/parallel/count-lines.js';
import { mayContinue } from '../../src/scan/continuation.js';
import { createErrlensStream } from '../../src/stream.js';
import type { LogRecord } from '../../src/types.js';

/** A reader over a Buffer, as the planner sees a file. */
function bufferReader(buf: Buffer): ReadAt {
  return (position, length) => Promise.resolve(Buffer.from(buf.subarray(position, Math.min(buf.length, position + length))));
}

/** Line starts as the stream's LineCutter defines them: 0 and after "\n", "\r\n" or a lone "\r". */
function lineStarts(buf: Buffer): number[] {
  const starts = buf.length > 0 ? [0] : [];
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x0a || (b === 0x0d && buf[i + 1] !== 0x0a)) {
      if (i + 1 < buf.length) starts.push(i + 1);
    }
  }
  return starts;
}

/** The line (latin1, without terminator) starting at `start`. */
function lineAt(buf: Buffer, start: number): string {
  let end = start;
  while (end < buf.length && buf[end] !== 0x0a && buf[end] !== 0x0d) end++;
  return buf.toString('latin1', start, end);
}

/** A boundary as alignCut defines it: a line start where this line and its neighbours all start records. */
function isBoundary(buf: Buffer, starts: readonly number[], start: number): boolean {
  const i = starts.indexOf(start);
  if (i < 0 || mayContinue(lineAt(buf, start))) return false;
  const before = starts[i - 1];
  const after = starts[i + 1];
  if (before !== undefined && before > 0 && mayContinue(lineAt(buf, before))) return false;
  return after === undefined || !mayContinue(lineAt(buf, after));
}

const lineText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'x', '1', 'é', '中'), maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom('  at foo (a.js:1:2)', 'at bar (b.ets:3:4)', 'TypeError: boom', 'Caused by: x', '... 3 more', '\tindented', '') },
  { weight: 2, arbitrary: fc.constantFrom('E 2302001 WebSocket error', 'plain line', 'error: code 401') },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);
const terminator = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** A file: lines with random terminators, the last one possibly without. */
const fileBytes = fc
  .tuple(fc.array(fc.tuple(lineText, terminator), { minLength: 1, maxLength: 60 }), fc.boolean())
  .map(([lines, lastOpen]) => {
    const text = lines.map(([l, t], i) => (lastOpen && i === lines.length - 1 ? l : l + t)).join('');
    return Buffer.from(text, 'utf8');
  });

describe('planShards', () => {
  it('keeps small files and single jobs whole', () => {
    expect(planShards(10, { jobs: 4, shardThreshold: 100 })).toEqual([]);
    expect(planShards(1000, { jobs: 1, shardThreshold: 100, minShardBytes: 1 })).toEqual([]);
  });

  it('cuts the rest of the file by twice the jobs, between the minimum and the maximum, the rest into the last', () => {
    // 1000 / 4 = 250, then 750 / 4 -> 188, 562 / 4 -> 141, 421 / 4 -> 106, then 100 until under 100 would be left.
    expect(planShards(1000, { jobs: 2, shardThreshold: 100, minShardBytes: 100, maxShardBytes: 1000 })).toEqual([250, 438, 579, 685, 785, 885]);
    // The same under a maximum of 200: 200, 200, then 600 / 4 = 150, 450 / 4 -> 113, then 100.
    expect(planShards(1000, { jobs: 2, shardThreshold: 100, minShardBytes: 100, maxShardBytes: 200 })).toEqual([200, 400, 550, 663, 763, 863]);
    // A maximum under the minimum is the minimum.
    expect(planShards(1000, { jobs: 8, shardThreshold: 100, minShardBytes: 300, maxShardBytes: 1 })).toEqual([300, 600]);
  });

  it('by default cuts a large file into shards of 4 MiB, smaller towards the end', () => {
    const cuts = planShards(200 * 2 ** 20, { jobs: 2 });
    const sizes = [...cuts, 200 * 2 ** 20].map((c, i) => c - (cuts[i - 1] ?? 0));
    expect(sizes[0]).toBe(4 * 2 ** 20);
    expect(sizes.length).toBeGreaterThan(50);
    expect(sizes[sizes.length - 2]).toBeLessThan(2 ** 20);
    expect(planShards(8 * 2 ** 20, { jobs: 2 })).toEqual([]);
  });

  it('plans shards that cover the file, none over the maximum, none but the last under the minimum, never growing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 100, max: 1e5 }), fc.integer({ min: 1, max: 1e6 }), (size, jobs, min, max) => {
        const cuts = planShards(size, { jobs, shardThreshold: 0, minShardBytes: min, maxShardBytes: max });
        if (jobs < 2) expect(cuts).toEqual([]);
        const sizes = [...cuts, size].map((c, i) => c - (cuts[i - 1] ?? 0));
        for (const [i, piece] of sizes.entries()) {
          expect(piece).toBeGreaterThan(0);
          if (i < sizes.length - 1) {
            expect(piece).toBeGreaterThanOrEqual(min);
            expect(piece).toBeLessThanOrEqual(Math.max(min, max));
          }
          if (i > 0 && i < sizes.length - 1) expect(piece).toBeLessThanOrEqual(sizes[i - 1] as number);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('alignCut', () => {
  const read = (text: string): ReadAt => bufferReader(Buffer.from(text, 'latin1'));

  it('moves a cut to the next line start, whatever the line ending', () => {
    return Promise.all([
      expect(alignCut(read('aaa\nbbb\n'), 1, 8)).resolves.toBe(4),
      expect(alignCut(read('aaa\nbbb\n'), 4, 8)).resolves.toBe(4),
      expect(alignCut(read('aaa\r\nbbb\r\n'), 4, 10)).resolves.toBe(5),
      expect(alignCut(read('aaa\rbbb\r'), 2, 8)).resolves.toBe(4),
      expect(alignCut(read('aaa\rbbb\r'), 4, 8)).resolves.toBe(4),
      expect(alignCut(read('aaa\nbbb'), 5, 7)).resolves.toBe(7),
    ]);
  });

  it('never starts a shard on a line that may continue a record, nor next to one', async () => {
    const text = 'Error: x\n    at a (f.js:1:1)\nat b (g.js:2:2)\nCaused by: y\nnext\nthen\nmore\n  at c\nlast\nend\n';
    // "next" follows a continuation line; "more" is followed by one, "last" follows one.
    await expect(alignCut(read(text), 3, text.length)).resolves.toBe(text.indexOf('then'));
    await expect(alignCut(read(text), text.indexOf('then') + 1, text.length)).resolves.toBe(text.indexOf('end'));
  });

  it('gives up at the limit when no line can start a shard', async () => {
    const text = `head\n${'  indented\n'.repeat(5000)}`;
    await expect(alignCut(read(text), 10, text.length)).resolves.toBe(text.length);
  });

  it('finds the end of a line far longer than one read', async () => {
    const text = `${'x'.repeat(100_000)}\nnext\n`;
    await expect(alignCut(read(text), 5, text.length)).resolves.toBe(100_001);
  });
});

describe('alignShards (property)', () => {
  it('cuts exactly at line starts that cannot continue a record, the first after each cut, covering the file exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), async (buf, fractions) => {
        fc.pre(buf.length > 0);
        const cuts = [...new Set(fractions.map((f) => Math.floor(f * buf.length)))].sort((a, b) => a - b);
        const ranges = await alignShards(bufferReader(buf), buf.length, cuts);
        // Cover [0, size) exactly, in order, none empty.
        expect(ranges[0]?.start).toBe(0);
        expect(ranges[ranges.length - 1]?.end).toBe(buf.length);
        for (let i = 0; i < ranges.length; i++) {
          const r = ranges[i] as { start: number; end: number };
          expect(r.end).toBeGreaterThan(r.start);
          if (i > 0) expect(r.start).toBe(ranges[i - 1]?.end);
        }
        const starts = lineStarts(buf);
        for (const r of ranges.slice(1)) expect(isBoundary(buf, starts, r.start)).toBe(true);
        // No line lost or duplicated: the shards' line counts add up to the file's.
        let total = 0;
        for (const r of ranges) {
          const counter = new LineCounter();
          counter.push(buf.subarray(r.start, r.end));
          total += counter.end();
        }
        const lastOpen = buf.length > 0 && buf[buf.length - 1] !== 0x0a && buf[buf.length - 1] !== 0x0d;
        expect(total + (lastOpen ? 1 : 0)).toBe(lineStarts(buf).length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('alignCut (property)', () => {
  it('returns the first line start at or after the cut where no record continues, else the size', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.double({ min: 0, max: 1, noNaN: true }), async (buf, fraction) => {
        const cut = Math.floor(fraction * buf.length);
        const starts = lineStarts(buf);
        const expected = cut === 0 ? 0 : (starts.find((s) => s >= cut && isBoundary(buf, starts, s)) ?? buf.length);
        await expect(alignCut(bufferReader(buf), cut, buf.length)).resolves.toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('LineCounter', () => {
  it('counts the same however the bytes are chunked', () => {
    fc.assert(
      fc.property(fileBytes, fc.array(fc.nat(), { maxLength: 8 }), (buf, splits) => {
        const whole = new LineCounter();
        whole.push(buf);
        const points = [...new Set(splits.map((s) => s % (buf.length + 1)))].sort((a, b) => a - b);
        const chunked = new LineCounter();
        let prev = 0;
        for (const p of [...points, buf.length]) {
          chunked.push(buf.subarray(prev, p));
          prev = p;
        }
        expect(chunked.end()).toBe(whole.end());
      }),
      { numRuns: 300 },
    );
  });
});

describe('ShardBuffer', () => {
  const count = (shard: ShardBuffer, buf: Buffer): number => {
    const bytes = shard.bytes(buf.length);
    buf.copy(bytes);
    return shard.countLines(buf.length);
  };
  const exact = (buf: Buffer): number => {
    const counter = new LineCounter();
    counter.push(buf);
    return counter.end();
  };

  it('counts line terminators as LineCounter does, with WebAssembly and without', () => {
    const simd = new ShardBuffer();
    const plain = new ShardBuffer(false);
    fc.assert(
      fc.property(fileBytes, (buf) => {
        expect(count(simd, buf)).toBe(exact(buf));
        expect(count(plain, buf)).toBe(exact(buf));
      }),
      { numRuns: 300 },
    );
  });

  it('counts across every block and run boundary of the vector loop, and grows for a larger shard', () => {
    const shard = new ShardBuffer();
    // Newlines at every offset near the 16-byte blocks and the 255-block runs, on more than one memory page.
    for (const size of [0, 1, 15, 16, 17, 4079, 4080, 4081, 65535, 65536, 65537, 200_000]) {
      const buf = Buffer.alloc(size, 0x61);
      for (let i = 0; i < size; i += 7) buf[i] = 0x0a;
      expect(count(shard, buf)).toBe(exact(buf));
    }
    // More than 255 newlines in one lane: the lane counters are summed before they overflow.
    const dense = Buffer.alloc(100_000, 0x0a);
    expect(count(shard, dense)).toBe(100_000);
  });
});

/** The records of `buf` scanned whole, or shard by shard with the line offsets added. */
async function records(buf: Buffer): Promise<{ records: LogRecord[]; linesRead: number }> {
  const scan = createErrlensStream({ source: 'f', all: true, idleFlushMs: Infinity, year: 2026, tz: 'UTC' });
  const out: LogRecord[] = [];
  scan.on('data', (r: LogRecord) => out.push(r));
  const done = new Promise((resolve, reject) => scan.on('end', resolve).on('error', reject));
  scan.end(buf);
  await done;
  return { records: out, linesRead: scan.stats.linesRead };
}

describe('shards scanned apart (property)', () => {
  it('give the records of the whole file, with the whole file line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), async (buf, fractions) => {
        const cuts = [...new Set(fractions.map((f) => Math.floor(f * buf.length)))].sort((a, b) => a - b);
        const ranges = await alignShards(bufferReader(buf), buf.length, cuts);
        const whole = await records(buf);
        const pieces: LogRecord[] = [];
        let offset = 0;
        for (const r of ranges) {
          const part = await records(buf.subarray(r.start, r.end));
          for (const rec of part.records) pieces.push({ ...rec, line: rec.line + offset });
          const counter = new LineCounter();
          counter.push(buf.subarray(r.start, r.end));
          if (r.end < buf.length) expect(counter.end()).toBe(part.linesRead);
          offset += part.linesRead;
        }
        const key = (r: LogRecord): unknown => [r.line, r.lineCount, r.text, r.hits.map((h) => h.code), r.truncated, r.invalidUtf8];
        expect(pieces.map(key)).toEqual(whole.records.map(key));
        expect(offset).toBe(whole.linesRead);
      }),
      { numRuns: 150 },
    );
  });
});

describe('planTasks', () => {
  it('shards only large uncompressed regular files, keeps order, runs stdin and unreadable inputs in-process', async () => {
    const size = 4000;
    const text = Buffer.from('line\n'.repeat(size / 5));
    const inputs: PlanInput[] = [
      { name: 'a.log', kind: 'file', size: 10, mtimeMs: 1 },
      { name: 'big.log', kind: 'file', size, mtimeMs: 2 },
      { name: 'big.gz', kind: 'gzip', size: 100, mtimeMs: 3 },
      { name: '-', kind: 'stdin', size: 0 },
      { name: 'fifo', kind: 'other', size: 0 },
    ];
    const tasks = await planTasks(inputs, { jobs: 2, shardThreshold: 1000, minShardBytes: 1000, maxShardBytes: 1500 }, () =>
      Promise.resolve({ read: bufferReader(text), close: () => Promise.resolve() }),
    );
    // 4000 bytes: 1000 (4000 / 4), 1000 (the minimum), then 2000 left, of which 1000 would leave the minimum: 1000, 1000.
    expect(tasks.map((t) => [t.id, t.kind, t.name, t.kind === 'whole' ? t.inProcess : [t.shard, t.shards, t.start, t.end]])).toEqual([
      [0, 'whole', 'a.log', false],
      [1, 'shard', 'big.log', [0, 4, 0, 1000]],
      [2, 'shard', 'big.log', [1, 4, 1000, 2000]],
      [3, 'shard', 'big.log', [2, 4, 2000, 3000]],
      [4, 'shard', 'big.log', [3, 4, 3000, undefined]],
      [5, 'whole', 'big.gz', false],
      [6, 'whole', '-', true],
      [7, 'whole', 'fifo', true],
    ]);
    expect(tasks[4]?.mtimeMs).toBe(2);
  });

  it('keeps files whole when each is at most one thread\'s share of the input, and cuts one that is more', async () => {
    const text = Buffer.from('line\n'.repeat(1000));
    const plan = (sizes: number[], jobs: number): Promise<string[]> =>
      planTasks(
        sizes.map((size, i) => ({ name: `f${i}`, kind: 'file', size })),
        { jobs, shardThreshold: 1000, minShardBytes: 1000, maxShardBytes: 1000 },
        () => Promise.resolve({ read: bufferReader(text), close: () => Promise.resolve() }),
      ).then((tasks) => tasks.map((t) => (t.kind === 'whole' ? t.name : `${t.name}#${t.shard}`)));
    // Four equal files on two threads: two each, whole.
    expect(await plan([2000, 2000, 2000, 2000], 2)).toEqual(['f0', 'f1', 'f2', 'f3']);
    // Two equal files on two threads: one each (exactly the share is not more than it).
    expect(await plan([3000, 3000], 2)).toEqual(['f0', 'f1']);
    // One file larger than half of all the input: cut, the small one whole.
    expect(await plan([3000, 500], 2)).toEqual(['f0#0', 'f0#1', 'f0#2', 'f1']);
    // The same files on four threads: the share is smaller, so the second file is cut too once it is over it.
    expect(await plan([3000, 2000], 4)).toEqual(['f0#0', 'f0#1', 'f0#2', 'f1#0', 'f1#1']);
  });
});

describe('worthParallel', () => {
  const inputs: PlanInput[] = [
    { name: 'a', kind: 'file', size: 40 << 20 },
    { name: 'b', kind: 'file', size: 40 << 20 },
    { name: '-', kind: 'stdin', size: 0 },
  ];
  const whole = (id: number, input: number, inProcess = false): ScanTask => ({ kind: 'whole', id, input, name: String(input), inProcess });

  it('needs two jobs, two tasks for workers and enough bytes', () => {
    expect(worthParallel([whole(0, 0), whole(1, 1)], inputs, 2)).toBe(true);
    expect(worthParallel([whole(0, 0), whole(1, 1)], inputs, 1)).toBe(false);
    expect(worthParallel([whole(0, 0), whole(1, 2, true)], inputs, 2)).toBe(false);
    expect(worthParallel([whole(0, 0), whole(1, 1)], inputs, 2, 100 << 20)).toBe(false);
    // By default 64 MiB: one of the two files is not enough.
    expect(worthParallel([whole(0, 0), whole(1, 0)], inputs, 2)).toBe(false);
  });

  it('runs shards and per-record output in parallel only from MIN_JOBS_FOR_SHARDS_OR_RECORDS jobs', () => {
    const shard = (id: number, n: number): ScanTask => ({ kind: 'shard', id, input: 0, name: 'a', shard: n, shards: 2, start: n * 10, end: n === 0 ? 10 : undefined });
    const jobs = MIN_JOBS_FOR_SHARDS_OR_RECORDS;
    expect(jobs).toBeGreaterThan(2);
    expect(worthParallel([shard(0, 0), shard(1, 1)], inputs, jobs - 1, 0)).toBe(false);
    expect(worthParallel([shard(0, 0), shard(1, 1)], inputs, jobs, 0)).toBe(true);
    // Records: whole files too.
    expect(worthParallel([whole(0, 0), whole(1, 1)], inputs, jobs - 1, 0, true)).toBe(false);
    expect(worthParallel([whole(0, 0), whole(1, 1)], inputs, jobs, 0, true)).toBe(true);
    // A summary of whole files: from two jobs.
    expect(worthParallel([whole(0, 0), whole(1, 1)], inputs, 2, 0, false)).toBe(true);
  });
});
