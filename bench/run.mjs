#!/usr/bin/env node
// Throughput benchmark: errlens in each mode beside standard tools, on generated corpora (`npm run bench`).
//
//   node bench/run.mjs [--size 200M] [--reps 5] [--dir /tmp/errlens-bench] [--seed 1] [--quick]
//                      [--only NAME|TOOL|INPUT|PREFIX,...] [--no-live] [--no-startup] [--no-adversarial] [--dist dist] [--timeout 120]
//
// A command whose first run takes longer than --timeout seconds is not repeated (its row says runs 1).
// Every command runs --reps times, round-robin (one of each in turn, so load from other processes hits all of them
// alike); the table shows medians. MB/s is 10^6 bytes per second of wall time; "cpu MB/s" uses user + sys time,
// which other load on the machine disturbs less. Peak RSS comes from GNU time (else /proc VmHWM polling).
// Baselines run with LC_ALL=C. Tools that are missing are listed and skipped; so are errlens modes the build lacks.
// Results go to bench/out/latest.json and bench/out/latest.md (git-ignored).

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { generateCorpus, parseSize } from './generate.mjs';
import { GENERATOR_VERSION } from './lib/corpus.mjs';
import { gzipBaselines, hilogBaselines, jsonBaselines, CODE_IN_CONTEXT_ERE } from './lib/baselines.mjs';
import { hasGnuTime, haveCommand, median, runOnce } from './lib/measure.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    reps: { type: 'string' },
    dir: { type: 'string', default: '/tmp/errlens-bench' },
    seed: { type: 'string', default: '1' },
    dist: { type: 'string', default: join(ROOT, 'dist') },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    live: { type: 'boolean', default: true },
    startup: { type: 'boolean', default: true },
    adversarial: { type: 'boolean', default: true },
    timeout: { type: 'string', default: '120' },
  },
  allowNegative: true,
});

const SIZE = parseSize(values.size ?? (values.quick ? '50M' : '200M'));
const REPS = Number(values.reps ?? (values.quick ? 3 : 5));
const DIR = resolve(values.dir);
const DIST = resolve(values.dist);
const CLI = join(DIST, 'cli', 'main.js');
const SEED = Number(values.seed);
const ONLY = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
const NODE = process.execPath;
const BASE_ENV = { LC_ALL: 'C' };

const log = (s = '') => process.stdout.write(`${s}\n`);
const fmt = (x, d = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

function machineInfo() {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) model = m[1].trim();
  } catch {
    // not Linux
  }
  const version = (cmd, args = ['--version']) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    return r.status === 0 || r.stdout ? `${r.stdout || r.stderr}`.split('\n')[0].trim() : null;
  };
  return {
    date: new Date().toISOString(),
    nproc: availableParallelism(),
    cpu: model,
    node: process.version,
    loadavgStart: loadavg().map((x) => x.toFixed(2)).join(' '),
    tools: {
      grep: version('grep'),
      rg: version('rg'),
      mawk: version('mawk', ['-W', 'version']),
      gawk: version('gawk'),
      jq: version('jq'),
      zcat: version('gzip'),
    },
  };
}

/** Makes (or reuses) a corpus; returns its path and generator stats. */
async function corpus(format, gzip) {
  mkdirSync(DIR, { recursive: true });
  const name = `${format}-${SIZE}-s${SEED}-g${GENERATOR_VERSION}.log${gzip ? '.gz' : ''}`;
  const file = join(DIR, name);
  const statsFile = `${file}.stats.json`;
  if (!existsSync(file) || !existsSync(statsFile)) {
    process.stdout.write(`generating ${file} ... `);
    const stats = await generateCorpus({ format, size: SIZE, hitRate: 0.02, decoyRate: 0.05, lineLength: 120, seed: SEED, gzip, out: file });
    writeFileSync(statsFile, JSON.stringify(stats));
    log('done');
  }
  return { file, stats: JSON.parse(readFileSync(statsFile, 'utf8')), size: statSync(file).size };
}

