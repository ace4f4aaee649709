/**
 * End to end, against the build (`npm run build` first): worker threads run `dist/parallel/worker.js`, which jest's
 * SWC transform cannot provide from TS sources. Each case runs the single-thread CLI (`dist/cli/main.js`) and the
 * parallel driver (`bench/parallel.mjs`, which plans and calls `runParallel` from dist) on the same inputs and
 * requires the very same bytes on stdout: NDJSON in the same order, and summaries (JSON) equal down to the samples
 * and their context lines at shard seams.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../cli/helpers/temp-dir.js';
import { baseEnv, collect, ERRLENS_BIN, REPO_ROOT, type RunResult } from '../cli/helpers/spawn-errlens.js';

const DRIVER = path.join(REPO_ROOT, 'bench/parallel.mjs');
const GENERATE = path.join(REPO_ROOT, 'bench/generate.mjs');
const WORKER = path.join(REPO_ROOT, 'dist/parallel/worker.js');
/** Both sides date lines alike whatever the files' modification times. */
const TIME_FLAGS = ['--year', '2026', '--tz', 'UTC'];

// Each case spawns two processes and up to seven workers on a small shared machine.
jest.setTimeout(90_000);

let tmp: { dir: string; remove: () => void };
const file = (name: string): string => path.join(tmp.dir, name);

function generate(name: string, args: readonly string[]): void {
  const r = spawnSync(process.execPath, [GENERATE, ...args, '-o', file(name)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`generate ${name}: ${r.stderr}`);
}

function run(bin: string, args: readonly string[], input?: Buffer): Promise<RunResult> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: REPO_ROOT, env: baseEnv(), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin?.end(input);
  return collect(child, 60_000);
}

const single = (args: readonly string[], input?: Buffer): Promise<RunResult> => run(ERRLENS_BIN, [...args, ...TIME_FLAGS], input);
const parallel = (args: readonly string[], input?: Buffer): Promise<RunResult> => run(DRIVER, [...args, ...TIME_FLAGS], input);
/** Shard even these small files: any file of 64 KiB or more, into pieces of 16 to 64 KiB. */
const SHARD_SMALL = ['--shard-threshold', '64K', '--min-shard', '16K', '--max-shard', '64K'];

/** The driver's last stderr line: what it planned and counted. */
function driverReport(r: RunResult): { tasks: string[]; linesRead: number; found: number; errors: number } {
  const lines = r.stderr.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}') as { tasks: string[]; linesRead: number; found: number; errors: number };
}

beforeAll(() => {
  if (!existsSync(WORKER) || !existsSync(ERRLENS_BIN)) throw new Error('build first: npx tsc -p tsconfig.build.json');
  tmp = makeTempDir('errlens-parallel-');
  generate('a.log', ['--format', 'hilog', '--size', '120K', '--seed', '2']);
  generate('b.log', ['--format', 'json', '--size', '120K', '--seed', '3', '--crlf']);
  generate('c.log.gz', ['--format', 'hilog', '--size', '120K', '--seed', '4', '--gzip']);
  // Stack traces after errors (folded records) and CRLF line ends, big enough for several shards.
  generate('big.log', ['--format', 'hilog', '--size', '600K', '--seed', '5', '--stack-rate', '0.6', '--hit-rate', '0.05']);
  generate('big-crlf.log', ['--format', 'hilog', '--size', '300K', '--seed', '6', '--stack-rate', '0.6', '--crlf']);
  // Every hit line a sample (each code at most three times), a context line between: seams fall next to samples.
  const codes = ['201', '202', '401', '801', '2100001', '2100002', '2100003', '2101007', '2101008', '2101022', '2302001', '2302002', '2302003', '2302998', '2302999', '32390201', '32390204', '32390300'];
  const lines: string[] = [];
  for (let i = 0; i < codes.length * 3; i++) {
    lines.push(`context line ${i} ${'.'.repeat(400)}`);
    lines.push(`request ${i} failed, code: ${codes[i % codes.length] ?? ''}, message: x ${'-'.repeat(400)}`);
  }
  writeFileSync(file('seam.log'), `${lines.join('\n')}\n`);
  // Error lines without catalogue hits followed by stack frames everywhere: shards start right before traces.
  const folded: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const time = `2026-05-14T09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`;
    if (i % 3 === 0) {
      folded.push(`${time} ERROR something failed badly ${i}`);
      for (let k = 0; k < 1 + (i % 4); k++) folded.push(`    at frame${k} (a.js:${k}:2)`);
    } else if (i % 17 === 0) folded.push(`${time} request failed, code: 2302001, message: x ${i}`);
    else folded.push(`${time} ok ${i}`);
  }
  writeFileSync(file('fold.log'), `${folded.join('\n')}\n`);
}, 60_000);

