/**
 * Bad input, line by line: each kind is named in a test with what errlens must do with it. A line is data, never an
 * error: whatever the bytes, the scan completes, every line is counted, and the lines that hold a code still give it.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { LogRecord } from '../../src/types.js';
import { makeTempDir, parseNdjson, parseStats, REPO_ROOT, runErrlens } from './helpers/cli.js';
import { accountedLines, byteByByte, scan, scanChunks } from './helpers/scan.js';

const BAD = path.join(REPO_ROOT, 'fixtures/bad');
const bad = (name: string): string => path.join(BAD, name);
const codesByLine = (records: readonly LogRecord[]): [number, string[]][] => records.map((r) => [r.line, r.hits.map((h) => h.code)]);

const HIT_PREFIX = '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ParseUrl failed ';
const MB = 1024 * 1024;

/** Writes a file of `lines`, where a number stands for that many MB of "x" (written in 1 MB pieces, never held whole). */
function writeHuge(file: string, parts: readonly (string | number)[]): number {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(MB, 'x');
  let size = 0;
  try {
    for (const part of parts) {
      if (typeof part === 'number') {
        for (let i = 0; i < part; i++) size += writeSync(fd, block);
      } else {
        size += writeSync(fd, part);
      }
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

describe('a 50 MB line', () => {
  const tmp = makeTempDir();
  const file = path.join(tmp.dir, 'fifty-mb-line.log');
  const tail = '05-14 09:12:06.000  5394  5418 E C015B0/NetConnManager: Register result 2101022\n';
  beforeAll(() => writeHuge(file, [HIT_PREFIX, 50, '\n', tail]));
  afterAll(() => tmp.remove());

  test('from a file: peak RSS stays under 200 MB, the line counts as too long, its first part is still scanned, the next line is intact', async () => {
    const run = await runErrlens(['--format', 'ndjson', '--stats', file], { probe: true, timeoutMs: 120_000 });
    expect(run.status).toBe(0);
    expect(run.peakRss).toBeDefined();
    expect(run.peakRss ?? Infinity).toBeLessThan(200 * MB);
    const stats = parseStats(run.stderr);
    expect(stats).toMatchObject({ linesRead: 2, linesTooLong: 1, linesWithHits: 1, linesWithoutHits: 0, linesUndecodable: 0 });
    const records = parseNdjson(run.stdout) as { errlens: { line: number; truncated?: boolean; hits: { code: string }[] }; event: { original: string } }[];
    expect(records.map((r) => [r.errlens.line, r.errlens.truncated === true, r.errlens.hits.map((h) => h.code)])).toEqual([
      [1, true, ['2302001']],
      [2, false, ['2101022']],
    ]);
    // Only the kept part is printed, not 50 MB.
    expect(records[0]?.event.original.length).toBeLessThan(MB);
    expect(records[1]?.event.original).toBe(tail.trimEnd());
  }, 150_000);

  test('from standard input: the same counts and the same bounded memory (nothing is buffered whole)', async () => {
    const run = await runErrlens(['--format', 'json', '--stats'], { input: readFileSync(file), probe: true, timeoutMs: 120_000 });
    expect(run.status).toBe(0);
    expect(parseStats(run.stderr)).toMatchObject({ linesRead: 2, linesTooLong: 1, linesWithHits: 1 });
    // The test process holds the 50 MB to write it; errlens itself must not.
    expect(run.peakRss ?? Infinity).toBeLessThan(200 * MB);
  }, 150_000);

  test('in the library: a 50 MB line in 64 KB chunks is cut to maxLineLength, flagged truncated and still scanned', async () => {
    const chunks: (Buffer | string)[] = [HIT_PREFIX];
    const block = Buffer.alloc(64 * 1024, 'x');
    for (let i = 0; i < 50 * 16; i++) chunks.push(block);
    chunks.push('\nplain line\n');
    const { records, stats } = await scanChunks(chunks, { all: true });
    expect(stats).toMatchObject({ linesRead: 2, linesTooLong: 1, linesWithoutHits: 1, hits: 1 });
    expect(records[0]?.truncated).toBe(true);
    expect(Buffer.byteLength(records[0]?.text ?? '')).toBe(64 * 1024);
    expect(records[0]?.hits.map((h) => h.code)).toEqual(['2302001']);
    expect(records[1]?.text).toBe('plain line');
  });
});

describe('a binary file', () => {
  test('an ELF-like binary blob: every line is counted as undecodable, nothing is reported, exit 1 (nothing found), no error', async () => {
    const buf = readFileSync(bad('binary.bin'));
    const { records, stats } = await scan(buf);
    expect(records).toEqual([]);
    expect(stats.linesUndecodable).toBe(stats.linesRead);
    expect(stats.linesRead).toBeGreaterThan(0);
    const run = await runErrlens(['--stats', '--format', 'ndjson', bad('binary.bin')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/errlens: (?!stats)/);
    expect(parseStats(run.stderr)?.linesUndecodable).toBe(stats.linesRead);
  });

  test('a UTF-16LE file (a NUL after every letter): lines are undecodable, not scanned for false hits', async () => {
    const { records, stats } = await scan(readFileSync(bad('utf16le.log')), { all: true });
    expect(stats).toMatchObject({ linesRead: 2, linesUndecodable: 2, hits: 0 });
    expect(records.every((r) => r.hits.length === 0)).toBe(true);
  });

  test('random bytes of every value, 1 MB: the scan completes and accounts for every line', async () => {
    let x = 7;
    const buf = Buffer.alloc(MB);
    for (let i = 0; i < buf.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      buf[i] = (x >> 16) & 0xff;
    }
    const { stats } = await scan(buf);
    expect(accountedLines(stats)).toBe(stats.linesRead);
    expect(stats.linesUndecodable).toBeGreaterThan(stats.linesRead / 2);
  });
});

describe('NUL bytes', () => {
  test('a few NULs inside a text line: the line is still scanned and its code found; a line of NULs only is undecodable', async () => {
    const { records, stats } = await scan(readFileSync(bad('nul-bytes.log')), { all: true });
    expect(codesByLine(records)).toEqual([
      [1, ['2302001']],
      [2, []],
      [3, ['2101022']],
    ]);
    expect(stats).toMatchObject({ linesRead: 3, linesWithHits: 2, linesUndecodable: 1 });
  });

  test('NUL bytes reach NDJSON output escaped (\\u0000), and each output line parses', async () => {
    const run = await runErrlens(['--format', 'ndjson', bad('nul-bytes.log')]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('\u0000');
    const records = parseNdjson(run.stdout) as { event: { original: string } }[];
    expect(records[0]?.event.original).toContain('ParseUrl\u0000 failed');
  });
});

describe('invalid UTF-8', () => {
  test('stray, overlong, surrogate and out-of-range sequences read as U+FFFD, the record says invalidUtf8, codes are still found', async () => {
    const { records, stats } = await scan(readFileSync(bad('invalid-utf8.log')), { all: true });
    expect(codesByLine(records)).toEqual([
      [1, ['2302001']],
      [2, ['2101022']],
      [3, []],
    ]);
    expect(records.map((r) => r.invalidUtf8 === true)).toEqual([true, true, true]);
    expect(records[0]?.text).toContain('\ufffd');
    expect(stats).toMatchObject({ linesRead: 3, linesUndecodable: 0 });
  });

  test('the output of a file with invalid UTF-8 is itself valid UTF-8 and valid NDJSON', async () => {
    const run = await runErrlens(['--format', 'ndjson', '--all', bad('invalid-utf8.log')]);
    expect(Buffer.from(run.stdout, 'utf8').toString('utf8')).toBe(run.stdout);
    const records = parseNdjson(run.stdout) as { errlens: { invalidUtf8?: boolean } }[];
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.errlens.invalidUtf8 === true)).toBe(true);
  });

  test('multi-byte characters fed one byte per chunk still decode whole, and are not flagged invalid', async () => {
    const text = '05-14 09:12:05.012  5394  5418 E A03d00/JSAPP: 连接失败 😀 code: 2302001\n';
    const whole = await scan(text, { all: true });
    const split = await scanChunks(byteByByte(Buffer.from(text)), { all: true });
    expect(split.records).toEqual(whole.records);
    expect(split.records[0]?.invalidUtf8).toBeUndefined();
    expect(split.records[0]?.text).toContain('连接失败 😀');
  });
});

describe('line endings and the end of input', () => {
  test('no final newline: the last line is read, scanned and counted like any other', async () => {
    const { records, stats } = await scan(readFileSync(bad('no-final-newline.log')));
    expect(codesByLine(records)).toEqual([
      [1, ['2302001']],
      [2, ['2101022']],
    ]);
    expect(stats.linesRead).toBe(2);
    const run = await runErrlens(['--format', 'ndjson'], { input: readFileSync(bad('no-final-newline.log')) });
    expect(parseNdjson(run.stdout)).toHaveLength(2);
  });

  test('empty input: zero lines, no records, exit 1 (nothing found), a summary that still adds up', async () => {
    const { records, stats } = await scan(Buffer.alloc(0), { all: true });
    expect(records).toEqual([]);
    expect(stats.linesRead).toBe(0);
    const fromFile = await runErrlens(['--format', 'json', '--stats', bad('empty.log')]);
    expect(fromFile.status).toBe(1);
    const summary = JSON.parse(fromFile.stdout) as { accounting: { linesRead: number } };
    expect(summary.accounting.linesRead).toBe(0);
    expect(parseStats(fromFile.stderr)?.linesRead).toBe(0);
    const fromStdin = await runErrlens(['--format', 'ndjson']);
    expect(fromStdin.status).toBe(1);
    expect(fromStdin.stdout).toBe('');
    expect(fromStdin.stderr).toBe('');
  });

  test('CRLF endings: three lines, no \\r left in any record, the same records as with LF', async () => {
    const crlf = readFileSync(bad('crlf.log'));
    const lf = Buffer.from(crlf.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const a = await scan(crlf, { all: true });
    const b = await scan(lf, { all: true });
    expect(a.records).toEqual(b.records);
    expect(a.records.some((r) => r.text.includes('\r'))).toBe(false);
    expect(a.stats.linesRead).toBe(3);
  });

  test('CR-only endings (old Mac): each \\r ends a line, the same records as with LF', async () => {
    const cr = readFileSync(bad('cr-only.log'));
    const lf = Buffer.from(cr.toString('latin1').replace(/\r/g, '\n'), 'latin1');
    const a = await scan(cr, { all: true });
    const b = await scan(lf, { all: true });
    expect(a.records).toEqual(b.records);
    expect(codesByLine(a.records)).toEqual([
      [1, ['2302001']],
      [2, []],
      [3, ['2101022']],
    ]);
  });

  test('mixed endings (CR, CRLF, LF, CR CR): empty lines between them are lines too, numbered in order', async () => {
    const { records, stats } = await scan(readFileSync(bad('mixed-endings.log')), { all: true, fold: false });
    expect(records.map((r) => r.text)).toEqual(['E line one code: 2302001', 'I second', '', '', '', 'E after empty lines Register result 2101022']);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stats.linesRead).toBe(6);
  });

  test('CRLF through the CLI: event.original carries no \\r and line numbers match the file', async () => {
    const run = await runErrlens(['--format', 'ndjson', bad('crlf.log')]);
    const records = parseNdjson(run.stdout) as { event: { original: string }; errlens: { line: number } }[];
    expect(records.map((r) => r.errlens.line)).toEqual([1, 3]);
    expect(records.some((r) => r.event.original.includes('\r'))).toBe(false);
  });
});

describe('malformed JSON lines', () => {
  test('unterminated objects and strings, trailing commas, JS-style objects, stray brackets: read as plain text, codes still found, nothing thrown', async () => {
    const { records, stats } = await scan(readFileSync(bad('malformed-json.log')), { all: true });
    expect(stats.linesRead).toBe(8);
    expect(accountedLines(stats)).toBe(8);
    // Only the one well-formed line is parsed as JSON.
    expect(records.map((r) => r.fields.format)).toEqual(['plain', 'plain', 'plain', 'plain', 'plain', 'json', 'plain', 'plain']);
    expect(codesByLine(records).slice(0, 6).map(([, codes]) => codes)).toEqual([['2302001'], ['2101022'], ['2302001'], ['2302001'], ['2302001'], ['2101022']]);
  });

  test('a malformed JSON line through the CLI is not an error: exit 0 when it holds a code, nothing on stderr', async () => {
    const run = await runErrlens(['--format', 'ndjson', bad('malformed-json.log')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(parseNdjson(run.stdout)).toHaveLength(6);
  });
});
