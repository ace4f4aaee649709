#!/usr/bin/env node
// Parallel scan driver (`--jobs N` without the CLI): plans the inputs, runs them on N threads with
// dist/parallel/run-parallel.js, and writes what the CLI would write (NDJSON, or a summary rendered as the CLI does).
//
//   node bench/parallel.mjs FILE... [--jobs 2] [--format ndjson|json|markdown|text] [--all] [--unknown]
//        [--year 2026] [--tz UTC] [--shard-threshold 16M] [--min-shard 256K] [--max-shard 4M] [--batch 64K]
//        [--max-buffered 8M] [--young 12] [--old 256] [--scan-here yes|no] [--dist dist] [-o OUT]
//        (sizes, heap limits in MB and --scan-here as runParallel's options; left out, runParallel's defaults)
//   node bench/parallel.mjs --compare FILE... [--jobs 2] [--format json] [--reps 3] [--shard-threshold ..]
//        times the CLI (single thread) against this driver with 1 and N jobs, round-robin, and prints the ratios:
//        of wall time, and of the busiest thread's CPU time (the critical path on idle cores; on a machine shared
//        with other work, wall time says little about parallelism). `--variants` picks the rows: cli (the CLI with
//        --jobs 1), cli-jobs (the CLI with --jobs N), jobs=1 and jobs=N (this driver); default all four. Each row
//        also gives the median peak RSS (MB, GNU time's %M).
//
// Timing (ms, tasks, bytes) goes to stderr as one JSON line.

import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
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
    'max-shard': { type: 'string' },
    batch: { type: 'string' },
    'max-buffered': { type: 'string' },
    young: { type: 'string' },
    old: { type: 'string' },
    'scan-here': { type: 'string' },
    dist: { type: 'string', default: join(ROOT, 'dist') },
    output: { type: 'string', short: 'o' },
    compare: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
    variants: { type: 'string', default: 'cli,cli-jobs,jobs=1,jobs=N' },
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
    ...(values['max-shard'] ? { maxShardBytes: parseSize(values['max-shard']) } : {}),
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
    ...(values.young ? { workerYoungGenerationMb: Number(values.young) } : {}),
    ...(values.old ? { workerOldGenerationMb: Number(values.old) } : {}),
    ...(values['scan-here'] !== undefined ? { scanHere: values['scan-here'] === 'yes' } : {}),
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

/** CPU ticks (user + sys) per thread of a live process, from /proc (Linux); empty elsewhere. */
function threadTicks(pid) {
  const out = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, Number(fields[11]) + Number(fields[12]));
    }
  } catch {
    // The process or a thread ended between the listing and the read.
  }
  return out;
}

/**
 * One run: wall ms, CPU ms (user + sys, from GNU time: other load disturbs it less than wall time) and the CPU ms
 * of its busiest thread (sampled from /proc every 20 ms). On a machine shared with other work, wall time says little
 * about parallelism; busiest-thread CPU is the critical path the run would have on idle cores.
 */
function time(cmd, args) {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S %M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const busiest = new Map();
    const timer = setInterval(() => {
      // The node process is GNU time's child.
      for (const pid of childPids(child.pid)) for (const [tid, t] of threadTicks(pid)) busiest.set(tid, Math.max(busiest.get(tid) ?? 0, t));
    }, 20);
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(timer);
      const wall = performance.now() - t0;
      if (status !== 0 && status !== 1) {
        reject(new Error(`${cmd} ${args.join(' ')}: exit ${status}: ${stderr}`));
        return;
      }
      const m = /cpu ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      const tick = 1000 / 100;
      resolveRun({
        wall,
        cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN,
        busiest: Math.max(0, ...busiest.values()) * tick,
        rssMb: m ? Number(m[3]) / 1024 : NaN,
      });
    });
  });
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

async function compare() {
  const files = positionals;
  if (files.length === 0) throw new Error('usage: parallel.mjs --compare FILE...');
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const jobs = values.jobs;
  const self = fileURLToPath(import.meta.url);
  const shardFlags = [
    ...(values['shard-threshold'] ? ['--shard-threshold', values['shard-threshold']] : []),
    ...(values['min-shard'] ? ['--min-shard', values['min-shard']] : []),
    ...(values['max-shard'] ? ['--max-shard', values['max-shard']] : []),
  ];
  const cli = join(values.dist, 'cli/main.js');
  const all = {
    cli: ['cli', () => time(process.execPath, [cli, ...files, '--format', values.format, '--jobs', '1'])],
    'cli-jobs': [`cli --jobs ${jobs}`, () => time(process.execPath, [cli, ...files, '--format', values.format, '--jobs', jobs])],
    'jobs=1': ['jobs=1', () => time(process.execPath, [self, ...files, '--jobs', '1', '--format', values.format, '--dist', values.dist, '-o', '/dev/null', ...shardFlags])],
    'jobs=N': [`jobs=${jobs}`, () => time(process.execPath, [self, ...files, '--jobs', jobs, '--format', values.format, '--dist', values.dist, '-o', '/dev/null', ...shardFlags])],
  };
  const runs = Object.fromEntries(values.variants.split(',').map((v) => all[v.trim()]));
  const load0Start = loadavg().map((x) => +x.toFixed(2));
  const samples = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  // Round-robin, so load from other processes hits every variant alike.
  for (let rep = 0; rep < Number(values.reps); rep++) for (const [k, run] of Object.entries(runs)) samples[k].push(await run());
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = Object.fromEntries(
    Object.entries(samples).map(([k, xs]) => {
      const wall = median(xs.map((x) => x.wall));
      return [
        k,
        {
          ms: Math.round(wall),
          cpuMs: Math.round(median(xs.map((x) => x.cpu))),
          busiestThreadMs: Math.round(median(xs.map((x) => x.busiest))),
          mbps: +(bytes / 1e6 / (wall / 1000)).toFixed(1),
          rssMb: Math.round(median(xs.map((x) => x.rssMb))),
          walls: xs.map((x) => Math.round(x.wall)),
        },
      ];
    }),
  );
  const ratio = (key, a, b) => (rows[a] && rows[b] ? +(rows[b][key] / rows[a][key]).toFixed(2) : undefined);
  const n = `jobs=${jobs}`;
  const cn = `cli --jobs ${jobs}`;
  const load0 = loadavg().map((x) => +x.toFixed(2));
  process.stdout.write(
    `${JSON.stringify(
      {
        files,
        bytes,
        format: values.format,
        cores: availableParallelism(),
        load: { before: load0Start, after: load0 },
        rows,
        wallSpeedupVsCli: ratio('ms', n, 'cli'),
        wallSpeedupVsJobs1: ratio('ms', n, 'jobs=1'),
        criticalPathSpeedupVsJobs1: ratio('busiestThreadMs', n, 'jobs=1'),
        cliWallSpeedup: ratio('ms', cn, 'cli'),
        cliCriticalPathSpeedup: ratio('busiestThreadMs', cn, 'cli'),
      },
      null,
      2,
    )}\n`,
  );
}

(values.compare ? compare() : drive()).catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exitCode = 2;
  });