/** errlens jobs, each probed on a tiny input first so that missing modes are skipped with a reason. */
async function errlensJobs(files, tiny) {
  const jobs = [
    // Single-thread rows pin --jobs 1 (the default is one worker per core); the --jobs 2 rows measure the workers.
    { name: 'errlens summary (--format json)', group: 'hilog', args: ['--format', 'json', '--jobs', '1', files.hilog.file], stdout: 'null' },
    { name: 'errlens ndjson', group: 'hilog', args: ['--format', 'ndjson', '--jobs', '1', files.hilog.file], stdout: 'null' },
    { name: 'errlens summary --jobs 2', group: 'hilog', args: ['--format', 'json', '--jobs', '2', files.hilog.file], stdout: 'null' },
    { name: 'errlens ndjson --jobs 2', group: 'hilog', args: ['--format', 'ndjson', '--jobs', '2', files.hilog.file], stdout: 'null' },
    { name: 'errlens summary (JSON lines)', group: 'json', args: ['--format', 'json', '--jobs', '1', files.json.file], stdout: 'null' },
    { name: 'errlens summary (gzip)', group: 'gzip', args: ['--format', 'json', '--jobs', '1', files.gzip.file], stdout: 'null' },
  ];
  const out = [];
  const skipped = [];
  if (!existsSync(CLI)) {
    skipped.push(`errlens CLI (${CLI} missing: run npm run build)`);
  } else {
    for (const j of jobs) {
      const probeArgs = j.args.slice(0, -1).concat(tiny[j.group]);
      const r = await runOnce({ cmd: NODE, args: [CLI, ...probeArgs], stdout: 'capture' });
      if (r.code === 0 || r.code === 1) out.push({ ...j, cmd: NODE, args: [CLI, ...j.args], tool: 'errlens' });
      else skipped.push(`${j.name} (probe exit ${r.code}: ${r.stderr.split('\n')[0]})`);
    }
  }
  // The chunk scanner alone, and with the per-line machinery on its candidates: what the fast path can reach.
  const scanBench = join(ROOT, 'bench', 'lib', 'scan-bench.mjs');
  if (existsSync(join(DIST, 'scan', 'chunk-scanner.js'))) {
    const lib = (name, group, args) => ({ name: `library: ${name}`, group, tool: 'errlens', cmd: NODE, args: [scanBench, files[group].file, '--dist', DIST, ...args], stdout: 'capture', library: true });
    out.push(
      lib('chunk scanner alone (prefilter, line numbers)', 'hilog', ['--mode', 'scan']),
      lib('fast path: scanner + record builder', 'hilog', ['--mode', 'fast-stream']),
      lib('fast path, lean prefilter', 'hilog', ['--mode', 'fast-stream', '--prefilter', 'lean']),
      lib('every line through the builder (slow shape)', 'hilog', ['--mode', 'slow-stream']),
      lib('createErrlensStream (what a library user gets)', 'hilog', ['--mode', 'errlens-stream']),
      lib('split every line + prefilter (slow shape)', 'hilog', ['--mode', 'split']),
      lib('fast path: scanner + record builder (JSON lines)', 'json', ['--mode', 'fast-stream']),
      lib('every line through the builder (JSON lines)', 'json', ['--mode', 'slow-stream']),
    );
  } else skipped.push('library scan benchmark (dist/scan missing)');
  return { jobs: out, skipped };
}

function childJson(script, args) {
  const r = spawnSync(NODE, [join(ROOT, 'bench', script), ...args], { encoding: 'utf8', timeout: 300_000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' | ') };
  }
}

