import fc from 'fast-check';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ChunkScanner, scanChunks, type CandidateLine, type ChunkScannerOptions, type ScanTotals } from '../../src/scan/chunk-scanner.js';
import { mayContinue } from '../../src/scan/continuation.js';
import { createScanTransform, type ScanOutput } from '../../src/scan/scan-transform.js';
import { referenceScan, splitLines } from './reference.js';

const PREFILTER = /code|E\d/i;
/** Alternatives starting with letters and with digits: the scanner searches with two expressions. */
const MIXED_PREFILTER = /code|19|E\d|(?<![a-z])9x/i;
/** Codes with the boundary rule and words, as the extractor writes them: the literal engine takes all of it. */
const CODE_PREFILTER = /(?<![0-9A-Za-z.])(?:2(?:01|10[1-3])|1999)(?![0-9A-Za-z])|code|error/i;

interface Seen {
  lineNumber: number;
  text: string;
  matched: boolean;
  truncated: boolean;
  suspect: boolean;
  context: boolean;
  skippedBefore: number;
}

function plain(line: CandidateLine): Seen {
  return {
    lineNumber: line.lineNumber,
    text: line.bytes.toString('latin1'),
    matched: line.matched,
    truncated: line.truncated,
    suspect: line.suspect,
    context: line.context,
    skippedBefore: line.skippedBefore,
  };
}

/** Splits `input` at the given cut points (any order, duplicates allowed: they make empty chunks). */
function chunked(input: Buffer, cuts: number[]): Buffer[] {
  const points = cuts.map((c) => Math.min(c, input.length)).sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(input.subarray(prev, p));
    prev = p;
  }
  out.push(input.subarray(prev));
  return out;
}

