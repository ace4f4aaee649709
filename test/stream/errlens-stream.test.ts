import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ErrlensError } from '../../src/errors.js';
import { createErrlensStream } from '../../src/stream.js';
import type { LogRecord } from '../../src/types.js';
import { collect } from './stub-stages.js';

const WS = '09-26 14:46:56.819  9308  9456 E C015B0/com.example.app/NETSTACK: [websocket_exec.cpp:1003] ParseUrl failed';
const INFO = '09-26 14:46:57.001  9308  9456 I C015B0/com.example.app/NETSTACK: [websocket_exec.cpp:900] OnOpen';
const NETCONN = '07-06 14:34:39.631  28571  31205 E C015b0/NetConnManager: Register result 2101022';
const CHINESE = '09-26 14:46:58.000  9308  9456 W A03d00/JSAPP: 连接失败 {"code":2302999,"message":"Websocket Unknown Other Error"}';

/** Scans `input` (one chunk) with fixed time assumptions. */
async function scan(input: string | Buffer, options: Parameters<typeof createErrlensStream>[0] = {}) {
  const stream = createErrlensStream({ source: 'device.log', year: 2026, tz: 'UTC', idleFlushMs: Infinity, ...options });
  const records = await collect(stream, [input]);
  return { records, stats: stream.stats };
}

