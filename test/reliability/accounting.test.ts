/**
 * "Nothing lost": every line read is accounted for, as exactly one of with hits, without hits, too long or
 * undecodable, in the library's stats, in the JSON and Markdown summaries and on stderr with --stats.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LineAccounting } from '../../src/types.js';
import { makeTempDir, parseStats, REPO_ROOT, runErrlens } from './helpers/cli.js';
import { createErrlensStream } from '../../src/stream.js';
import { accountedLines, BATCH, countLines, scan, scanChunks, splitAt } from './helpers/scan.js';

/** Every log fixture in the repository: parser fixtures, the corpus, the sample and the bad inputs. */
function fixtureFiles(): string[] {
  const dirs = ['fixtures/parse', 'fixtures/corpus', 'fixtures/sample', 'fixtures/bad'];
  const files: string[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(path.join(REPO_ROOT, dir)).sort()) {
      if (/\.(log|ndjson|bin)$/.test(name)) files.push(path.join(REPO_ROOT, dir, name));
    }
  }
  return files;
}

const FIXTURES = fixtureFiles();

function expectBalanced(a: LineAccounting): void {
  expect(accountedLines(a)).toBe(a.linesRead);
  expect(a.recordsWithHits).toBeLessThanOrEqual(a.records);
  expect(a.hits).toBeGreaterThanOrEqual(a.recordsWithHits);
  for (const value of Object.values(a)) expect(Number.isInteger(value) && value >= 0).toBe(true);
}

/** A count as the summaries print it, possibly with thousands separators ("1,234"). */
function toNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

function sum(list: readonly LineAccounting[]): LineAccounting {
  const total: LineAccounting = {
    linesRead: 0,
    linesWithHits: 0,
    linesWithoutHits: 0,
    linesTooLong: 0,
    linesUndecodable: 0,
    records: 0,
    recordsWithHits: 0,
    hits: 0,
  };
  for (const a of list) for (const key of Object.keys(total) as (keyof LineAccounting)[]) total[key] += a[key];
  return total;
}

