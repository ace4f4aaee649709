/**
 * Property-based tests (fast-check) over the whole per-line path: extraction, chunking, NDJSON output and
 * independence of lines.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { createExtractor } from '../../src/extract/index.js';
import { createParseContext, parseLine } from '../../src/parse/index.js';
import { createNdjsonWriter } from '../../src/report/ndjson.js';
import { createErrlensStream } from '../../src/stream.js';
import type { LogRecord } from '../../src/types.js';
import { parseNdjson, runErrlens } from './helpers/cli.js';
import { BATCH, byteByByte, scan, scanChunks } from './helpers/scan.js';

const REAL_LINES = [
  '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed',
  '07-06 14:34:39.631  28571  31205 E C015b0/NetConnManager: Register result 2101022',
  '09-26 14:46:58.000  9308  9456 W A03d00/JSAPP: 连接失败 {"code":2302999,"message":"Websocket Unknown Other Error"}',
  '{"level":50,"time":1715677925012,"msg":"request failed","err":{"code":2300028}}',
  '2026-05-14T09:12:05.012Z ERROR http: BusinessError: code: 401, message: Parameter error',
  '<11>May 14 09:12:05 host app[12]: Error code 201 permission denied',
  'Error: WebSocket connect failed, code is 200',
  '    at onMessage (entry/src/main/ets/pages/Index.ets:42:7)',
  'Caused by: java.io.IOException: code=2100002',
  'plain words, nothing to see',
  '',
];

/** Tokens that, concatenated, make inputs full of edge cases: multi-byte characters, every line ending, codes. */
const TOKENS = [
  ...REAL_LINES,
  '\n',
  '\r\n',
  '\r',
  '\r\r\n',
  'é',
  '€',
  '😀',
  '连接',
  '\u0000',
  '\u001b[31m',
  ' code: 2302001 ',
  '\ufffd',
];

const tokenInput = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((parts) => Buffer.from(parts.join(''), 'utf8'));
const rawBytes = fc.uint8Array({ maxLength: 120 }).map((a) => Buffer.from(a));