function scan(
  chunks: Buffer[],
  options: ChunkScannerOptions = {},
  prefilter = PREFILTER,
): { lines: Seen[]; closed: number[]; totals: ScanTotals } {
  const gen = scanChunks(chunks, prefilter, options);
  const lines: Seen[] = [];
  const closed: number[] = [];
  for (;;) {
    const r = gen.next();
    if (r.done === true) return { lines, closed, totals: r.value };
    if (r.value.kind === 'line') lines.push(plain(r.value));
    else closed.push(r.value.lineNumber);
  }
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('ChunkScanner', () => {
  test('yields matching lines with 1-based numbers and counts the rest', () => {
    const { lines, totals } = scan([text('a\nb code 1\nc\nd\nE1 here\nf')]);
    expect(lines.map((l) => [l.lineNumber, l.text, l.skippedBefore])).toEqual([
      [2, 'b code 1', 1],
      [5, 'E1 here', 2],
    ]);
    expect(totals).toEqual({ kind: 'totals', linesRead: 6, linesYielded: 2, linesSkipped: 4, skippedAtEnd: 1, bytesRead: 24 });
  });

  test('confirm: a line the prefilter matches but the confirm test rejects counts as not matched, however chunked', () => {
    const input = text('a\nb code 1\nc code 2 err\nd\nE1 err here\nlong ' + 'x'.repeat(40) + ' code err\nf code');
    const options: ChunkScannerOptions = { confirm: /err/i, maxLineLength: 30 };
    const whole = scan([input], options);
    expect(whole.lines.map((l) => [l.lineNumber, l.matched, l.truncated])).toEqual([
      [3, true, false],
      [5, true, false],
      [6, false, true], // cut: its kept part holds neither the prefilter's nor the confirm's word
    ]);
    expect(whole.totals.linesRead).toBe(7);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: input.length }), { maxLength: 6 }), (cuts) => {
        expect(scan(chunked(input, cuts), options)).toEqual(whole);
      }),
    );
  });

  test('empty input has no lines; a final line without newline counts', () => {
    expect(scan([]).totals.linesRead).toBe(0);
    expect(scan([text('')]).totals.linesRead).toBe(0);
    expect(scan([text('\n')]).totals.linesRead).toBe(1);
    const { lines, totals } = scan([text('x\ncode')]);
    expect(totals.linesRead).toBe(2);
    expect(lines.map((l) => l.text)).toEqual(['code']);
  });

  test('CRLF, lone CR and a CR at a chunk end followed by LF in the next', () => {
    const { lines, totals } = scan([text('a\r\ncode1\rb\rcode2\r'), text('\ncode3\r\n')]);
    expect(lines.map((l) => [l.lineNumber, l.text])).toEqual([
      [2, 'code1'],
      [4, 'code2'],
      [5, 'code3'],
    ]);
    expect(totals.linesRead).toBe(5);
  });

  test('a line spanning many chunks is assembled; the prefilter sees all of it', () => {
    const { lines } = scan([text('x\nab'), text('c c'), text('o'), text('de'), text(' z\ny\n')]);
    expect(lines.map((l) => [l.lineNumber, l.text])).toEqual([[2, 'abc code z']]);
  });

  test('too-long lines are cut, flagged and always yielded; the cut keeps a character whole', () => {
    const long = `${'x'.repeat(10)}é${'y'.repeat(10)}`; // é is 2 bytes at offsets 10-11
    const { lines, totals } = scan([text(`a\n${long}\nb\n`)], { maxLineLength: 11 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ lineNumber: 2, truncated: true, matched: false });
    expect(Buffer.from(lines[0]!.text, 'latin1').toString('utf8')).toBe(`${'x'.repeat(10)}é`);
    expect(totals.linesRead).toBe(3);
  });

  test('a match only in the dropped part of a long line does not count as matched', () => {
    const { lines } = scan([text(`${'x'.repeat(20)}code\n`)], { maxLineLength: 10 });
    expect(lines[0]).toMatchObject({ truncated: true, matched: false });
  });

  test('lines with invalid UTF-8, U+FFFD or NUL are yielded as suspect', () => {
    const input = Buffer.concat([text('ok\n'), Buffer.from([0x61, 0xff, 0x0a]), text('b\u0000c\nd\ufffd\nfine\u0001\n')]);
    const { lines } = scan([input]);
    expect(lines.map((l) => [l.lineNumber, l.suspect])).toEqual([
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(scan([input], { checkText: false }).lines).toEqual([]);
  });

  test('yields continuation lines after a candidate, and the record head before a matching continuation', () => {
    const input = text(
      [
        'E1 failed', // 1 match
        '    at a (x.js:1:2)', // 2 context
        'at b (y.js:3:4)', // 3 context
        'next', // 4 skipped
        '    at c', // 5 skipped (follows a skipped line)
        'head line', // 6 context (head of 7-8)
        '  indented', // 7 context
        '  "code": 9', // 8 match
        'tail', // 9 skipped
      ].join('\n'),
    );
    const { lines } = scan([input]);
    expect(lines.map((l) => [l.lineNumber, l.matched, l.context, l.skippedBefore])).toEqual([
      [1, true, false, 0],
      [2, false, true, 0],
      [3, false, true, 0],
      [6, false, true, 2],
      [7, false, true, 0],
      [8, true, false, 0],
    ]);
    expect(scan([input], { foldLines: 1 }).lines.map((l) => l.lineNumber)).toEqual([1, 8]);
  });

  test('says when the record of the last yielded line is complete', () => {
    const input = text(['E1 failed', '    at a', 'next', 'E2', 'x', 'y'].join('\n'));
    expect(scan([input]).closed).toEqual([3, 5]);
    // Not before the line that closes it has been seen whole.
    const scanner = new ChunkScanner(PREFILTER);
    const items: string[] = [];
    scanner.push(text('E1 failed\n    at a\nnex'), (item) => items.push(item.kind));
    expect(items).toEqual(['line', 'line']);
    scanner.push(text('t\n'), (item) => items.push(item.kind));
    expect(items).toEqual(['line', 'line', 'closed']);
  });

  test('context is bounded by foldLines', () => {
    const input = text(['code', ...Array.from({ length: 10 }, () => '  at x')].join('\n'));
    expect(scan([input], { foldLines: 4 }).lines.map((l) => l.lineNumber)).toEqual([1, 2, 3, 4]);
    const back = text([...Array.from({ length: 10 }, () => '  at x'), '  code'].join('\n'));
    expect(scan([back], { foldLines: 4 }).lines.map((l) => l.lineNumber)).toEqual([8, 9, 10, 11]);
  });

  test('^ and $ mean line start and end whatever the chunking', () => {
    const input = text('xcode\ncode\r\nab code\rcode');
    const re = /^code$/;
    expect(scan([input], {}, re).lines.map((l) => l.lineNumber)).toEqual([2, 4]);
    expect(scan(chunked(input, [3, 7, 12]), {}, re).lines.map((l) => l.lineNumber)).toEqual([2, 4]);
  });

  test('contextBefore, contextAfter and edges add lines around matches and at both ends', () => {
    const input = text(['first', 'a', 'b', 'code 1', 'c', '  at x', 'd', 'e', 'last'].join('\n'));
    const pick = (o: ChunkScannerOptions): number[][] =>
      scan([input], o).lines.map((l) => [l.lineNumber, l.context ? 1 : 0]);
    expect(pick({ contextBefore: 2, contextAfter: 2 })).toEqual([
      [2, 1],
      [3, 1],
      [4, 0],
      [5, 1],
      [6, 1], // a continuation of line 5's record: not counted in contextAfter
      [7, 1],
    ]);
    expect(pick({ edges: true })).toEqual([
      [1, 1],
      [4, 0],
      [9, 1],
    ]);
  });

  test('firstLineNumber numbers a part of a file', () => {
    const { lines, totals } = scan([text('a\n  code\nb\n')], { firstLineNumber: 100 });
    expect(lines.map((l) => [l.lineNumber, l.context, l.skippedBefore])).toEqual([
      [100, true, 0],
      [101, false, 0],
    ]);
    expect(totals).toMatchObject({ linesRead: 3, linesYielded: 2, linesSkipped: 1, skippedAtEnd: 1 });
    expect(() => new ChunkScanner(PREFILTER, { firstLineNumber: 0 })).toThrow(RangeError);
  });

  test('rejects a bad maxLineLength', () => {
    expect(() => new ChunkScanner(PREFILTER, { maxLineLength: 0 })).toThrow(RangeError);
  });
});

