#!/usr/bin/env node
// Live latency: feeds lines into the CLI's stdin at a steady rate and measures, for every hit, the time from writing
// its line to seeing its record on stdout. Target: median < 50 ms over 1,000 lines at 100 lines/s.
//
//   node bench/live-latency.mjs [--dist dist] [--lines 1000] [--rate 100] [--hit-rate 0.1] [--json] [-- extra CLI args]
//
// Each line carries a unique "seq=N" token, found again in the output record, so the measure does not depend on the
// output's field names. Lines come from the corpus generator (hilog, no stack traces).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createCorpus } from './lib/corpus.mjs';
import { median, percentile } from './lib/measure.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dist: { type: 'string', default: 'dist' },
    lines: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '100' },
    'hit-rate': { type: 'string', default: '0.1' },
    json: { type: 'boolean', default: false },
  },
});
const CLI = join(resolve(values.dist), 'cli', 'main.js');
const N = Number(values.lines);
const RATE = Number(values.rate);

function fail(msg) {
  if (values.json) process.stdout.write(`${JSON.stringify({ error: msg })}\n`);
  else process.stderr.write(`live-latency: ${msg}\n`);
  process.exitCode = 2;
}

async function main() {
  if (!existsSync(CLI)) return fail(`${CLI} missing: run npm run build`);
  const corpus = createCorpus({ format: 'hilog', hitRate: Number(values['hit-rate']), decoyRate: 0.05, lineLength: 120, seed: 3, stackRate: 0, variant: 'process' });
  const lines = [];
  const isHit = [];
  while (lines.length < N) {
    const rec = corpus.next();
    lines.push(`${rec.lines[0]} seq=${lines.length}`);
    isHit.push(rec.hits.length > 0);
  }
  const child = spawn(process.execPath, [CLI, '--format', 'ndjson', ...positionals], { stdio: ['pipe', 'pipe', 'pipe'] });
  const sent = new Array(N).fill(0);
  const latency = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  let buf = '';
  const seen = new Set();
  child.stdout.setEncoding('utf8').on('data', (d) => {
    const now = performance.now();
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) !== -1) {
      const out = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const m = /seq=(\d+)/.exec(out);
      if (m) {
        const i = Number(m[1]);
        if (!seen.has(i) && sent[i] > 0) {
          seen.add(i);
          latency.push(now - sent[i]);
        }
      }
    }
  });
  const exited = new Promise((res) => child.on('close', res));
  // Let the CLI start before the clock runs: start-up is measured elsewhere.
  await new Promise((res) => setTimeout(res, 500));
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((res) => setTimeout(res, wait));
    sent[i] = performance.now();
    child.stdin.write(`${lines[i]}\n`);
  }
  // Give the last hits time to come out before closing (closing would flush them at once and hide latency).
  await new Promise((res) => setTimeout(res, 500));
  child.stdin.end();
  const code = await exited;
  const hits = isHit.filter(Boolean).length;
  const result = {
    lines: N,
    rate: RATE,
    hitLines: hits,
    hits: latency.length,
    medianMs: median(latency),
    p95Ms: percentile(latency, 95),
    maxMs: latency.length ? Math.max(...latency) : null,
    exit: code,
    ...(latency.length === 0 ? { error: `no hits seen on stdout (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}` } : {}),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`${N} lines at ${RATE}/s, ${hits} hit lines, ${latency.length} records seen\n`);
    process.stdout.write(`latency median ${result.medianMs?.toFixed(1)} ms, p95 ${result.p95Ms?.toFixed(1)} ms, max ${result.maxMs?.toFixed(1)} ms (target median < 50 ms)\n`);
  }
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
