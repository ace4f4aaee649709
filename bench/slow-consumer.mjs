#!/usr/bin/env node
// Slow consumer: errlens reads standard input as fast as it is given while its stdout is not read at all for a
// while (a consumer paused for seconds), then read again. Reports how much input errlens accepted before it stopped
// taking more (the producer must wait, not buffer), its RSS while paused, its peak RSS over the whole run, and
// whether every line came out in the end.
//
//   node bench/slow-consumer.mjs [--dist dist] [--pause 5] [--mb 200] [--format ndjson] [--json]
//
// Every input line carries a code, so output is ~10x the input (NDJSON): the output side is what fills first.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    pause: { type: 'string', default: '5' },
    mb: { type: 'string', default: '200' },
    format: { type: 'string', default: 'ndjson' },
    json: { type: 'boolean', default: false },
  },
});
const CLI = join(resolve(values.dist), 'cli', 'main.js');
const PAUSE_MS = Number(values.pause) * 1000;
const TOTAL = Number(values.mb) * 1024 * 1024;
const MB = 1024 * 1024;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** VmRSS / VmHWM of a live process, in bytes (Linux). */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** 1 MB of hilog error lines, each with a code and a sequence number. */
function block(start) {
  const lines = [];
  let size = 0;
  let n = start;
  while (size < MB) {
    const line = `05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed seq=${n++}\n`;
    lines.push(line);
    size += line.length;
  }
  return { text: lines.join(''), count: n - start };
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'errlens-slow-consumer-'));
  const hook = join(dir, 'hook.cjs');
  const hwmFile = join(dir, 'hwm');
  writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(hwmFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const child = spawn(process.execPath, ['--require', hook, CLI, '--format', values.format], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.on('error', () => undefined);

  let written = 0;
  let linesIn = 0;
  let seq = 0;
  let acceptedAtBlock = null;
  let rssWhilePaused = 0;
  let outBytes = 0;
  let outLines = 0;
  let reading = false;
  const startReading = () => {
    reading = true;
    child.stdout.on('data', (d) => {
      outBytes += d.length;
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) outLines++;
    });
  };
  const exited = new Promise((r) => child.on('close', (code) => r(code)));

  const t0 = Date.now();
  while (written < TOTAL) {
    const { text, count } = block(seq);
    seq += count;
    const ok = child.stdin.write(text);
    written += text.length;
    linesIn += count;
    if (ok) continue;
    // The pipe is full: wait for errlens to take more, but not beyond a while while stdout is paused.
    const drained = await Promise.race([new Promise((r) => child.stdin.once('drain', () => r(true))), sleep(reading ? 60_000 : 1000).then(() => false)]);
    if (drained || reading) continue;
    // errlens has stopped taking input: the producer waits. Keep stdout paused for the rest of the pause.
    acceptedAtBlock = written;
    const pausedUntil = t0 + PAUSE_MS;
    while (Date.now() < pausedUntil) {
      rssWhilePaused = Math.max(rssWhilePaused, memory(child.pid).rss);
      await sleep(100);
    }
    const acceptedAfterPause = written;
    rssWhilePaused = Math.max(rssWhilePaused, memory(child.pid).rss);
    startReading();
    await new Promise((r) => child.stdin.once('drain', r));
    if (acceptedAfterPause !== acceptedAtBlock) acceptedAtBlock = `${acceptedAtBlock}..${acceptedAfterPause}`;
  }
  if (!reading) startReading();
  child.stdin.end();
  const code = await exited;
  const peak = Number(readFileSync(hwmFile, 'utf8')) * 1024;
  rmSync(dir, { recursive: true, force: true });
  const result = {
    pauseSeconds: PAUSE_MS / 1000,
    inputMB: +(written / MB).toFixed(1),
    linesIn,
    linesOut: outLines,
    linesLost: linesIn - outLines,
    outputMB: +(outBytes / MB).toFixed(1),
    acceptedBeforeBlockMB: typeof acceptedAtBlock === 'number' ? +(acceptedAtBlock / MB).toFixed(1) : acceptedAtBlock,
    rssWhilePausedMB: +(rssWhilePaused / MB).toFixed(1),
    peakRssMB: +(peak / MB).toFixed(1),
    exitStatus: code,
    seconds: +((Date.now() - t0) / 1000).toFixed(1),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write('slow consumer (stdout paused, then read)\n');
    for (const [k, v] of Object.entries(result)) process.stdout.write(`  ${k.padEnd(22)} ${v}\n`);
    if (result.acceptedBeforeBlockMB === null) process.stdout.write('  note: errlens never stopped taking input while paused (no backpressure seen)\n');
  }
  if (result.linesLost !== 0 || code !== 0) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`slow-consumer: ${err.stack ?? err}\n`);
  process.exitCode = 2;
});
