#!/usr/bin/env node
// Follow soak: errlens --follow on a file that grows by 10,000 lines/s for N minutes, rotated every minute
// (alternately by rename and by copytruncate; the first at 30 s). Every line carries a unique sequence number and every 10th line a
// code, so that at the end the script can say exactly what became of each one: lines in, lines errlens read
// (--stats), hits out, lines lost (must be 0), hits lost or repeated, rotations survived, and errlens's RSS
// (sampled every second, and its peak from the kernel).
//
//   node bench/follow-soak.mjs [--minutes 10] [--rate 10000] [--rotate-every 60] [--rotation alternate|rename|copytruncate]
//                              [--hit-every 10] [--dist dist] [--json]
//
// Exit status: 0 when nothing was lost, 1 otherwise, 2 when the run could not be made.

import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '10000' },
    'rotate-every': { type: 'string', default: '60' },
    rotation: { type: 'string', default: 'alternate' },
    'hit-every': { type: 'string', default: '10' },
    dist: { type: 'string', default: 'dist' },
    json: { type: 'boolean', default: false },
  },
});
const CLI = join(resolve(values.dist), 'cli', 'main.js');
const DURATION_MS = Number(values.minutes) * 60_000;
const RATE = Number(values.rate);
const ROTATE_MS = Number(values['rotate-every']) * 1000;
const HIT_EVERY = Number(values['hit-every']);
const TICK_MS = 50;
const MB = 1024 * 1024;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => {
  if (!values.json) process.stderr.write(`follow-soak: ${msg}\n`);
};