afterAll(() => tmp?.remove());

describe('runParallel (dist) against the single-thread CLI', () => {
  it('several files, a gzip and a missing one: the same NDJSON in the same order, the error reported once', async () => {
    const files = [file('a.log'), file('b.log'), file('missing.log'), file('c.log.gz'), file('a.log')];
    const [one, many] = await Promise.all([single([...files, '--format', 'ndjson']), parallel([...files, '--format', 'ndjson', '--jobs', '3'])]);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(many.stdout).toBe(one.stdout);
    expect(many.status).toBe(one.status);
    const missing = `errlens: cannot read ${file('missing.log')}: no such file or directory`;
    expect(one.stderr).toContain(missing);
    expect(many.stderr.split('\n').filter((l) => l.startsWith('errlens: '))).toEqual([missing]);
  });

  it('standard input among files is read in the main thread, in its place', async () => {
    const input = readFileSync(file('b.log'));
    const args = [file('a.log'), '-', file('big.log'), '--format', 'ndjson'];
    const [one, many] = await Promise.all([single(args, input), parallel([...args, '--jobs', '2', ...SHARD_SMALL], input)]);
    expect(driverReport(many).tasks.length).toBeGreaterThan(3);
    expect(many.stdout).toBe(one.stdout);
    expect(many.stdout).toContain('"path":"-"');
  });

  it('a truncated gzip: the records before the damage are written, the error reported, the next file read', async () => {
    const gz = readFileSync(file('c.log.gz'));
    writeFileSync(file('cut.log.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const files = [file('a.log'), file('cut.log.gz'), file('b.log')];
    for (const format of ['ndjson', 'json']) {
      const [one, many] = await Promise.all([single([...files, '--format', format]), parallel([...files, '--format', format, '--jobs', '2'])]);
      expect(one.status).toBe(2);
      expect(many.status).toBe(2);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr.split('\n').filter((l) => l.startsWith('errlens: '))).toEqual(one.stderr.split('\n').filter((l) => l.startsWith('errlens: ')));
    }
  });

  it('several files: the same summary', async () => {
    const files = [file('a.log'), file('b.log'), file('c.log.gz')];
    const [one, many] = await Promise.all([single([...files, '--format', 'json']), parallel([...files, '--format', 'json', '--jobs', '2'])]);
    expect(JSON.parse(many.stdout)).toEqual(JSON.parse(one.stdout));
    expect(many.stdout).toBe(one.stdout);
  });

  it.each([2, 3, 5])('one big file in many shards on %i workers: the same NDJSON, line numbers of the whole file', async (jobs) => {
    const [one, many] = await Promise.all([
      single([file('big.log'), '--format', 'ndjson']),
      parallel([file('big.log'), '--format', 'ndjson', '--jobs', String(jobs), ...SHARD_SMALL]),
    ]);
    expect(driverReport(many).tasks.length).toBeGreaterThan(jobs);
    expect(one.stdout.split('\n').length).toBeGreaterThan(100);
    expect(many.stdout).toBe(one.stdout);
  });

  it.each([
    ['ndjson', 'no'],
    ['json', 'yes'],
  ])('%s with the main thread scanning (%s; not the default): the same output', async (format, here) => {
    const input = readFileSync(file('b.log'));
    const args = [file('big.log'), '-', file('a.log'), '--format', format];
    const [one, many] = await Promise.all([single(args, input), parallel([...args, '--jobs', '2', '--scan-here', here, ...SHARD_SMALL], input)]);
    expect(driverReport(many).tasks.length).toBeGreaterThan(4);
    if (format === 'json') {
      const a = JSON.parse(one.stdout);
      const b = JSON.parse(many.stdout);
      expect({ ...b, accounting: { ...b.accounting, records: 0 } }).toEqual({ ...a, accounting: { ...a.accounting, records: 0 } });
    } else {
      expect(many.stdout).toBe(one.stdout);
    }
  });

  it('one big CRLF file with --all: every record, the same bytes', async () => {
    const [one, many] = await Promise.all([
      single([file('big-crlf.log'), '--format', 'ndjson', '--all']),
      parallel([file('big-crlf.log'), '--format', 'ndjson', '--all', '--jobs', '4', ...SHARD_SMALL, '--max-buffered', '64K', '--batch', '4K']),
    ]);
    expect(driverReport(many).tasks.length).toBeGreaterThan(2);
    expect(many.stdout).toBe(one.stdout);
  });

  it.each(['no', 'yes'])('a buffer of one batch for tasks whose turn has not come: threads wait, nothing is lost or reordered (main thread scanning: %s)', async (here) => {
    const [one, many] = await Promise.all([
      single([file('big.log'), file('a.log'), '--format', 'ndjson', '--all']),
      parallel([file('big.log'), file('a.log'), '--format', 'ndjson', '--all', '--jobs', '3', ...SHARD_SMALL, '--max-buffered', '1K', '--batch', '1K', '--scan-here', here]),
    ]);
    expect(many.stdout).toBe(one.stdout);
  });

  it.each([2, 4])('one big file in many shards on %i workers: the same summary, counts and samples', async (jobs) => {
    const [one, many] = await Promise.all([
      single([file('big.log'), '--format', 'json']),
      parallel([file('big.log'), '--format', 'json', '--jobs', String(jobs), ...SHARD_SMALL]),
    ]);
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(many.stdout);
    expect(b.accounting).toEqual(a.accounting);
    expect(b).toEqual(a);
  });

  it.each([2, 3, 5, 8])('records folded from stack traces at shard starts: the same NDJSON, the same summary but its record count (%i KiB shards)', async (kib) => {
    const jobs = 2;
    const shard = ['--jobs', String(jobs), '--shard-threshold', '1K', '--min-shard', '1K', '--max-shard', `${kib}K`];
    const [oneNd, manyNd, one, many] = await Promise.all([
      single([file('fold.log'), '--format', 'ndjson']),
      parallel([file('fold.log'), '--format', 'ndjson', ...shard]),
      single([file('fold.log'), '--format', 'json']),
      parallel([file('fold.log'), '--format', 'json', ...shard]),
    ]);
    expect(manyNd.stdout).toBe(oneNd.stdout);
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(many.stdout);
    // Known difference: the fast path counts skipped lines as one record each, but a shard's first and last lines
    // go through the folder (they are the summary's edge lines), so a trace there is one record: a few fewer.
    expect(b.accounting.records).toBeLessThanOrEqual(a.accounting.records);
    const shards = driverReport(manyNd).tasks.length;
    expect(shards).toBeGreaterThan(2);
    expect(b.accounting.records).toBeGreaterThanOrEqual(a.accounting.records - 2 * shards * 4);
    expect({ ...b, accounting: { ...b.accounting, records: 0 } }).toEqual({ ...a, accounting: { ...a.accounting, records: 0 } });
  });

  it.each([2, 3, 5, 8, 13, 21])('samples next to a seam keep their context (shards of at most %i KiB)', async (kib) => {
    const args = [file('seam.log'), '--format', 'json'];
    const shard = ['--jobs', String(2 + (kib % 3)), '--shard-threshold', '1K', '--min-shard', '1K', '--max-shard', `${kib}K`];
    const [one, many] = await Promise.all([single(args), parallel([...args, ...shard])]);
    expect(driverReport(many).tasks.length).toBeGreaterThan(2);
    const a = JSON.parse(one.stdout);
    expect(a.codes.length).toBe(18);
    expect(JSON.parse(many.stdout)).toEqual(a);
  });

  it('stops on SIGINT: what was written is the start of the full output', async () => {
    const child = spawn(process.execPath, [DRIVER, file('big.log'), file('big.log'), '--format', 'ndjson', '--all', '--jobs', '2', ...SHARD_SMALL, ...TIME_FLAGS], {
      cwd: REPO_ROOT,
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = 0;
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      seen += d.length;
      if (seen > 100_000 && !sent) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const [stopped, full] = await Promise.all([collect(child), single([file('big.log'), '--format', 'ndjson', '--all'])]);
    expect(stopped.signal).toBeNull();
    expect(stopped.stdout.length).toBeGreaterThan(0);
    // Whole NDJSON lines only, in order from the start. The last record may be a line cut short by the stop (the
    // single-thread scan flushes it too), so it is left out of the comparison.
    expect(stopped.stdout.endsWith('\n')).toBe(true);
    const lines = stopped.stdout.split('\n').slice(0, -2);
    const expected = `${full.stdout}${full.stdout}`.split('\n').slice(0, lines.length);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines).toEqual(expected);
  });
});
