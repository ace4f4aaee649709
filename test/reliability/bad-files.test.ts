/**
 * Bad inputs at the file level: gzip that is truncated or corrupt, things that are not regular files, files that
 * cannot be read, and files that disappear or are replaced while followed. Each is an input error: a clear
 * `errlens: <what>: <where>` naming the input, the other inputs still processed, exit 2.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cleanEnv, collectRun, ERRLENS_BIN, makeTempDir, parseNdjson, parseStats, REPO_ROOT, runErrlens, runningAsRoot } from './helpers/cli.js';
import { accountedLines } from './helpers/scan.js';

const BAD = path.join(REPO_ROOT, 'fixtures/bad');
const GOOD = path.join(REPO_ROOT, 'fixtures/bad/no-final-newline.log');
const SAMPLE = path.join(REPO_ROOT, 'fixtures/sample/device.log');

type Ndjson = { errlens: { source: string; line: number }; event: { original: string }; error?: { code: string } };
const sources = (stdout: string): string[] => [...new Set((parseNdjson(stdout) as Ndjson[]).map((r) => r.errlens.source))];

describe('truncated or corrupt gzip', () => {
  test.each([
    ['truncated gzip (cut in the middle of the deflate stream)', 'truncated.gz'],
    ['corrupt gzip (bytes flipped after the header)', 'corrupt.gz'],
    ['gzip magic bytes and nothing else', 'gzip-magic-only.gz'],
  ])('%s between two good files: `errlens: corrupt gzip: <file>`, both good files processed, exit 2', async (_name, name) => {
    const file = path.join(BAD, name);
    const run = await runErrlens(['--format', 'ndjson', GOOD, file, SAMPLE]);
    expect(run.stderr).toBe(`errlens: corrupt gzip: ${file}\n`);
    expect(run.status).toBe(2);
    const seen = sources(run.stdout);
    expect(seen[0]).toBe(GOOD);
    expect(seen[seen.length - 1]).toBe(SAMPLE);
  });

  test('truncated gzip in a summary (--format json): the summary is still written, covers the good files, and adds up; exit 2', async () => {
    const file = path.join(BAD, 'truncated.gz');
    const run = await runErrlens(['--format', 'json', '--stats', GOOD, file, SAMPLE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`errlens: corrupt gzip: ${file}\n`);
    const summary = JSON.parse(run.stdout) as { inputs: { name: string }[]; accounting: Parameters<typeof accountedLines>[0] };
    expect(summary.inputs.map((i) => i.name)).toEqual(expect.arrayContaining([GOOD, SAMPLE]));
    expect(accountedLines(summary.accounting)).toBe(summary.accounting.linesRead);
  });

  test('truncated gzip: the lines decoded before the damage are scanned, printed and accounted for (--stats adds up, every hit counted is printed)', async () => {
    const file = path.join(BAD, 'truncated.gz');
    const run = await runErrlens(['--format', 'ndjson', '--stats', file]);
    expect(run.status).toBe(2);
    const stats = parseStats(run.stderr);
    expect(stats).toBeDefined();
    if (stats === undefined) return;
    expect(stats.linesRead).toBeGreaterThan(100);
    expect(accountedLines(stats)).toBe(stats.linesRead);
    expect(parseNdjson(run.stdout)).toHaveLength(stats.recordsWithHits);
  });

  test('truncated gzip of 20,000 lines: no record counted as found is lost from the output when the error stops the file', async () => {
    const tmp = makeTempDir();
    try {
      let text = '';
      for (let i = 1; i <= 20_000; i++) text += `05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ParseUrl failed step ${i}\n`;
      const gz = gzipSync(text);
      const file = path.join(tmp.dir, 'big-truncated.gz');
      writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
      const run = await runErrlens(['--format', 'ndjson', '--stats', file, GOOD]);
      expect(run.status).toBe(2);
      const stats = parseStats(run.stderr);
      expect(stats).toBeDefined();
      if (stats === undefined) return;
      expect(accountedLines(stats)).toBe(stats.linesRead);
      const printed = parseNdjson(run.stdout) as Ndjson[];
      expect(printed.length).toBe(stats.recordsWithHits);
      // The lines are printed in order, without a gap, up to where the data ends.
      const steps = printed.filter((r) => r.errlens.source === file).map((r) => r.errlens.line);
      expect(steps).toEqual(steps.map((_, i) => i + 1));
    } finally {
      tmp.remove();
    }
  });

  test('truncated gzip on standard input: `errlens: corrupt gzip: -`, exit 2', async () => {
    const run = await runErrlens(['--format', 'ndjson'], { input: readFileSync(path.join(BAD, 'truncated.gz')) });
    expect(run.stderr).toBe('errlens: corrupt gzip: -\n');
    expect(run.status).toBe(2);
  });
});

describe('paths that are not regular files', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  test('a directory given as a file: `errlens: cannot read <dir>: is a directory`, the next file processed, exit 2', async () => {
    const dir = path.join(tmp.dir, 'a-folder');
    mkdirSync(dir);
    const run = await runErrlens(['--format', 'ndjson', dir, GOOD]);
    expect(run.stderr).toBe(`errlens: cannot read ${dir}: is a directory\n`);
    expect(run.status).toBe(2);
    expect(sources(run.stdout)).toEqual([GOOD]);
  });

  test('a FIFO given as a file: refused at once (`is a FIFO`) instead of blocking for a writer, exit 2', async () => {
    const fifo = path.join(tmp.dir, 'a-fifo');
    const made = spawnSync('mkfifo', [fifo]);
    expect(made.status).toBe(0);
    const run = await runErrlens(['--format', 'ndjson', fifo, GOOD], { timeoutMs: 10_000 });
    expect(run.stderr).toBe(`errlens: cannot read ${fifo}: is a FIFO\n`);
    expect(run.status).toBe(2);
    expect(sources(run.stdout)).toEqual([GOOD]);
  });

  test.each([['/dev/zero'], ['/dev/null'], ['/dev/urandom']])('the character device %s given as a file: refused (`is a device`) instead of reading forever, exit 2', async (device) => {
    const run = await runErrlens(['--format', 'ndjson', device, GOOD], { timeoutMs: 10_000 });
    expect(run.stderr).toBe(`errlens: cannot read ${device}: is a device\n`);
    expect(run.status).toBe(2);
    expect(sources(run.stdout)).toEqual([GOOD]);
  });

  test.each([
    ['a directory', 'dir', 'is a directory'],
    ['a FIFO', 'fifo', 'is a FIFO'],
    ['the device /dev/zero', '/dev/zero', 'is a device'],
  ])('%s given to --follow: refused with `cannot read <path>: <why>` instead of followed, exit 2', async (_name, which, why) => {
    let target = which;
    if (which === 'dir') {
      target = path.join(tmp.dir, 'follow-folder');
      mkdirSync(target);
    } else if (which === 'fifo') {
      target = path.join(tmp.dir, 'follow-fifo');
      expect(spawnSync('mkfifo', [target]).status).toBe(0);
    }
    const child = spawn(process.execPath, [ERRLENS_BIN, '--follow', '--format', 'ndjson', target], { cwd: tmp.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    // Refused at once, errlens ends by itself; were it following, the time limit would kill it and fail the test.
    const run = await collectRun(child, 10_000);
    expect(run.stderr).toBe(`errlens: cannot read ${target}: ${why}\n`);
    expect(run.status).toBe(2);
  });

  test('a missing file: `cannot read <file>: no such file or directory`, the others processed, exit 2', async () => {
    const missing = path.join(tmp.dir, 'no-such.log');
    const run = await runErrlens(['--format', 'ndjson', missing, GOOD]);
    expect(run.stderr).toBe(`errlens: cannot read ${missing}: no such file or directory\n`);
    expect(run.status).toBe(2);
    expect(sources(run.stdout)).toEqual([GOOD]);
  });
});

/**
 * As root, mode 000 does not deny reads: the same cases then run as the unprivileged user "nobody" (uid 65534),
 * which needs the temp folder and the built files to be readable by others. Only when that is impossible too are
 * they skipped, under a title that says so.
 */