async function main() {
  const info = machineInfo();
  log(`errlens benchmark — ${info.date}`);
  log(`machine: ${info.nproc} cpus, ${info.cpu}, node ${info.node}, load ${info.loadavgStart}`);
  log(`corpus: ${SIZE} bytes per file, seed ${SEED}, ${REPS} repetitions (medians), dir ${DIR}`);

  const tools = ['cat', 'rg', 'grep', 'mawk', 'gawk', 'jq', 'zcat'];
  const missing = tools.filter((t) => !haveCommand(t));
  if (!hasGnuTime()) missing.push('/usr/bin/time (GNU time: peak RSS falls back to /proc polling, no CPU time)');
  log(missing.length ? `missing baselines (skipped): ${missing.join(', ')}` : 'baselines: all present');

  const files = {
    hilog: await corpus('hilog', false),
    json: await corpus('json', false),
    gzip: await corpus('hilog', true),
  };
  files.gzip.stats = files.hilog.stats; // same content, compressed
  files.gzip.rawSize = files.hilog.size;
  const tinyDir = join(DIR, 'tiny');
  mkdirSync(tinyDir, { recursive: true });
  const tiny = {};
  for (const [group, format, gzip] of [['hilog', 'hilog', false], ['json', 'json', false], ['gzip', 'hilog', true]]) {
    tiny[group] = join(tinyDir, `${group}.log${gzip ? '.gz' : ''}`);
    if (!existsSync(tiny[group])) await generateCorpus({ format, size: 8192, seed: 7, hitRate: 0.1, gzip, out: tiny[group] });
  }
  // Warm the page cache: the targets are for files in cache.
  for (const f of Object.values(files)) await runOnce({ cmd: 'cat', args: [f.file], stdout: 'null' });

  const baseline = [
    ...hilogBaselines(files.hilog.file).map((j) => ({ ...j, group: 'hilog' })),
    ...jsonBaselines(files.json.file).map((j) => ({ ...j, group: 'json' })),
    ...gzipBaselines(files.gzip.file).map((j) => ({ ...j, group: 'gzip' })),
  ]
    .filter((j) => !missing.includes(j.tool))
    .map((j) => ({ ...j, env: BASE_ENV }));
  const { jobs: errlens, skipped } = await errlensJobs(files, tiny);
  if (skipped.length) log(`errlens modes skipped: ${skipped.join('; ')}`);
  let jobs = [...baseline, ...errlens];
  if (ONLY) jobs = jobs.filter((j) => ONLY.has(j.name) || ONLY.has(j.tool) || ONLY.has(j.group) || [...ONLY].some((o) => j.name.startsWith(o)));

  const runs = new Map(jobs.map((j) => [j.name, []]));
  const timeoutMs = Number(values.timeout) * 1000;
  for (let rep = 0; rep < REPS; rep++) {
    process.stdout.write(`rep ${rep + 1}/${REPS}:`);
    for (const j of jobs) {
      const list = runs.get(j.name);
      if (list.length > 0 && list.at(-1).wallMs > timeoutMs) continue; // too slow to repeat
      const r = await runOnce(j);
      if (r.code !== 0 && !(r.code === 1 && (j.tool === 'errlens' || j.tool === 'grep'))) {
        r.failed = `exit ${r.code}: ${r.stderr.trim().split('\n')[0] ?? ''}`;
      }
      list.push(r);
      process.stdout.write('.');
    }
    log();
  }

  const rows = jobs.map((j) => {
    const rs = runs.get(j.name);
    const f = files[j.group];
    const bytes = j.group === 'gzip' ? f.rawSize : f.size;
    const wall = median(rs.map((r) => r.wallMs));
    const cpu = median(rs.map((r) => r.cpuMs));
    const rss = median(rs.map((r) => r.rssKb));
    let extra = '';
    if (j.library) {
      try {
        const outs = rs.map((r) => JSON.parse(r.stdout.trim().split('\n').pop()));
        const o = outs[0];
        const what = o.mode.endsWith('-stream')
          ? `${o.candidates} records, ${o.hits} hits`
          : `${o.candidates} candidate lines (${((100 * o.candidates) / o.lines).toFixed(1)}%)${o.mode === 'extract' ? `, ${o.hits} hits` : ''}`;
        extra = `${what}, ${o.prefilter} prefilter, in-process median ${fmt(median(outs.map((x) => x.mbps)))} MB/s`;
      } catch {
        extra = 'no output';
      }
    } else if (j.stdout === 'capture') extra = `output ${rs.at(-1).stdout.trim().split('\n')[0]?.slice(0, 40) ?? ''}`;
    const failed = rs.find((r) => r.failed)?.failed;
    return {
      name: j.name,
      group: j.group,
      tool: j.tool,
      command: [j.cmd, ...j.args].map((a) => (/[\s|$()"'*?]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' '),
      runs: rs.length,
      wallMs: wall,
      cpuMs: cpu,
      mbps: wall ? bytes / 1e3 / wall : null,
      cpuMbps: cpu ? bytes / 1e3 / cpu : null,
      linesPerSec: wall ? f.stats.lines / (wall / 1000) : null,
      rssMB: rss ? rss / 1024 : null,
      note: failed ? `FAILED ${failed}` : extra,
    };
  });
  const by = (name) => rows.find((r) => r.name === name && r.wallMs);
  const ratio = (a, b) => (by(a) && by(b) ? by(b).wallMs / by(a).wallMs : null);
  const summary = 'errlens summary (--format json)';
  const checks = [
    ['summary ≥ 400 MB/s', by(summary)?.mbps, (v) => v >= 400, (v) => `${fmt(v)} MB/s`],
    ['summary ≥ 2.5× mawk count', ratio(summary, 'mawk count'), (v) => v >= 2.5, (v) => `${fmt(v, 2)}×`],
    ['summary ≥ 0.8× grep -cE', ratio(summary, 'grep -cE'), (v) => v >= 0.8, (v) => `${fmt(v, 2)}×`],
    ['ndjson ≥ 250 MB/s', by('errlens ndjson')?.mbps, (v) => v >= 250, (v) => `${fmt(v)} MB/s`],
    ['JSON lines ≥ 150 MB/s', by('errlens summary (JSON lines)')?.mbps, (v) => v >= 150, (v) => `${fmt(v)} MB/s`],
    ['JSON lines ≥ 5× jq', ratio('errlens summary (JSON lines)', 'jq count'), (v) => v >= 5, (v) => `${fmt(v, 2)}×`],
    ['gzip time ≤ 1.3× zcat', by('errlens summary (gzip)') && by('zcat') ? by('errlens summary (gzip)').wallMs / by('zcat').wallMs : null, (v) => v <= 1.3, (v) => `${fmt(v, 2)}×`],
    ['peak RSS < 150 MB (all errlens CLI modes)', Math.max(...rows.filter((r) => r.tool === 'errlens' && !r.name.startsWith('library') && r.rssMB).map((r) => r.rssMB)), (v) => v < 150, (v) => `${fmt(v)} MB max`],
  ].map(([what, v, ok, show]) => ({ what, value: v === null || v === undefined || !Number.isFinite(v) ? null : v, shown: v === null || v === undefined || !Number.isFinite(v) ? 'not measured' : show(v), pass: v === null || v === undefined || !Number.isFinite(v) ? null : ok(v) }));

  const extras = {};
  if (values.adversarial) extras.adversarial = childJson('lib/adversarial.mjs', ['--dist', DIST]);
  if (values.startup) extras.startup = childJson('startup.mjs', ['--dist', DIST, '--json']);
  if (values.live) extras.live = childJson('live-latency.mjs', ['--dist', DIST, '--json']);
  info.loadavgEnd = loadavg().map((x) => x.toFixed(2)).join(' ');

  // ---- report
  const md = [];
  md.push(`| input | command | runs | MB/s | cpu MB/s | lines/s | peak RSS MB | note |`);
  md.push(`|---|---|---:|---:|---:|---:|---:|---|`);
  for (const r of rows) {
    md.push(`| ${r.group} | ${r.name} | ${r.runs} | ${fmt(r.mbps)} | ${fmt(r.cpuMbps)} | ${r.linesPerSec ? `${fmt(r.linesPerSec / 1e6, 2)} M` : '—'} | ${fmt(r.rssMB)} | ${r.note.replace(/\|/g, '\\|')} |`);
  }
  md.push('');
  md.push('| target | measured | pass |');
  md.push('|---|---:|---|');
  for (const c of checks) md.push(`| ${c.what} | ${c.shown} | ${c.pass === null ? '—' : c.pass ? 'yes' : 'no'} |`);
  if (extras.startup && !extras.startup.error) {
    md.push(`| start-up: --version < 150 ms | ${fmt(extras.startup.versionMs)} ms (node -e 0: ${fmt(extras.startup.nodeMs)} ms) | ${extras.startup.versionMs < 150 ? 'yes' : 'no'} |`);
    md.push(`| start-up: 1-line input < 150 ms | ${fmt(extras.startup.oneLineMs)} ms | ${extras.startup.oneLineMs < 150 ? 'yes' : 'no'} |`);
  }
  if (extras.live && !extras.live.error) {
    md.push(`| live: hit on stdout within 50 ms (median) | ${fmt(extras.live.medianMs, 1)} ms (p95 ${fmt(extras.live.p95Ms, 1)} ms, ${extras.live.hits} hits) | ${extras.live.medianMs <= 50 ? 'yes' : 'no'} |`);
  }
  const table = md.join('\n');
  log();
  log(table);
  if (extras.adversarial) {
    log();
    log('adversarial lines (100 KB each), µs per KB:');
    if (extras.adversarial.error) log(`  not measured: ${extras.adversarial.error}`);
    else {
      for (const c of extras.adversarial.cases) {
        log(`  ${c.name.padEnd(42)} extract ${fmt(c.extractUsPerKb, 1).padStart(8)}   prefilter ${fmt(c.prefilterUsPerKb, 2).padStart(7)}   time(100%)/time(50%) ${fmt(c.growth, 1).padStart(4)}   hits ${c.hits}`);
      }
    }
  }
  for (const k of ['startup', 'live']) if (extras[k]?.error) log(`${k}: not measured: ${extras[k].error}`);
  log();
  log(`load average at start ${info.loadavgStart}, at end ${info.loadavgEnd} (2-core machines shared with other work give noisy figures; compare ratios within one run)`);
  log(`baseline regex (ERE): ${CODE_IN_CONTEXT_ERE}`);

  const outDir = join(ROOT, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  const result = { info, size: SIZE, reps: REPS, seed: SEED, missing, skipped, corpora: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, { file: f.file, bytes: f.size, lines: f.stats.lines, hitLines: f.stats.hitLines }])), rows, checks, extras, baselineRegex: CODE_IN_CONTEXT_ERE };
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.md'), `${table}\n`);
  log(`written: bench/out/latest.json, bench/out/latest.md`);
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 2;
});
