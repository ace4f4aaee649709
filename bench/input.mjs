#!/usr/bin/env node
// Input-layer benchmark: what reading a file costs errlens before the scanner sees a byte, beside `cat` and `zcat`.
//
//   node bench/input.mjs [--dist dist] [--base DIR] [--reps 5] [--cost 0,3] [--stdin] FILE...
//
// Each errlens run is a fresh process that opens FILE with openInput + untilAborted (as the CLI does) and pipes the
// bytes into a Writable that counts bytes and newlines. With --cost N (ms per MiB, comma-separated list) the Writable
// also works synchronously for N ms of CPU time per MiB it takes: a stand-in for the scanner, to see whether reading
// and gunzipping overlap with it (they do when the wall time stays near max(read, consume) instead of their sum).
// "waited" is the time the Writable sat between writes waiting for input; "chunks" how many pieces it was handed.
// --base DIR runs the same against a second build (a copy of an older dist) for A/B figures.
// --stdin also feeds each FILE through standard input (the live path: small chunks, sniffed on the first read).
// Commands run round-robin, --reps times each, so load from other processes hits all of them alike; the table
// shows medians. MB/s is 10^6 bytes of *decoded* output per second of wall time.
//
//   node bench/input.mjs --child DIST FILE COST [stdin]   (internal: one measured run, prints JSON)

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { median, runOnce } from './lib/measure.mjs';

const MIB = 1024 * 1024;

/** Work the stand-in scanner does: `n` rounds of integer arithmetic that the JIT cannot drop. */
function work(n) {
  let x = 1;
  for (let i = 0; i < n; i++) x = (x * 1103515245 + 12345) | 0;
  return x;
}

/**
 * Rounds of `work` per ms of CPU time, measured before reading starts (the process's CPU time is then this thread's).
 * The stand-in costs CPU time, not wall time: on a busy machine it then costs what a scanner would, and whether
 * gunzip keeps ahead of it does not depend on how the scheduler shares the cores out.
 */
function calibrate() {
  const rounds = 1e6;
  let sink = 0;
  const before = process.cpuUsage();
  let runs = 0;
  let used = 0;
  while (used < 100) {
    sink ^= work(rounds);
    runs++;
    const cpu = process.cpuUsage(before);
    used = (cpu.user + cpu.system) / 1000;
  }
  return sink === 0.5 ? 0 : (runs * rounds) / used;
}

async function child([dist, file, cost, viaStdin]) {
  const { openInput } = await import(pathToFileURL(join(dist, 'input', 'open-input.js')).href);
  const { untilAborted } = await import(pathToFileURL(join(dist, 'input', 'until-aborted.js')).href);
  const msPerByte = Number(cost) / MIB;
  const calibrationStart = performance.now();
  const roundsPerMs = msPerByte > 0 ? calibrate() : 0;
  // Left out of the figures: the wall time, and (nearly all) CPU time, of the calibration.
  const calibrationMs = performance.now() - calibrationStart;
  let bytes = 0;
  let newlines = 0;
  let chunks = 0;
  let raw = 0;
  // Time the consumer spent waiting for input: from the end of one write to the start of the next.
  let waited = 0;
  let lastEnd;
  const t0 = performance.now();
  const name = viaStdin === 'stdin' ? '-' : file;
  const input = await openInput(name, { onRawChunk: (c) => (raw += c.length) });
  let readError;
  const source = untilAborted(input.stream, new AbortController().signal, name, () => input.close(), (err) => {
    readError = err;
  });
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      const start = performance.now();
      if (lastEnd !== undefined) waited += start - lastEnd;
      chunks++;
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      if (msPerByte > 0) work(Math.round(chunk.length * msPerByte * roundsPerMs));
      lastEnd = performance.now();
      callback();
    },
  });
  await pipeline(source, sink);
  if (readError !== undefined) throw readError;
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ bytes, raw, newlines, chunks, ms, waited, calibrationMs })}\n`);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dist: { type: 'string', default: 'dist' },
      base: { type: 'string' },
      reps: { type: 'string', default: '5' },
      cost: { type: 'string', default: '0,3' },
      stdin: { type: 'boolean', default: false },
    },
  });
  const reps = Number(values.reps);
  const costs = values.cost.split(',').map(Number);
  const dists = [['new', resolve(values.dist)], ...(values.base !== undefined ? [['base', resolve(values.base)]] : [])];
  const jobs = [];
  for (const file of positionals.map((f) => resolve(f))) {
    const gz = readMagic(file);
    jobs.push({ label: `${gz ? 'zcat' : 'cat'} ${short(file)}`, file, cmd: gz ? 'zcat' : 'cat', args: [file] });
    for (const [tag, dist] of dists)
      for (const cost of costs)
        for (const via of values.stdin ? ['file', 'stdin'] : ['file'])
          jobs.push({
            label: `${tag} cost=${cost} ${via} ${short(file)}`,
            file,
            cmd: process.execPath,
            args: [process.argv[1], '--child', dist, file, String(cost), via],
            ...(via === 'stdin' ? { stdin: file } : {}),
            errlens: true,
          });
  }
  const results = new Map(jobs.map((j) => [j.label, []]));
  process.stderr.write(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  for (let r = 0; r < reps; r++) {
    for (const job of jobs) {
      const run = await runOnce({ cmd: job.cmd, args: job.args, ...(job.stdin ? { stdin: job.stdin } : {}), stdout: job.errlens ? 'capture' : 'null' });
      if (run.code !== 0) throw new Error(`${job.label} failed (${run.code}): ${run.stderr}`);
      const info = job.errlens ? JSON.parse(run.stdout) : undefined;
      results.get(job.label).push({ ...run, info });
    }
    process.stderr.write(`rep ${r + 1}/${reps} done, load ${loadavg()[0].toFixed(2)}\n`);
  }
  const decodedSize = (file) => results.get(jobs.find((j) => j.errlens && j.file === file).label)[0].info.bytes;
  const rows = [['command', 'wall s', 'cpu s', 'MB/s', 'RSS MB', 'chunks', 'waited s', '× cat/zcat']];
  let baseline;
  for (const job of jobs) {
    const runs = results.get(job.label);
    const calibration = (r) => r.info?.calibrationMs ?? 0;
    const wall = median(runs.map((r) => r.wallMs - calibration(r))) / 1000;
    const cpu = runs[0].cpuMs === null ? NaN : median(runs.map((r) => r.cpuMs - calibration(r))) / 1000;
    const rss = median(runs.map((r) => r.rssKb ?? NaN)) / 1024;
    const decoded = job.errlens ? runs[0].info.bytes : undefined;
    if (!job.errlens) baseline = wall;
    // The baseline's MB/s counts decoded bytes too: those an errlens run of the same file counted.
    const size = decoded ?? (job.cmd === 'zcat' ? decodedSize(job.file) : statSync(job.file).size);
    rows.push([
      job.label,
      wall.toFixed(3),
      cpu.toFixed(3),
      (size / 1e6 / wall).toFixed(0),
      rss.toFixed(0),
      job.errlens ? String(runs[0].info.chunks) : '',
      job.errlens ? (median(runs.map((r) => r.info.waited)) / 1000).toFixed(3) : '',
      (wall / baseline).toFixed(2),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) process.stdout.write(`${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}\n`);
  process.stderr.write(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
}

function short(file) {
  return file.split('/').pop();
}

function readMagic(file) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

if (process.argv[2] === '--child') await child(process.argv.slice(3));
else await main();