/** VmRSS and VmHWM of a live process in bytes (Linux). */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** CPU seconds (user + system) a live process has used (Linux). */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function line(seq) {
  return seq % HIT_EVERY === 0
    ? `05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed seq=${seq}\n`
    : `05-14 09:12:05.012  5394  5418 I C015B0/NETSTACK: [websocket_exec.cpp:900] OnMessage bytes=512 seq=${seq}\n`;
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'errlens-follow-soak-'));
  const file = join(dir, 'app.log');
  writeFileSync(file, '');
  const hook = join(dir, 'hook.cjs');
  const peakFile = join(dir, 'peak');
  writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(peakFile)}, String(process.resourceUsage().maxRSS)));\n`);

  // --from-start on an empty file: nothing written before errlens opens it can be missed.
  const child = spawn(process.execPath, ['--require', hook, CLI, '--follow', '--from-start', '--format', 'ndjson', '--stats', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
  const exited = new Promise((r) => child.on('close', (code, signal) => r({ code, signal })));

  const expectedLines = Math.ceil((DURATION_MS / 1000) * RATE) + RATE;
  const seen = new Uint8Array(expectedLines + 1);
  let hitsOut = 0;
  let duplicates = 0;
  let unparsed = 0;
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const text = partial + chunk;
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      const m = /seq=(\d+)/.exec(l);
      if (m === null) {
        unparsed++;
        continue;
      }
      const seq = Number(m[1]);
      if (seen[seq] === 1) duplicates++;
      seen[seq] = 1;
      hitsOut++;
    }
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (stderr += d));

  // Give errlens time to start and open the file (it reads from the start, so this only avoids a burst at once).
  await sleep(1000);

  const t0 = Date.now();
  let written = 0;
  let hitsIn = 0;
  let bytes = 0;
  let rotations = 0;
  // The first rotation half-way through the first period, then one per period: N rotations in N periods.
  let nextRotation = ROTATE_MS / 2;
  let peakSampled = 0;
  const perMinute = [];
  let minuteMax = 0;
  let lastReport = 0;
  const cpu0 = cpuSeconds(child.pid);
  let lastSample = 0;

  while (Date.now() - t0 < DURATION_MS) {
    const elapsed = Date.now() - t0;
    const due = Math.min(Math.floor((elapsed / 1000) * RATE), Math.floor((DURATION_MS / 1000) * RATE)) - written;
    if (due > 0) {
      let text = '';
      for (let i = 0; i < due; i++) {
        const seq = written + i;
        if (seq % HIT_EVERY === 0) hitsIn++;
        text += line(seq);
      }
      appendFileSync(file, text);
      written += due;
      bytes += text.length;
    }
    if (elapsed >= nextRotation) {
      nextRotation += ROTATE_MS;
      const byRename = values.rotation === 'rename' || (values.rotation === 'alternate' && rotations % 2 === 0);
      if (byRename) {
        // logrotate's default: rename, then a new file under the old name.
        rmSync(`${file}.1`, { force: true });
        renameSync(file, `${file}.1`);
        writeFileSync(file, '');
      } else {
        // copytruncate: copy, then truncate in place (the writer keeps appending to the same file).
        copyFileSync(file, `${file}.1`);
        truncateSync(file, 0);
      }
      rotations++;
      log(`rotation ${rotations} by ${byRename ? 'rename' : 'copytruncate'} at ${(elapsed / 1000).toFixed(0)} s`);
    }
    if (elapsed - lastSample >= 1000) {
      lastSample = elapsed;
      const { rss } = memory(child.pid);
      peakSampled = Math.max(peakSampled, rss || 0);
      minuteMax = Math.max(minuteMax, rss || 0);
      if (Math.floor(elapsed / 60_000) > perMinute.length) {
        perMinute.push(+(minuteMax / MB).toFixed(1));
        minuteMax = 0;
      }
    }
    if (elapsed - lastReport >= 30_000) {
      lastReport = elapsed;
      log(`${(elapsed / 1000).toFixed(0)} s: ${written} lines in, ${hitsOut} hits out, RSS ${(memory(child.pid).rss / MB).toFixed(1)} MB`);
    }
    await sleep(TICK_MS);
  }
  const writeSeconds = (Date.now() - t0) / 1000;
  if (minuteMax > 0) perMinute.push(+(minuteMax / MB).toFixed(1));

  // Let errlens catch up: wait until every hit is out, or nothing has come for 5 s.
  let last = -1;
  let quietSince = Date.now();
  while (hitsOut < hitsIn && Date.now() - quietSince < 5000) {
    if (hitsOut !== last) {
      last = hitsOut;
      quietSince = Date.now();
    }
    await sleep(100);
  }
  const catchUpSeconds = (Date.now() - t0) / 1000 - writeSeconds;
  const cpu = cpuSeconds(child.pid) - cpu0;
  const { hwm } = memory(child.pid);
  child.kill('SIGINT');
  const { code, signal } = await exited;
  let peak = hwm;
  try {
    peak = Math.max(peak || 0, Number(readFileSync(peakFile, 'utf8')) * 1024);
  } catch {
    // The process died without running its exit hook: keep the sampled figure.
  }

  const linesRead = Number(/errlens: stats: lines read: (\d+)/.exec(stderr)?.[1] ?? NaN);
  let missingHits = 0;
  for (let seq = 0; seq < written; seq += HIT_EVERY) if (seen[seq] !== 1) missingHits++;
  const notices = stderr.split('\n').filter((l) => l.startsWith('errlens: ') && !l.startsWith('errlens: stats:'));
  rmSync(dir, { recursive: true, force: true });

  const result = {
    minutes: DURATION_MS / 60_000,
    rateLinesPerSecond: RATE,
    linesIn: written,
    megabytesIn: +(bytes / MB).toFixed(1),
    linesRead,
    linesLost: written - linesRead,
    hitsIn,
    hitsOut,
    hitsMissing: missingHits,
    hitsRepeated: duplicates,
    unparsedOutputLines: unparsed,
    rotations,
    rotationNotices: notices.length,
    peakRssMB: +(peak / MB).toFixed(1),
    sampledPeakRssMB: +(peakSampled / MB).toFixed(1),
    rssPerMinuteMB: perMinute,
    cpuSeconds: +cpu.toFixed(1),
    cpuShare: +(cpu / (writeSeconds + catchUpSeconds)).toFixed(2),
    catchUpSeconds: +catchUpSeconds.toFixed(1),
    exit: signal ?? code,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`follow soak: ${result.minutes} min at ${RATE} lines/s, rotation every ${ROTATE_MS / 1000} s (${values.rotation})\n`);
    for (const [k, v] of Object.entries(result)) process.stdout.write(`  ${k.padEnd(20)} ${Array.isArray(v) ? v.join(' ') : v}\n`);
    const unexpected = notices.filter((n) => !/has been replaced|file truncated/.test(n));
    if (unexpected.length > 0) process.stdout.write(`  other notices: ${unexpected.slice(0, 5).join(' | ')}\n`);
  }
  process.exitCode = result.linesLost === 0 && result.hitsMissing === 0 && result.hitsRepeated === 0 ? 0 : 1;
}

main().catch((err) => {
  process.stderr.write(`follow-soak: ${err.stack ?? err}\n`);
  process.exitCode = 2;
});