const ROOT = runningAsRoot();
const AS_USER = ROOT ? { uid: 65534, gid: 65534 } : {};
const CAN_DENY = !ROOT || spawnSync(process.execPath, ['-e', 'process.exit(0)'], AS_USER).status === 0;
const denyTest = CAN_DENY ? test : test.skip;
const viaNobody = ROOT ? ' (running as root: run as uid 65534)' : '';
const skipped = CAN_DENY ? '' : ' [SKIPPED: running as root, and no unprivileged user to run as, so mode 000 cannot deny a read]';

describe('permission denied', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  denyTest(`a file with mode 000: \`cannot read <file>: permission denied\`, the next file processed, exit 2${viaNobody}${skipped}`, async () => {
    chmodSync(tmp.dir, 0o755);
    const locked = path.join(tmp.dir, 'locked.log');
    const good = path.join(tmp.dir, 'good.log');
    writeFileSync(locked, readFileSync(GOOD));
    writeFileSync(good, readFileSync(GOOD));
    chmodSync(locked, 0o000);
    chmodSync(good, 0o644);
    const child = spawn(process.execPath, [ERRLENS_BIN, '--format', 'ndjson', locked, good], { cwd: tmp.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...AS_USER });
    const run = await collectRun(child, 20_000);
    expect(run.stderr).toBe(`errlens: cannot read ${locked}: permission denied\n`);
    expect(run.status).toBe(2);
    expect(sources(run.stdout)).toEqual([good]);
  });

  denyTest(`a catalogue page with mode 000: \`errlens: cannot read catalogue (permission denied): <file>\`, exit 2${viaNobody}${skipped}`, async () => {
    chmodSync(tmp.dir, 0o755);
    const page = path.join(tmp.dir, 'errorcode-locked.md');
    writeFileSync(page, '# Locked Error Codes\n\n## 4100001 Locked\n\n**Error Message**\n\nLocked.\n');
    chmodSync(page, 0o000);
    const child = spawn(process.execPath, [ERRLENS_BIN, '--catalog', page, GOOD], { cwd: tmp.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...AS_USER });
    const run = await collectRun(child, 20_000);
    expect(run.stderr).toBe(`errlens: cannot read catalogue (permission denied): ${page}\n`);
    expect(run.status).toBe(2);
  });
});