describe('mayContinue', () => {
  test.each([
    ['    at foo (a.js:1:2)', true],
    ['\tx', true],
    ['at foo', true],
    ['Caused by: x', true],
    ['... 3 more', true],
    ['TypeError: boom', true],
    ['BusinessError: Websocket url error', true],
    ['Error message: x', true],
    ['Stacktrace:', true],
    ['04-19 17:02:14.735  5394  5394 E A03200/testTag: Error: x', false],
    ['{"level":50}', false],
    ['attach', false],
    ['', false],
  ])('%j -> %s', (line, expected) => {
    expect(mayContinue(line)).toBe(expected);
  });
});

// Pieces that exercise every rule: terminators, matches, near misses, continuation starts, multi-byte and bad bytes.
const PIECES = [
  'a', 'x', ' ', '\t', 'at ', 'code', 'cod', 'ode', 'E', '1', '9', 'Error: ', 'Caused by: ', '...', 'é', '漢', '201', '2103', '.',
  '\n', '\n', '\n', '\r', '\r\n', '\u0000', '\u0001', '\ufffd',
].map((p) => Buffer.from(p, 'utf8'));
const RAW = [Buffer.from([0xff]), Buffer.from([0xc3])];

const inputArb = fc
  .array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.constantFrom(...RAW) }), {
    maxLength: 120,
  })
  .map((parts) => Buffer.concat(parts));

describe('chunking invariance (property)', () => {
  test('same lines, numbers and flags as the line-by-line model, however the input is chunked', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.nat({ max: 400 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(PREFILTER, MIXED_PREFILTER, CODE_PREFILTER),
        fc.record({ contextBefore: fc.integer({ min: 0, max: 3 }), contextAfter: fc.integer({ min: 0, max: 3 }), edges: fc.boolean() }),
        (input, cuts, maxLineLength, foldLines, prefilter, extra) => {
          const opts = { maxLineLength, foldLines, ...extra };
          const got = scan(chunked(input, cuts), opts, prefilter);
          const want = referenceScan(input, prefilter, opts);
          expect(got.lines).toEqual(want.lines);
          expect(got.closed).toEqual(want.closed);
          expect(got.totals.linesRead).toBe(want.linesRead);
          expect(got.totals.linesRead).toBe(splitLines(input).length);
          expect(got.totals.linesSkipped + got.totals.linesYielded).toBe(got.totals.linesRead);
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('one byte at a time gives the same as one chunk', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const bytes = [...input].map((b) => Buffer.from([b]));
        const one = scan([input]);
        const many = scan(bytes);
        expect(many.lines).toEqual(one.lines);
        expect(many.closed).toEqual(one.closed);
      }),
      { numRuns: 300 },
    );
  });
});

describe('createScanTransform', () => {
  test('emits candidate lines, then the totals', async () => {
    const out: ScanOutput[] = [];
    await pipeline(
      Readable.from([text('a\ncode 1\nb'), text('c\r'), text('\nE2\n')]),
      createScanTransform(PREFILTER),
      async (source: AsyncIterable<ScanOutput>) => {
        for await (const item of source) out.push(item);
      },
    );
    expect(out.map((o) => (o.kind === 'line' ? [o.lineNumber, o.bytes.toString()] : o))).toEqual([
      [2, 'code 1'],
      { kind: 'closed', lineNumber: 3 },
      [4, 'E2'],
      { kind: 'totals', linesRead: 4, linesYielded: 2, linesSkipped: 2, skippedAtEnd: 0, bytesRead: 16 },
    ]);
  });

  test('accepts string chunks', async () => {
    const t = createScanTransform(PREFILTER);
    const out: ScanOutput[] = [];
    t.on('data', (o: ScanOutput) => out.push(o));
    t.write('code\n');
    t.end();
    await new Promise((resolve) => t.on('end', resolve));
    expect(out[0]).toMatchObject({ kind: 'line', lineNumber: 1 });
    expect(t.totals().linesRead).toBe(1);
  });
});
