/**
 * Load and backpressure. A slow consumer (stdout not read for seconds) must make errlens stop taking input rather
 * than buffer it, and memory must not grow with the size of the input. Memory is read exactly at exit by a preload
 * (peak RSS) and, while paused, from /proc/<pid>/status; both are bounds, not timings. The waits below only decide
 * when to look, never what passes.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { cleanEnv, collectRun, ERRLENS_BIN, makeTempDir, nodeArgs, parseStats, runErrlens } from './helpers/cli.js';

const MB = 1024 * 1024;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** RSS of a live process in bytes, from /proc (Linux). */
function currentRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) * 1024;
}

/** About 1 MB of hilog lines; with `hit`, each carries a code (and makes ~1 KB of NDJSON). */
function block(first: number, hit: boolean): { text: string; lines: number } {
  const parts: string[] = [];
  let size = 0;
  let n = first;
  while (size < MB) {
    const line = hit
      ? `05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed seq=${n}\n`
      : `05-14 09:12:05.012  5394  5418 I C015B0/NETSTACK: [websocket_exec.cpp:412] connection ok seq=${n}\n`;
    parts.push(line);
    size += line.length;
    n++;
  }
  return { text: parts.join(''), lines: n - first };
}

describe('a slow consumer', () => {
  test('stdout paused for 3 s while input keeps coming: errlens stops taking input (the producer waits), RSS stays bounded, then every line comes out', async () => {
    const { argv, probeFile } = nodeArgs(ERRLENS_BIN, ['--format', 'ndjson'], true);
    const child = spawn(process.execPath, argv, { env: cleanEnv(probeFile !== undefined ? { ERRLENS_PROBE_FILE: probeFile } : {}), stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => undefined);
    // The output is not read yet: collectRun attaches its reader only after the pause.
    const pid = child.pid as number;
    let written = 0;
    let linesIn = 0;
    let seq = 0;
    let acceptedWhenBlocked = -1;
    let rssWhilePaused = 0;
    // Write until errlens stops taking input for a full second.
    while (written < 64 * MB) {
      const { text, lines } = block(seq, true);
      seq += lines;
      linesIn += lines;
      written += text.length;
      if (child.stdin.write(text)) continue;
      const drained = await Promise.race([new Promise<boolean>((r) => child.stdin.once('drain', () => r(true))), sleep(1000).then(() => false)]);
      if (!drained) {
        acceptedWhenBlocked = written;
        break;
      }
    }
    // The producer is held: it must have been stopped after a few MB, not after all it was offered.
    expect(acceptedWhenBlocked).toBeGreaterThan(0);
    expect(acceptedWhenBlocked).toBeLessThanOrEqual(8 * MB);
    // Stay paused for a while and check that errlens neither takes more nor grows.
    for (let i = 0; i < 30; i++) {
      rssWhilePaused = Math.max(rssWhilePaused, currentRss(pid));
      await sleep(100);
    }
    expect(child.stdin.writableLength).toBeGreaterThan(0); // still not drained: nothing more was taken
    expect(rssWhilePaused).toBeLessThan(150 * MB);
    // Resume reading and finish.
    const run = collectRun(child, 120_000, probeFile);
    child.stdin.end();
    const result = await run;
    expect(result.status).toBe(0);
    const out = result.stdout.split('\n');
    expect(out.pop()).toBe('');
    expect(out).toHaveLength(linesIn);
    expect(out[out.length - 1]).toContain(`seq=${linesIn - 1}`);
    expect(result.peakRss ?? Infinity).toBeLessThan(200 * MB);
  }, 150_000);
});

describe('memory does not grow with the input', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  function writeInput(file: string, mb: number, hit: boolean): number {
    const fd = openSync(file, 'w');
    let lines = 0;
    try {
      for (let i = 0; i < mb; i++) {
        const b = block(lines, hit);
        writeSync(fd, b.text);
        lines += b.lines;
      }
    } finally {
      closeSync(fd);
    }
    return lines;
  }

  test('200 MB of lines without codes from a file: peak RSS under 150 MB (nothing is kept per chunk read)', async () => {
    const file = path.join(tmp.dir, 'quiet-200mb.log');
    const lines = writeInput(file, 200, false);
    const run = await runErrlens(['--format', 'ndjson', '--stats', file], { probe: true, timeoutMs: 120_000 });
    expect(run.status).toBe(1);
    expect(parseStats(run.stderr)?.linesRead).toBe(lines);
    expect(run.peakRss ?? Infinity).toBeLessThan(150 * MB);
  }, 150_000);

  test('200 MB of lines without codes on standard input: peak RSS under 150 MB', async () => {
    const file = path.join(tmp.dir, 'quiet-200mb-stdin.log');
    writeInput(file, 200, false);
    const { argv, probeFile } = nodeArgs(ERRLENS_BIN, ['--format', 'json', '--stats'], true);
    const child = spawn(process.execPath, argv, {
      env: cleanEnv(probeFile !== undefined ? { ERRLENS_PROBE_FILE: probeFile } : {}),
      stdio: [openSync(file, 'r'), 'pipe', 'pipe'],
    });
    const run = await collectRun(child, 120_000, probeFile);
    expect(run.status).toBe(1);
    expect(run.peakRss ?? Infinity).toBeLessThan(150 * MB);
  }, 150_000);
});