describe('accounting in the library: lines read = with hits + without + too long + undecodable', () => {
  test('there are fixtures to check (the list is not silently empty)', () => {
    expect(FIXTURES.length).toBeGreaterThan(40);
    expect(FIXTURES.some((f) => f.endsWith('binary.bin'))).toBe(true);
  });

  test.each(FIXTURES.map((f) => [path.relative(REPO_ROOT, f), f]))('holds on %s, and every physical line is read', async (_name, file) => {
    const buf = readFileSync(file);
    for (const options of [{}, { all: true }, { fold: false as const }, { maxLineLength: 40 }]) {
      const { stats } = await scan(buf, options);
      expectBalanced(stats);
      expect(stats.linesRead).toBe(countLines(buf));
    }
  });

  test('holds on fuzzed bytes, with any line limit and any chunking', async () => {
    const byte = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...Buffer.from('E 2302001 code: 2101022 ParseUrl failed {"code":201} at x\t')) },
      { weight: 2, arbitrary: fc.constantFrom(0x0a, 0x0d, 0x00, 0x1b) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(byte, { maxLength: 600 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (bytes, maxLineLength, points) => {
          const buf = Buffer.from(bytes);
          const { records, stats } = await scanChunks(splitAt(buf, points), { maxLineLength, all: true });
          expectBalanced(stats);
          expect(stats.linesRead).toBe(countLines(buf));
          // With `all`, the records cover the lines exactly once.
          expect(records.reduce((n, r) => n + r.lineCount, 0)).toBe(stats.linesRead);
          expect(stats.records).toBe(records.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('holds on fuzzed text lines of realistic shapes (hilog, JSON, stack frames, noise)', async () => {
    const line = fc.oneof(
      fc.constantFrom(
        '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ParseUrl failed',
        '{"level":50,"msg":"boom","code":2302001}',
        '    at onMessage (entry/src/main/ets/pages/Index.ets:42:7)',
        'Error: BusinessError 2101022',
        '',
      ),
      fc.string({ unit: 'binary', maxLength: 120 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), async (lines, eol) => {
        const buf = Buffer.from(lines.join(eol), 'utf8');
        const { stats } = await scan(buf, { maxLineLength: 64 });
        expectBalanced(stats);
        expect(stats.linesRead).toBe(countLines(buf));
      }),
      { numRuns: 200 },
    );
  });
});

describe('accounting when a stream is torn down', () => {
  test.each([true, false])('a stream destroyed by an input error while it holds a record for continuation lines still adds up (all=%s)', async (all) => {
    const stream = createErrlensStream({ ...BATCH, all });
    stream.on('data', () => undefined);
    const failed = new Promise<Error>((resolve) => stream.on('error', resolve));
    stream.write('05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ParseUrl failed\nError: boom code: 2101022\n    at f (a.ets:1:2)\n');
    await new Promise((r) => setImmediate(r));
    stream.destroy(new Error('corrupt gzip'));
    expect((await failed).message).toBe('corrupt gzip');
    const stats = stream.stats;
    expect(stats.linesRead).toBe(3);
    expect(accountedLines(stats)).toBe(stats.linesRead);
  });

  test('the fast path destroyed after lines without candidates still counts them', async () => {
    const stream = createErrlensStream({ ...BATCH });
    stream.on('data', () => undefined);
    const failed = new Promise<Error>((resolve) => stream.on('error', resolve));
    stream.write('05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ParseUrl failed\nplain line one\nplain line two\nplain line three\n');
    await new Promise((r) => setImmediate(r));
    stream.destroy(new Error('stopped'));
    expect((await failed).message).toBe('stopped');
    const stats = stream.stats;
    expect(stats.linesRead).toBe(4);
    expect(stats.linesWithHits).toBe(1);
    expect(accountedLines(stats)).toBe(stats.linesRead);
  });
});

describe('accounting end to end (built CLI)', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  test('--format json and --stats give the same balanced accounting as the library, on every fixture', async () => {
    const failures: string[] = [];
    const queue = [...FIXTURES];
    const worker = async (): Promise<void> => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        const run = await runErrlens(['--format', 'json', '--stats', file]);
        const name = path.relative(REPO_ROOT, file);
        const expected = (await scan(readFileSync(file))).stats;
        let json: { accounting?: LineAccounting };
        try {
          json = JSON.parse(run.stdout) as { accounting?: LineAccounting };
        } catch {
          failures.push(`${name}: stdout is not JSON (status ${run.status}): ${run.stderr.slice(0, 200)}`);
          continue;
        }
        const fromStderr = parseStats(run.stderr);
        if (json.accounting === undefined) failures.push(`${name}: no "accounting" in the JSON summary`);
        else if (accountedLines(json.accounting) !== json.accounting.linesRead) failures.push(`${name}: JSON accounting does not add up`);
        else if (json.accounting.linesRead !== expected.linesRead || json.accounting.linesTooLong !== expected.linesTooLong || json.accounting.linesUndecodable !== expected.linesUndecodable) {
          failures.push(`${name}: JSON accounting ${JSON.stringify(json.accounting)} differs from the library's ${JSON.stringify(expected)}`);
        }
        if (fromStderr === undefined) failures.push(`${name}: --stats printed no accounting on stderr`);
        else if (JSON.stringify(fromStderr) !== JSON.stringify(json.accounting)) {
          failures.push(`${name}: --stats ${JSON.stringify(fromStderr)} differs from the JSON ${JSON.stringify(json.accounting)}`);
        }
        if (run.status === 2) failures.push(`${name}: exit 2 (${run.stderr.trim()})`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(failures).toEqual([]);
  }, 180_000);

  test('the Markdown and text summaries state the equation, and it adds up, over all fixtures at once', async () => {
    const expected = sum(await Promise.all(FIXTURES.map(async (f) => (await scan(readFileSync(f))).stats)));
    const md = await runErrlens(['--format', 'markdown', ...FIXTURES], { timeoutMs: 60_000 });
    const mdLine = /Lines read:\*\* ([\d,]+) = ([\d,]+) with hits \+ ([\d,]+) without \+ ([\d,]+) too long \+ ([\d,]+) undecodable/.exec(md.stdout);
    expect(mdLine).not.toBeNull();
    const [read, withHits, without, tooLong, undecodable] = (mdLine ?? []).slice(1).map(toNumber);
    expect(read).toBe(expected.linesRead);
    expect((withHits ?? 0) + (without ?? 0) + (tooLong ?? 0) + (undecodable ?? 0)).toBe(read);
    expect([tooLong, undecodable]).toEqual([expected.linesTooLong, expected.linesUndecodable]);

    const text = await runErrlens(['--format', 'text', ...FIXTURES], { timeoutMs: 60_000 });
    const textLine = /lines\s+([\d,]+) = ([\d,]+) with hits \+ ([\d,]+) without \+ ([\d,]+) too long \+ ([\d,]+) undecodable/.exec(text.stdout);
    expect(textLine).not.toBeNull();
    const parts = (textLine ?? []).slice(1).map(toNumber);
    expect(parts[0]).toBe(expected.linesRead);
    expect(parts.slice(1).reduce((a, b) => a + b, 0)).toBe(parts[0]);
  }, 120_000);

  test('--stats on ndjson output from standard input adds up on 2 MB of fuzzed bytes (text, binary, long lines, every ending)', async () => {
    // A fixed seed: the same 2 MB of mixed text, binary, long lines and every kind of line ending each run.
    const pieces: Buffer[] = [];
    let x = 0x2f6b1d;
    const rnd = (n: number): number => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x % n;
    };
    const shapes = [
      () => Buffer.from('05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ParseUrl failed'),
      () => Buffer.from(`{"level":50,"msg":"x","code":${2300000 + rnd(9999)}}`),
      () => Buffer.from('a'.repeat(70_000 + rnd(10_000))),
      () => Buffer.from(Array.from({ length: 200 }, () => rnd(256))),
      () => Buffer.from('é€😀 code: 2101022'),
    ];
    const endings = [Buffer.from('\n'), Buffer.from('\r\n'), Buffer.from('\r')];
    let size = 0;
    while (size < 2 * 1024 * 1024) {
      const piece = Buffer.concat([(shapes[rnd(shapes.length)] as () => Buffer)(), endings[rnd(3)] as Buffer]);
      pieces.push(piece);
      size += piece.length;
    }
    const input = Buffer.concat(pieces);
    writeFileSync(path.join(tmp.dir, 'fuzz.log'), input);
    const run = await runErrlens(['--format', 'ndjson', '--stats'], { input, timeoutMs: 60_000 });
    const stats = parseStats(run.stderr);
    expect(stats).toBeDefined();
    if (stats === undefined) return;
    expect(accountedLines(stats)).toBe(stats.linesRead);
    expect(stats.linesRead).toBe(countLines(input));
    expect(stats.linesTooLong).toBeGreaterThan(0);
    expect(stats.linesUndecodable).toBeGreaterThan(0);
    expect(run.stdout.split('\n').filter((l) => l !== '')).toHaveLength(stats.recordsWithHits);
  }, 90_000);
});
