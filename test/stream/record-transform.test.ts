import { isUtf8 } from 'node:buffer';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import type { LineAccounting, LogRecord } from '../../src/types.js';
import { LineCutter } from '../../src/stream/line-cutter.js';
import { RecordBuilder } from '../../src/stream/record-builder.js';
import { RecordTransform } from '../../src/stream/record-transform.js';
import { collect, stubExtract, stubFolder, stubParse, stubStream } from './stub-stages.js';

/** Splits `buf` at the given points (any order, duplicates allowed) into consecutive chunks. */
function chunk(buf: Buffer, points: readonly number[]): Buffer[] {
  const cuts = [...new Set(points.map((p) => p % (buf.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of cuts) {
    chunks.push(buf.subarray(prev, p));
    prev = p;
  }
  chunks.push(buf.subarray(prev));
  return chunks;
}

/** An independent oracle: the physical lines of `buf`, decoded as a whole. */
function oracleLines(buf: Buffer): string[] {
  const text = buf.toString('utf8');
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) lines.pop();
  return lines;
}

function sumOfLines(s: LineAccounting): number {
  return s.linesWithHits + s.linesWithoutHits + s.linesTooLong + s.linesUndecodable;
}

describe('RecordTransform lines and numbers', () => {
  test('numbers physical lines from 1, keeps empty lines, and needs no final newline', async () => {
    const records = await collect(stubStream({ fold: false }), ['one\n\nthree 2302001\r\nfour\rfive']);
    expect(records.map((r) => [r.line, r.text])).toEqual([
      [1, 'one'],
      [2, ''],
      [3, 'three 2302001'],
      [4, 'four'],
      [5, 'five'],
    ]);
  });

  test('empty input gives no records and counts nothing', async () => {
    const stream = stubStream();
    expect(await collect(stream, [])).toEqual([]);
    expect(stream.stats.linesRead).toBe(0);
    expect(await collect(stubStream(), [''])).toEqual([]);
  });

  test('a final line ending does not make an extra empty line', async () => {
    const stream = stubStream();
    expect((await collect(stream, ['a\r\n'])).map((r) => r.text)).toEqual(['a']);
    expect(stream.stats.linesRead).toBe(1);
  });

  test('without `all`, only records with hits come out, but every line is counted', async () => {
    const stream = stubStream({ all: false, fold: false });
    const records = await collect(stream, ['x\ny 2302001\nz\n']);
    expect(records.map((r) => r.line)).toEqual([2]);
    expect(stream.stats).toEqual({
      linesRead: 3,
      linesWithHits: 1,
      linesWithoutHits: 2,
      linesTooLong: 0,
      linesUndecodable: 0,
      records: 3,
      recordsWithHits: 1,
      hits: 1,
    });
  });

  test('the source name is carried into every record', async () => {
    const records = await collect(stubStream({ source: 'hilog.txt' }), ['a\nb']);
    expect(records.map((r) => r.source)).toEqual(['hilog.txt', 'hilog.txt']);
  });
});

describe('RecordTransform long, invalid and binary lines', () => {
  test('a long line is cut, still scanned in its first part, flagged and counted as too long', async () => {
    const stream = stubStream({ maxLineBytes: 16, all: false });
    const long = `E 2302001 ${'x'.repeat(100)} 2302002`;
    const records = await collect(stream, [`${long}\nnext 2302003\n`]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ line: 1, text: 'E 2302001 xxxxxx', truncated: true });
    expect(records[0]?.hits.map((h) => h.code)).toEqual(['2302001']);
    expect(records[1]).toMatchObject({ line: 2, text: 'next 2302003' });
    expect(records[1]).not.toHaveProperty('truncated');
    expect(stream.stats).toMatchObject({ linesRead: 2, linesTooLong: 1, linesWithHits: 1 });
  });

  test('invalid UTF-8 reads as U+FFFD, is still scanned, and flags the record', async () => {
    const stream = stubStream({ all: false });
    const line = Buffer.concat([Buffer.from('bad '), Buffer.from([0xff, 0xfe]), Buffer.from(' 2302001\n')]);
    const records = await collect(stream, [line]);
    expect(records).toHaveLength(1);
    expect(records[0]?.text).toBe('bad \ufffd\ufffd 2302001');
    expect(records[0]?.invalidUtf8).toBe(true);
    expect(stream.stats.linesWithHits).toBe(1);
  });

  test('a literal U+FFFD in valid UTF-8 is not invalid UTF-8', async () => {
    const records = await collect(stubStream(), ['copied \ufffd text\n', Buffer.from([0x61, 0xc3, 0x0a])]);
    expect(records.map((r) => [r.text, r.invalidUtf8 ?? false])).toEqual([
      ['copied \ufffd text', false],
      ['a\ufffd', true],
    ]);
  });

  test('a multi-byte sequence cut short by the end of input is invalid', async () => {
    const records = await collect(stubStream(), [Buffer.from([0x6f, 0x6b, 0x0a, 0x61, 0xe2, 0x82])]);
    expect(records.map((r) => r.invalidUtf8 ?? false)).toEqual([false, true]);
  });

  test('a line that is mostly binary is undecodable: counted, not scanned, passed on with `all`', async () => {
    const stream = stubStream();
    const binary = Buffer.from([0x00, 0x01, 0x32, 0x33, 0x30, 0x32, 0x30, 0x30, 0x31, 0x00, 0x00, 0xff, 0x00, 0x0a]);
    const records = await collect(stream, [binary, 'text\n']);
    expect(records.map((r) => r.hits.length)).toEqual([0, 0]);
    expect(records[0]?.line).toBe(1);
    expect(stream.stats).toMatchObject({ linesRead: 2, linesUndecodable: 1, linesWithoutHits: 1, hits: 0 });
  });

  test('a UTF-16 line (a NUL after every letter) is undecodable', async () => {
    const stream = stubStream({ all: false });
    await collect(stream, [Buffer.concat([Buffer.from('E 2302001', 'utf16le'), Buffer.from('\n')])]);
    expect(stream.stats.linesUndecodable).toBe(1);
    expect(stream.stats.hits).toBe(0);
  });
});

describe('RecordTransform folding', () => {
  test('continuation lines join the record, which carries its first line number and line count', async () => {
    const stream = stubStream({ all: true });
    const records = await collect(stream, ['a\nE 2302001 failed\n  at f (x.js:1)\n  at g (x.js:2)\nb\n']);
    expect(records.map((r) => [r.line, r.lineCount])).toEqual([
      [1, 1],
      [2, 3],
      [5, 1],
    ]);
    expect(records[1]?.text).toBe('E 2302001 failed\n  at f (x.js:1)\n  at g (x.js:2)');
    // Only the first line of the folded record holds a hit.
    expect(stream.stats).toMatchObject({ linesRead: 5, linesWithHits: 1, linesWithoutHits: 4, records: 3 });
  });

  test('a hit on a continuation line counts that line as the one with hits', async () => {
    const stream = stubStream({ all: true });
    await collect(stream, ['E failed\n  caused by 2302001\n']);
    expect(stream.stats).toMatchObject({ linesWithHits: 1, linesWithoutHits: 1, records: 1, recordsWithHits: 1 });
  });
});

describe('RecordBuilder.skip (for a fast path)', () => {
  test('skipped lines are counted and numbered, and end the held record', () => {
    const builder = new RecordBuilder({ source: 'x', all: false, parse: stubParse, extract: stubExtract, fold: stubFolder() });
    const out: LogRecord[] = [];
    builder.push('E 2302001 failed', false, false, out);
    expect(out).toHaveLength(0);
    builder.skip(3, out);
    expect(out.map((r) => r.line)).toEqual([1]);
    // An indented line after skipped ones cannot join the record before them.
    builder.push('  2302002 indented', false, false, out);
    builder.flush(out);
    expect(out.map((r) => [r.line, r.lineCount])).toEqual([
      [1, 1],
      [5, 1],
    ]);
    expect(builder.stats).toEqual({
      linesRead: 5,
      linesWithHits: 2,
      linesWithoutHits: 3,
      linesTooLong: 0,
      linesUndecodable: 0,
      records: 5,
      recordsWithHits: 2,
      hits: 2,
    });
  });
});

describe('RecordTransform live use', () => {
  test('without folding, a record comes out as soon as its line is complete', async () => {
    const stream = stubStream({ fold: false, idleFlushMs: 100000 });
    const first = new Promise<LogRecord>((resolve) => stream.once('data', resolve));
    stream.write('E 2302001 done\n');
    const record = await first;
    expect(record.text).toBe('E 2302001 done');
    stream.destroy();
  });

  test('a record held for continuation lines comes out after the idle time', async () => {
    const stream = stubStream({ idleFlushMs: 20 });
    const seen: LogRecord[] = [];
    stream.on('data', (r: LogRecord) => seen.push(r));
    stream.write('E 2302001 failed\n');
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(seen.map((r) => r.text)).toEqual(['E 2302001 failed']);
    // A continuation that arrives later starts a record of its own.
    stream.end('  at late\n');
    await new Promise((r) => stream.once('end', r));
    expect(seen.map((r) => r.line)).toEqual([1, 2]);
  });

  test('the next head line releases a held record at once', async () => {
    const stream = stubStream({ idleFlushMs: 100000 });
    const first = new Promise<LogRecord>((resolve) => stream.once('data', resolve));
    stream.write('E 2302001 failed\n');
    stream.write('I next\n');
    expect((await first).line).toBe(1);
    stream.destroy();
  });
});

describe('RecordTransform errors', () => {
  test('an exception in a stage fails the stream instead of losing lines silently', async () => {
    const builder = new RecordBuilder({
      source: 'x',
      all: true,
      parse: stubParse,
      extract: (text) => {
        if (text.includes('boom')) throw new Error('extractor broke');
        return [];
      },
    });
    const stream = new RecordTransform({ cutter: new LineCutter(100), builder, idleFlushMs: Infinity });
    await expect(pipeline(Readable.from(['ok\n', 'boom\n', 'more\n']), stream, new Writable({ objectMode: true, write: (_r, _e, cb) => cb() }))).rejects.toThrow(
      'extractor broke',
    );
  });

  test('an exception on the last line (no final newline) fails the stream too', async () => {
    const builder = new RecordBuilder({
      source: 'x',
      all: true,
      parse: (text) => {
        if (text === 'boom') throw new Error('parser broke');
        return stubParse(text);
      },
      extract: stubExtract,
    });
    const stream = new RecordTransform({ cutter: new LineCutter(100), builder, idleFlushMs: Infinity });
    await expect(collect(stream, ['ok\nboom'])).rejects.toThrow('parser broke');
  });
});

describe('RecordTransform backpressure', () => {
  test('a slow consumer holds back the input instead of buffering it all', async () => {
    const lines = 20000;
    let produced = 0;
    const source = new Readable({
      read() {
        if (produced >= lines) {
          this.push(null);
          return;
        }
        const batch: string[] = [];
        for (let i = 0; i < 100; i++) batch.push(`line ${produced++} 2302001`);
        this.push(`${batch.join('\n')}\n`);
      },
    });
    const stream = stubStream({ fold: false });
    let received = 0;
    let maxBuffered = 0;
    const sink = new Writable({
      objectMode: true,
      highWaterMark: 1,
      write(_record, _enc, cb) {
        received++;
        maxBuffered = Math.max(maxBuffered, stream.readableLength);
        // Every few records, yield to the event loop like a slow writer would.
        if (received % 500 === 0) setTimeout(cb, 1);
        else cb();
      },
    });
    await pipeline(source, stream, sink);
    expect(received).toBe(lines);
    // One chunk's worth of records (100) at most over the readable high-water mark (16).
    expect(maxBuffered).toBeLessThanOrEqual(16 + 100);
  });
});

/** The physical lines of `buf` as bytes, split at every line ending as the stream does. */
function byteLines(buf: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b !== 0x0a && b !== 0x0d) continue;
    lines.push(buf.subarray(start, i));
    if (b === 0x0d && buf[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  if (start < buf.length) lines.push(buf.subarray(start));
  return lines;
}

describe('RecordTransform chunking', () => {
  const byte = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...Buffer.from('E 2302001 ab\t')) },
    { weight: 2, arbitrary: fc.constantFrom(0x0a, 0x0d, 0x20) },
    { weight: 2, arbitrary: fc.constantFrom(...Buffer.from('é€😀\ufffd')) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
  );

  test('the records and the accounting do not depend on how the input is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(byte, { maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer({ min: 4, max: 40 }),
        fc.boolean(),
        async (bytes, points, maxLineBytes, fold) => {
          const buf = Buffer.from(bytes);
          const whole = stubStream({ maxLineBytes, fold });
          const pieces = stubStream({ maxLineBytes, fold });
          const expected = await collect(whole, [buf]);
          const actual = await collect(pieces, chunk(buf, points));
          expect(actual).toEqual(expected);
          expect(pieces.stats).toEqual(whole.stats);
          expect(sumOfLines(pieces.stats)).toBe(pieces.stats.linesRead);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('without folding or cutting, the records are exactly the lines of the whole input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(byte, { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 30 }), async (bytes, points) => {
        const buf = Buffer.from(bytes);
        const stream = stubStream({ fold: false });
        const records = await collect(stream, chunk(buf, points));
        const expected = oracleLines(buf);
        expect(stream.stats.linesRead).toBe(expected.length);
        // Undecodable lines come out too (with `all`), so every line is there, in order, numbered.
        expect(records.map((r) => r.text)).toEqual(expected);
        expect(records.map((r) => r.line)).toEqual(expected.map((_, i) => i + 1));
        // invalidUtf8 is exactly "the line's bytes are not valid UTF-8", a literal U+FFFD notwithstanding.
        expect(records.map((r) => r.invalidUtf8 === true)).toEqual(byteLines(buf).map((l) => !isUtf8(l)));
      }),
      { numRuns: 300 },
    );
  });
});