describe('createErrlensStream with the real parser, folder and extractor', () => {
  test('finds the hits of a hilog capture, with line numbers, fields and the default catalogue', async () => {
    const { records, stats } = await scan(`${INFO}\n${WS}\n${INFO}\n${NETCONN}\n${CHINESE}\n`);
    expect(records.map((r) => [r.line, r.hits.map((h) => h.code)])).toEqual([
      [2, ['2302001']],
      [4, ['2101022']],
      [5, ['2302999']],
    ]);
    const ws = records[0] as LogRecord;
    expect(ws.source).toBe('device.log');
    expect(ws.text).toBe(WS);
    expect(ws.fields).toMatchObject({ format: 'hilog', pid: 9308, tid: 9456, level: 'E', tag: 'NETSTACK' });
    expect(ws.fields.time).toBe(Date.UTC(2026, 8, 26, 14, 46, 56, 819));
    expect(ws.hits[0]?.entry?.title).toBe('WebSocket URL Error');
    expect(stats).toEqual({
      linesRead: 5,
      linesWithHits: 3,
      linesWithoutHits: 2,
      linesTooLong: 0,
      linesUndecodable: 0,
      records: 5,
      recordsWithHits: 3,
      hits: 3,
    });
  });

  test('with `all`, the records partition a real corpus: every line once, in order, numbered without gaps', async () => {
    const buf = readFileSync(path.join(__dirname, '../../fixtures/corpus/corpus.log'));
    const stream = createErrlensStream({ all: true, year: 2026, tz: 'UTC', idleFlushMs: Infinity });
    // Odd-sized chunks, so that chunk boundaries fall everywhere.
    const chunks: Buffer[] = [];
    for (let i = 0; i < buf.length; i += 4093) chunks.push(buf.subarray(i, i + 4093));
    const records = await collect(stream, chunks);
    const lines = buf.toString('utf8').split(/\r\n|\r|\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    expect(records.map((r) => r.text).join('\n')).toBe(lines.join('\n'));
    let next = 1;
    for (const r of records) {
      expect(r.line).toBe(next);
      next += r.lineCount;
    }
    expect(next - 1).toBe(lines.length);
    const s = stream.stats;
    expect(s.linesRead).toBe(lines.length);
    expect(s.linesWithHits + s.linesWithoutHits + s.linesTooLong + s.linesUndecodable).toBe(s.linesRead);
    expect(s.records).toBe(records.length);
    expect(s.recordsWithHits).toBe(records.filter((r) => r.hits.length > 0).length);
    expect(s.hits).toBe(records.reduce((n, r) => n + r.hits.length, 0));
    expect(records.some((r) => r.lineCount > 1)).toBe(true);
  });

  test('defaults: source "-", only records with hits', async () => {
    const stream = createErrlensStream({ idleFlushMs: Infinity });
    const records = await collect(stream, [`${INFO}\n${WS}`]);
    expect(records.map((r) => [r.source, r.line])).toEqual([['-', 2]]);
  });

  test('`all` passes on records without hits too', async () => {
    const { records } = await scan(`${INFO}\n${WS}\n`, { all: true });
    expect(records.map((r) => r.hits.length)).toEqual([0, 1]);
  });

  test('folds a stack trace into the error record before it, unless folding is off', async () => {
    const input = 'Error: connect failed, code 2302001\n    at connect (ws.ets:10:5)\n    at main (index.ets:3:1)\nnext line\n';
    const folded = await scan(input, { all: true });
    expect(folded.records.map((r) => [r.line, r.lineCount])).toEqual([
      [1, 3],
      [4, 1],
    ]);
    expect(folded.records[0]?.text).toBe(input.split('\n').slice(0, 3).join('\n'));
    const flat = await scan(input, { all: true, fold: false });
    expect(flat.records.map((r) => [r.line, r.lineCount])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    const bounded = await scan(input, { all: true, fold: { maxLines: 2 } });
    expect(bounded.records.map((r) => r.lineCount)).toEqual([2, 1, 1]);
  });

  test('maxLineLength cuts a line but still finds a hit in its first part', async () => {
    const { records, stats } = await scan(`${WS} ${'x'.repeat(500)}\n`, { maxLineLength: 200 });
    expect(records).toHaveLength(1);
    expect(records[0]?.truncated).toBe(true);
    expect(records[0]?.text).toBe(`${WS} ${'x'.repeat(200 - WS.length - 1)}`);
    expect(records[0]?.hits.map((h) => h.code)).toEqual(['2302001']);
    expect(stats.linesTooLong).toBe(1);
  });

  test('an invalid time zone is refused when the stream is created', () => {
    expect(() => createErrlensStream({ tz: 'Mars/Olympus' })).toThrow(ErrlensError);
  });

  test('in a live stream a held record comes out after idleFlushMs, without waiting for more input', async () => {
    const stream = createErrlensStream({ idleFlushMs: 30, tz: 'UTC', year: 2026 });
    const started = Date.now();
    const first = new Promise<LogRecord>((resolve) => stream.once('data', resolve));
    stream.write(`${WS}\n`);
    const record = await first;
    expect(record.line).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
    stream.destroy();
  });

  test('the records do not depend on chunking, with real lines, CRLF/CR endings and multi-byte text', async () => {
    const pool = [WS, INFO, NETCONN, CHINESE, 'Error: boom 2302003', '    at f (a.ets:1:2)', '', 'plain 2101008 text', '😀 €'];
    const endings = ['\n', '\r\n', '\r'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...endings)), { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 25 }),
        async (lines, finalEnding, points) => {
          let text = lines.map(([l, e]) => l + e).join('');
          if (!finalEnding && lines.length > 0) text = text.slice(0, -(lines[lines.length - 1]?.[1].length ?? 0));
          const buf = Buffer.from(text, 'utf8');
          const cuts = [...new Set(points.map((p) => p % (buf.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let prev = 0;
          for (const p of cuts) {
            chunks.push(buf.subarray(prev, p));
            prev = p;
          }
          chunks.push(buf.subarray(prev));
          const options = { all: true, year: 2026, tz: 'UTC', idleFlushMs: Infinity, maxLineLength: 80 } as const;
          const whole = createErrlensStream(options);
          const pieces = createErrlensStream(options);
          expect(await collect(pieces, chunks)).toEqual(await collect(whole, [buf]));
          expect(pieces.stats).toEqual(whole.stats);
          // Counted independently: "a\r" + "\n" is one line ending, so the tuples alone do not give the count.
          const expectedLines = text === '' ? 0 : text.split(/\r\n|\r|\n/).length - (/[\r\n]$/.test(text) ? 1 : 0);
          expect(pieces.stats.linesRead).toBe(expectedLines);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('createErrlensStream onRecords', () => {
  const lines = [WS, INFO, NETCONN, INFO, CHINESE, INFO].join('\n') + '\n';

  test.each([false, true])('with all=%s: the callback gets the same records, in order, and the readable side stays empty', async (all) => {
    const want = (await scan(lines, { all })).records;
    const got: LogRecord[] = [];
    const stream = createErrlensStream({ source: 'device.log', year: 2026, tz: 'UTC', idleFlushMs: Infinity, all, onRecords: (records) => void got.push(...records) });
    expect(await collect(stream, [lines.slice(0, 100), lines.slice(100)])).toEqual([]);
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(2);
  });

  test.each([false, true])('with all=%s: a promise from the callback holds the input until it settles', async (all) => {
    let release: (() => void) | undefined;
    const batches: number[] = [];
    const stream = createErrlensStream({
      source: 'device.log',
      year: 2026,
      tz: 'UTC',
      idleFlushMs: Infinity,
      all,
      fold: false,
      onRecords: (records) => {
        batches.push(records.length);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    stream.resume();
    let second = false;
    stream.write(`${WS}\n`);
    stream.write(`${NETCONN}\n`, () => (second = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches).toEqual([1]); // the second chunk waits for the first batch to be taken
    expect(second).toBe(false);
    release?.();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches).toEqual([1, 1]);
    release?.();
    stream.end();
  });

  test('a rejected promise fails the stream', async () => {
    const stream = createErrlensStream({ year: 2026, tz: 'UTC', idleFlushMs: Infinity, onRecords: () => Promise.reject(new Error('output gone')) });
    await expect(collect(stream, [`${WS}\n`])).rejects.toThrow('output gone');
  });
});
