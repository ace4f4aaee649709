/**
 * The fast path must not change what errlens reports. Over the labelled corpora, the records with hits that the full
 * stream finds are compared with the records rebuilt from the chunk scanner's candidate lines alone (skipped lines
 * only counted with `RecordBuilder.skip`), with the input cut into random chunks.
 */
import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { createExtractor } from '../../src/extract/index.js';
import { createFolder, createParseContext, parseLine } from '../../src/parse/index.js';
import { ChunkScanner, type ScanItem } from '../../src/scan/chunk-scanner.js';
import { FastRecordTransform } from '../../src/scan/fast-record-transform.js';
import { createErrlensStream } from '../../src/stream.js';
import { RecordBuilder } from '../../src/stream/record-builder.js';
import type { LineAccounting, LogRecord } from '../../src/types.js';

const ROOT = join(__dirname, '..', '..');
const FILES = ['fixtures/corpus/corpus.log', 'fixtures/corpus/hand.log', 'fixtures/corpus/multiline.log'];

const catalogue = getDefaultCatalogue();
const extractor = createExtractor(catalogue, { unknown: true });
const year = 2026;

interface Key {
  line: number;
  lineCount: number;
  text: string;
  codes: string[];
}

const key = (r: LogRecord): Key => ({ line: r.line, lineCount: r.lineCount, text: r.text, codes: r.hits.map((h) => `${h.kind}:${h.code}:${h.span.join('-')}`) });

interface Result {
  records: Key[];
  /** The accounting, less `records` (skipped multi-line records count once per line on the fast path). */
  stats: Omit<LineAccounting, 'records'>;
}

function withoutRecords(stats: LineAccounting): Omit<LineAccounting, 'records'> {
  const rest: Partial<LineAccounting> = { ...stats };
  delete rest.records;
  return rest as Omit<LineAccounting, 'records'>;
}

async function slowPath(input: Buffer): Promise<Result> {
  const stream = createErrlensStream({ catalogue, extractor, year, tz: 'UTC', idleFlushMs: Infinity });
  const out: Key[] = [];
  stream.on('data', (r: LogRecord) => out.push(key(r)));
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    Readable.from([input]).pipe(stream);
  });
  return { records: out, stats: withoutRecords(stream.stats) };
}

function newBuilder(): RecordBuilder {
  const ctx = createParseContext({ year, tz: 'UTC' });
  return new RecordBuilder({
    source: '-',
    all: false,
    parse: (text) => parseLine(text, ctx),
    extract: (text, fields) => extractor.extract(text, fields),
    fold: createFolder(),
  });
}

/** The scanner as the stream builds it (prefilter, then the line filter as confirm), or the prefilter alone. */
function newScanner(confirm: boolean): ChunkScanner {
  return new ChunkScanner(extractor.prefilter, confirm ? { confirm: extractor.lineFilter } : {});
}

/** The fast path as the stream drives it: lines the scanner did not match are pushed as unable to hold a hit. */
function fastPath(chunks: Buffer[], confirm = true): Result {
  const builder = newBuilder();
  const records: LogRecord[] = [];
  const scanner = newScanner(confirm);
  const onLine = (c: ScanItem): void => {
    if (c.kind === 'closed') {
      builder.flush(records);
      return;
    }
    builder.skip(c.skippedBefore, records);
    builder.push(c.bytes.toString('utf8'), c.truncated, c.suspect && !isUtf8(c.bytes), records, c.matched || c.suspect);
  };
  for (const chunk of chunks) scanner.push(chunk, onLine);
  builder.skip(scanner.end(onLine).skippedAtEnd, records);
  builder.flush(records);
  return { records: records.map(key), stats: withoutRecords(builder.stats) };
}

function randomChunks(input: Buffer, seed: number): Buffer[] {
  const out: Buffer[] = [];
  let s = seed >>> 0;
  let pos = 0;
  while (pos < input.length) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const n = 1 + (s % 4096);
    out.push(input.subarray(pos, pos + n));
    pos += n;
  }
  return out;
}

async function fastStream(chunks: Buffer[], idleFlushMs = Infinity): Promise<Result> {
  const stream = new FastRecordTransform({ scanner: newScanner(true), builder: newBuilder(), idleFlushMs });
  const out: Key[] = [];
  stream.on('data', (r: LogRecord) => out.push(key(r)));
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    Readable.from(chunks).pipe(stream);
  });
  return { records: out, stats: withoutRecords(stream.stats) };
}

describe('fast path equivalence', () => {
  test.each(FILES)('%s: same records with hits as the full stream', async (file) => {
    const input = readFileSync(join(ROOT, file));
    const want = await slowPath(input);
    expect(want.records.length).toBeGreaterThan(0);
    expect(fastPath([input])).toEqual(want);
    expect(fastPath([input], false)).toEqual(want);
    expect(await fastStream(randomChunks(input, 42))).toEqual(want);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(fastPath(randomChunks(input, seed))).toEqual(want);
      }),
      { numRuns: 5 },
    );
  });
});

describe('FastRecordTransform', () => {
  test('a held record goes out as soon as the next line shows it is complete, without waiting for idle time', async () => {
    const stream = new FastRecordTransform({ scanner: new ChunkScanner(extractor.prefilter), builder: newBuilder(), idleFlushMs: Infinity });
    const got: number[] = [];
    stream.on('data', (r: LogRecord) => got.push(r.line));
    const write = (s: string): Promise<void> => new Promise((resolve) => stream.write(s, () => resolve()));
    await write('04-19 17:02:14.735  5394  5394 E A03d00/JSAPP: Connection failed. Err:{"code":2302001,"message":"Websocket url error"}\n');
    await write('    at connect (entry/src/main/ets/pages/Index.ets:42:7)\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toEqual([]); // the record may still continue
    await write('04-19 17:02:14.736  5394  5394 I A03d00/JSAPP: next\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toEqual([1]);
    stream.end();
  });

  test('idle time lets a held record go in a live stream', async () => {
    const stream = new FastRecordTransform({ scanner: new ChunkScanner(extractor.prefilter), builder: newBuilder(), idleFlushMs: 20 });
    const got: number[] = [];
    stream.on('data', (r: LogRecord) => got.push(r.line));
    stream.write('code: 2302001 failed\n');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(got).toEqual([1]);
    stream.end();
  });
});