describe('extraction never throws, whatever the string', () => {
  const catalogue = getDefaultCatalogue();
  const extractors = [createExtractor(catalogue, { unknown: false }), createExtractor(catalogue, { unknown: true })];
  const ctx = createParseContext({ year: 2026, tz: 'UTC' });

  const strings = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: fc.constantFrom(...'0123456789 -:,"{}[]()=codeEroris.x\t'.split('')), maxLength: 400 }),
    fc.array(fc.constantFrom(...TOKENS, 'code', 'errCode', '"code":', 'Err.code is: ', '%{public}d', 'BusinessError', '-1', '401', '2302001'), { maxLength: 40 }).map((a) => a.join('')),
  );

  test('parseLine and extract return well-formed hits for any string, with spans inside the text', () => {
    fc.assert(
      fc.property(strings, (text) => {
        const fields = parseLine(text, ctx);
        for (const extractor of extractors) {
          const hits = extractor.extract(text, fields);
          for (const hit of hits) {
            expect(hit.span[0]).toBeGreaterThanOrEqual(0);
            expect(hit.span[1]).toBeLessThanOrEqual(text.length);
            expect(hit.span[0]).toBeLessThanOrEqual(hit.span[1]);
            expect(typeof hit.code).toBe('string');
            expect(hit.confidence).toBeGreaterThanOrEqual(0);
            expect(hit.confidence).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('extracting the same text twice gives the same hits (no state leaks between lines)', () => {
    const extractor = extractors[1];
    fc.assert(
      fc.property(strings, strings, (a, b) => {
        if (extractor === undefined) return;
        const first = extractor.extract(a, parseLine(a, ctx));
        extractor.extract(b, parseLine(b, ctx));
        expect(extractor.extract(a, parseLine(a, ctx))).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the records are the same however the input is chunked', () => {
  const options = { all: true, maxLineLength: 96 } as const;

  test('split in two at every byte boundary (inside multi-byte characters, between \\r and \\n): the same records and accounting', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tokenInput, rawBytes), async (buf) => {
        const whole = await scan(buf, options);
        for (let i = 0; i <= buf.length; i++) {
          const split = await scanChunks([buf.subarray(0, i), buf.subarray(i)], options);
          expect(split.records).toEqual(whole.records);
          expect(split.stats).toEqual(whole.stats);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('one byte per chunk (every boundary at once): the same records and accounting', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tokenInput, rawBytes), fc.boolean(), async (buf, fold) => {
        const opts = fold ? options : { ...options, fold: false as const };
        const whole = await scan(buf, opts);
        const bytes = await scanChunks(byteByByte(buf), opts);
        expect(bytes.records).toEqual(whole.records);
        expect(bytes.stats).toEqual(whole.stats);
      }),
      { numRuns: 200 },
    );
  });

  test('a \\r at the end of one chunk and \\n at the start of the next is one line ending, not an empty line', async () => {
    const a = await scanChunks(['E one code: 2302001\r', '\nE two code: 2101022\r', '\n'], { all: true });
    expect(a.records.map((r) => r.text)).toEqual(['E one code: 2302001', 'E two code: 2101022']);
    expect(a.stats.linesRead).toBe(2);
  });
});

/** Lines with no line break in them, as a log might hold: real lines, control characters, any Unicode. */
const oneLine = fc.oneof(
  fc.constantFrom(...REAL_LINES),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.constantFrom(...TOKENS.filter((t) => !/[\r\n]/.test(t))), { maxLength: 6 }).map((a) => a.join('')),
).map((s) => s.replace(/[\r\n]/g, ' '));

/** True when `s` has an unpaired UTF-16 surrogate: such a string cannot survive UTF-8 encoding unchanged. */
const hasLoneSurrogate = (s: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

async function ndjsonOf(input: string): Promise<string> {
  const scanner = createErrlensStream({ ...BATCH, all: true, fold: false });
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  await pipeline([input], scanner, createNdjsonWriter({ catalogueVersion: 'test' }), sink);
  return out;
}

describe('NDJSON output always parses, and event.original round-trips the input line', () => {
  test('in the library: one JSON object per line, each line of the input back in event.original, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(oneLine, { minLength: 1, maxLength: 25 }), async (lines) => {
        const usable = lines.map((l) => (hasLoneSurrogate(l) ? l.replace(/[\ud800-\udfff]/g, '?') : l));
        const out = await ndjsonOf(`${usable.join('\n')}\n`);
        expect(out.endsWith('\n')).toBe(true);
        const objects = out.slice(0, -1).split('\n').map((l) => JSON.parse(l) as { event: { original: string }; errlens: { line: number } });
        expect(objects.map((o) => o.event.original)).toEqual(usable);
        expect(objects.map((o) => o.errlens.line)).toEqual(usable.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  test('lines with U+2028/U+2029, quotes, backslashes and every C0 control round-trip (JSON escapes them all)', async () => {
    const lines = ['a\u2028b\u2029c', '"quoted" \\ backslash \\u0041', Array.from({ length: 32 }, (_, i) => (i === 10 || i === 13 ? '' : String.fromCharCode(i))).join('') + 'x', '\u007f\u0085\u00a0'];
    const out = await ndjsonOf(`${lines.join('\n')}\n`);
    expect(out.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { event: { original: string } }).event.original)).toEqual(lines);
    // No raw control character (other than the record separator) reaches the output.
    expect(out.slice(0, -1).split('\n').every((l) => !/[\u0000-\u001f]/.test(l))).toBe(true);
  });

  test('through the CLI (--all --format ndjson): every output line parses and event.original is each input line', async () => {
    const sample = fc.sample(fc.array(oneLine, { minLength: 200, maxLength: 200 }), { numRuns: 1, seed: 20261122 })[0] ?? [];
    const lines = sample.map((l) => l.replace(/[\ud800-\udfff]/g, '?'));
    const run = await runErrlens(['--all', '--format', 'ndjson'], { input: `${lines.join('\n')}\n` });
    expect([0, 1]).toContain(run.status);
    const objects = parseNdjson(run.stdout) as { event: { original: string } }[];
    // Folding may join continuation lines into one record: joined with "\n", they still give back the input.
    expect(objects.map((o) => o.event.original).join('\n')).toBe(lines.join('\n'));
  });
});

describe('adding noise lines never changes the hits of other lines', () => {
  /** The hits of each record, keyed by the record's text. */
  const hitsOf = (records: readonly LogRecord[]): Map<string, unknown> =>
    new Map(records.map((r) => [r.text, r.hits.map((h) => ({ code: h.code, kind: h.kind, match: h.match, span: h.span, rule: h.rule, confidence: h.confidence, entry: h.entry?.id, candidates: h.candidates?.map((c) => c.id) }))]));

  const base = fc.uniqueArray(fc.constantFrom(...REAL_LINES.filter((l) => l !== '' && !/^\s|^Caused by/.test(l))), { minLength: 1, maxLength: 8 });

  test('without folding: any noise line anywhere leaves every other line\'s hits as they were', async () => {
    await fc.assert(
      fc.asyncProperty(base, fc.array(fc.tuple(fc.nat(), oneLine), { maxLength: 10 }), async (lines, noise) => {
        const mixed = [...lines];
        for (const [at, n] of noise) mixed.splice(at % (mixed.length + 1), 0, n);
        const alone = hitsOf((await scan(`${lines.join('\n')}\n`, { all: true, fold: false })).records);
        const withNoise = hitsOf((await scan(`${mixed.join('\n')}\n`, { all: true, fold: false })).records);
        for (const line of lines) expect(withNoise.get(line)).toEqual(alone.get(line));
      }),
      { numRuns: 300 },
    );
  });

  // With folding, a plain line such as "Error: ... code is 200" after an error line is meant to join that line's
  // record (a trace), so there the property is stated for lines that carry a log prefix and so always start a record.
  const prefixed = fc.uniqueArray(fc.constantFrom(...REAL_LINES.slice(0, 6)), { minLength: 1, maxLength: 6 });

  test('with folding on: noise lines with their own log prefix leave the hits of every prefixed line as they were', async () => {
    const noiseLine = fc
      .tuple(fc.constantFrom('I', 'D', 'W', 'E'), fc.string({ unit: 'grapheme', maxLength: 60 }))
      .map(([level, msg]) => `05-14 09:12:07.000  1000  1001 ${level} C01234/Noise: ${msg.replace(/[\r\n]/g, ' ')}`);
    await fc.assert(
      fc.asyncProperty(prefixed, fc.array(fc.tuple(fc.nat(), noiseLine), { maxLength: 10 }), async (lines, noise) => {
        const mixed = [...lines];
        for (const [at, n] of noise) mixed.splice(at % (mixed.length + 1), 0, n);
        const alone = hitsOf((await scan(`${lines.join('\n')}\n`, { all: true })).records);
        const withNoise = hitsOf((await scan(`${mixed.join('\n')}\n`, { all: true })).records);
        for (const line of lines) expect(withNoise.get(line)).toEqual(alone.get(line));
      }),
      { numRuns: 200 },
    );
  });
});
