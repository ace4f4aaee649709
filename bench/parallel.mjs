#!/usr/bin/env node
// Parallel scan driver (`--jobs N` without the CLI): plans the inputs, runs them on N workers with
// dist/parallel/run-parallel.js, and writes what the CLI would write (NDJSON, or a summary rendered as the CLI does).
//
//   node bench/parallel.mjs FILE... [--jobs 2] [--format ndjson|json|markdown|text] [--all] [--unknown]
//        [--year 2026] [--tz UTC] [--shard-threshold 64M] [--min-shard 16M] [--batch 64K] [--max-buffered 32M]
//        [--dist dist] [-o OUT]
//   node bench/parallel.mjs --compare FILE [--jobs 2] [--format json] [--reps 3]
//        times the CLI (single thread) against this driver with 1 and N jobs, round-robin, and prints the ratios.
//
// Timing (ms, tasks, bytes) goes to stderr as one JSON line.

import { spawnSync } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)$/i.exec(String(text).trim());
  if (!m) throw new Error(`bad size ${text}`);
  return Math.round(Number(m[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase()]);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    jobs: { type: 'string', default: '2' },
    format: { type: 'string', default: 'ndjson' },
    all: { type: 'boolean', default: false },
    unknown: { type: 'boolean', default: false },
    year: { type: 'string' },
    tz: { type: 'string' },
    'shard-threshold': { type: 'string' },
    'min-shard': { type: 'string' },
    batch: { type: 'string' },
    'max-buffered': { type: 'string' },
    dist: { type: 'string', default: join(ROOT, 'dist') },
    output: { type: 'string', short: 'o' },
    compare: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
  },
});

async function drive() {
  const dist = pathToFileURL(resolve(values.dist)).href;
  const { inspectInputs, planTasks, runParallel } = await import(`${dist}/parallel/index.js`);
  const { renderSummary } = await import(`${dist}/cli/merge-command.js`);
  const { readVersion } = await import(`${dist}/cli/version.js`);
  const t0 = performance.now();
  const jobs = Number(values.jobs);
  const inputs = await inspectInputs(positionals.length > 0 ? positionals : ['-']);
  const tasks = await planTasks(inputs, {
    jobs,
    ...(values['shard-threshold'] ? { shardThreshold: parseSize(values['shard-threshold']) } : {}),
    ...(values['min-shard'] ? { minShardBytes: parseSize(values['min-shard']) } : {}),
  });
  const tPlan = performance.now();
  const summary = ['json', 'markdown', 'text'].includes(values.format);
  const out = values.output ? createWriteStream(values.output) : process.stdout;
  const write = (text) => (out.write(text) ? undefined : once(out, 'drain').then(() => undefined));
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const result = await runParallel(tasks, {
    jobs,
    workerPath: new URL(`${dist}/parallel/worker.js`),
    scan: {
      catalogs: [],
      defaultCatalogue: true,
      all: values.all,
      unknown: values.unknown,
      ...(values.year ? { year: Number(values.year) } : {}),
      ...(values.tz ? { tz: values.tz } : {}),
      filter: {},
      output: summary ? { kind: 'summary' } : { kind: 'records', format: values.format === 'pretty' ? 'pretty' : 'ndjson' },
    },
    write,
    signal: controller.signal,
    onError: (err) => process.stderr.write(`errlens: ${err.message}\n`),
    ...(values.batch ? { batchBytes: parseSize(values.batch) } : {}),
    ...(values['max-buffered'] ? { maxBufferedBytes: parseSize(values['max-buffered']) } : {}),
  });
  if (summary) await write(renderSummary(result.summary, values.format, readVersion()));
  if (values.output) {
    out.end();
    await once(out, 'finish');
  }
  const t1 = performance.now();
  process.stderr.write(
    `${JSON.stringify({
      jobs,
      tasks: tasks.map((t) => (t.kind === 'shard' ? `${t.name}#${t.shard}[${t.start},${t.end ?? 'EOF'})` : t.name)),
      planMs: Math.round(tPlan - t0),
      ms: Math.round(t1 - t0),
      linesRead: result.accounting.linesRead,
      found: result.found,
      errors: result.errors,
    })}\n`,
  );
  process.exitCode = result.errors > 0 ? 2 : result.found > 0 ? 0 : 1;
}

/** Wall and CPU (user + sys) milliseconds of one run; CPU from GNU time, which other load disturbs less. */
function time(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(String(r.stderr));
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

function compare() {
  const file = positionals[0];
  if (!file) throw new Error('usage: parallel.mjs --compare FILE');
  const bytes = statSync(file).size;
  const jobs = values.jobs;
  const runs = {
    cli: () => time(process.execPath, [join(values.dist, 'cli/main.js'), file, '--format', values.format]),
    'jobs=1': () => time(process.execPath, [fileURLToPath(import.meta.url), file, '--jobs', '1', '--format', values.format, '--dist', values.dist]),
    [`jobs=${jobs}`]: () => time(process.execPath, [fileURLToPath(import.meta.url), file, '--jobs', jobs, '--format', values.format, '--dist', values.dist]),
  };
  const samples = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let rep = 0; rep < Number(values.reps); rep++) for (const [k, run] of Object.entries(runs)) samples[k].push(run());
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = Object.fromEntries(
    Object.entries(samples).map(([k, xs]) => {
      const wall = median(xs.map((x) => x.wall));
      return [k, { ms: Math.round(wall), cpuMs: Math.round(median(xs.map((x) => x.cpu))), mbps: +(bytes / 1e6 / (wall / 1000)).toFixed(1), walls: xs.map((x) => Math.round(x.wall)) }];
    }),
  );
  const ratio = (a, b) => +(rows[b].ms / rows[a].ms).toFixed(2);
  process.stdout.write(
    `${JSON.stringify({ file, bytes, format: values.format, load: loadavg().map((x) => +x.toFixed(2)), rows, speedupVsCli: ratio(`jobs=${jobs}`, 'cli'), speedupVsJobs1: ratio(`jobs=${jobs}`, 'jobs=1') }, null, 2)}\n`,
  );
}

if (values.compare) compare();
else
  drive().catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exitCode = 2;
  });