describe('a file deleted or replaced while followed', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());
  const line = (n: number): string => `05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ParseUrl failed step ${n}\n`;

  /** Starts `errlens -f --from-start` on `file` and returns helpers to wait for records and stop it. */
  function follow(file: string) {
    const child = spawn(process.execPath, [ERRLENS_BIN, '--format', 'ndjson', '--follow', '--from-start', '--stats', file], {
      cwd: tmp.dir,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const done = collectRun(child, 60_000);
    const waitFor = async (what: () => boolean, label: string): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!what()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}; stdout: ${out.slice(-500)} stderr: ${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const records = (): number => out.split('\n').filter((l) => l !== '').length;
    return {
      waitForRecords: (n: number) => waitFor(() => records() >= n, `${n} records`),
      waitForStderr: (text: string) => waitFor(() => err.includes(text), JSON.stringify(text)),
      stop: async () => {
        child.kill('SIGINT');
        return done;
      },
    };
  }

  test('deleted while followed: a notice on stderr, errlens keeps waiting, picks the file up when it reappears; every line reported once', async () => {
    const file = path.join(tmp.dir, 'deleted.log');
    writeFileSync(file, line(1) + line(2));
    const f = follow(file);
    await f.waitForRecords(2);
    appendFileSync(file, line(3));
    await f.waitForRecords(3);
    unlinkSync(file);
    await f.waitForStderr('has become inaccessible');
    writeFileSync(file, line(4));
    await f.waitForStderr('has appeared');
    appendFileSync(file, line(5));
    await f.waitForRecords(5);
    const run = await f.stop();
    expect(run.status).toBe(130);
    const steps = (parseNdjson(run.stdout) as Ndjson[]).map((r) => /step (\d+)/.exec(r.event.original)?.[1]);
    expect(steps).toEqual(['1', '2', '3', '4', '5']);
    expect(run.stderr).toContain(`errlens: ${file} has become inaccessible: no such file or directory\n`);
    const stats = parseStats(run.stderr);
    expect(stats?.linesRead).toBe(5);
    expect(stats !== undefined && accountedLines(stats)).toBe(5);
  }, 60_000);

  test('replaced while followed (a new file renamed over it, the old one still growing first): both files read to the end, nothing lost or repeated', async () => {
    const file = path.join(tmp.dir, 'replaced.log');
    writeFileSync(file, line(1));
    const f = follow(file);
    await f.waitForRecords(1);
    appendFileSync(file, line(2) + line(3));
    const next = path.join(tmp.dir, 'replaced.log.new');
    writeFileSync(next, line(4) + line(5));
    renameSync(next, file);
    await f.waitForRecords(5);
    appendFileSync(file, line(6));
    await f.waitForRecords(6);
    const run = await f.stop();
    expect(run.status).toBe(130);
    const steps = (parseNdjson(run.stdout) as Ndjson[]).map((r) => /step (\d+)/.exec(r.event.original)?.[1]);
    expect(steps).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(run.stderr).toContain(`errlens: ${file} has been replaced; following new file\n`);
    const stats = parseStats(run.stderr);
    expect(stats?.linesRead).toBe(6);
  }, 60_000);

  test('truncated in place while followed (copytruncate) with a partial last line: the partial line is not glued to the new content', async () => {
    const file = path.join(tmp.dir, 'truncated.log');
    writeFileSync(file, line(1) + line(2).trimEnd());
    const f = follow(file);
    await f.waitForRecords(1);
    writeFileSync(file, line(3)); // truncate + write in one go: shorter than the read position
    await f.waitForRecords(3);
    const run = await f.stop();
    const originals = (parseNdjson(run.stdout) as Ndjson[]).map((r) => r.event.original);
    expect(originals).toEqual([line(1).trimEnd(), line(2).trimEnd(), line(3).trimEnd()]);
  }, 60_000);
});
