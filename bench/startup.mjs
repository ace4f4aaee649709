#!/usr/bin/env node
// Start-up time of the CLI: `errlens --version` and a 1-line input on stdin, median of 20 runs each, beside
// `node -e 0` (the floor: Node's own start-up). Target: each < 150 ms.
//
//   node bench/startup.mjs [--dist dist] [--runs 20] [--base OTHER_DIST] [--json]
//
// The scenarios are timed round-robin (one run of each per round), so that a machine shared with other work slows
// them alike. --base times a second build (e.g. one made from the previous commit) in the same rounds, for an A/B
// comparison that load cannot skew; its medians are printed beside this build's.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median, percentile } from './lib/measure.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    base: { type: 'string' },
    runs: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const LINE = '04-19 17:02:14.735  5394  5394 E A03d00/com.example.app/JSAPP: Connection failed. Err:{"code":2302001,"message":"Websocket url error"}\n';

function cliOf(dist) {
  return join(resolve(dist), 'cli', 'main.js');
}

/** The scenarios of one build: errlens --version and errlens with one line on stdin. */
function scenariosOf(cli) {
  return {
    version: { args: [cli, '--version'], input: '', ms: [], status: null },
    oneLine: { args: [cli, '--format', 'ndjson'], input: LINE, ms: [], status: null },
  };
}

function timeOnce(scenario) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, scenario.args, { input: scenario.input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  scenario.ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  scenario.status = r.status;
}

function stats(scenario) {
  return { median: median(scenario.ms), p95: percentile(scenario.ms, 95), min: Math.min(...scenario.ms), status: scenario.status };
}

const missing = [values.dist, values.base].filter((d) => d !== undefined && !existsSync(cliOf(d)));
if (missing.length > 0) {
  const msg = `${missing.map(cliOf).join(', ')} missing: run npm run build`;
  if (values.json) process.stdout.write(`${JSON.stringify({ error: msg })}\n`);
  else process.stderr.write(`startup: ${msg}\n`);
  process.exitCode = 2;
} else {
  const node = { args: ['-e', '0'], input: '', ms: [], status: null };
  const build = scenariosOf(cliOf(values.dist));
  const base = values.base !== undefined ? scenariosOf(cliOf(values.base)) : undefined;
  const loadBefore = loadavg()[0];
  for (let i = 0; i < RUNS; i++) {
    for (const scenario of [node, build.version, build.oneLine, ...(base ? [base.version, base.oneLine] : [])]) timeOnce(scenario);
  }
  const loadAfter = loadavg()[0];
  const n = stats(node);
  const version = stats(build.version);
  const oneLine = stats(build.oneLine);
  const result = {
    runs: RUNS,
    nodeMs: n.median,
    versionMs: version.median,
    versionP95Ms: version.p95,
    oneLineMs: oneLine.median,
    oneLineP95Ms: oneLine.p95,
    oneLineExit: oneLine.status,
    loadAverage: [loadBefore, loadAfter],
    ...(base ? { base: { dist: values.base, versionMs: stats(base.version).median, oneLineMs: stats(base.oneLine).median } } : {}),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const line = (label, s, target, baseStats) =>
      `${label.padEnd(21)}median ${s.median.toFixed(1)} ms (p95 ${s.p95.toFixed(1)}, min ${s.min.toFixed(1)})` +
      (target ? '  target < 150 ms' : '') +
      (baseStats ? `  | base median ${baseStats.median.toFixed(1)} ms (min ${baseStats.min.toFixed(1)})` : '') +
      '\n';
    process.stdout.write(`load average ${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}, ${RUNS} rounds\n`);
    process.stdout.write(line('node -e 0', n, false));
    process.stdout.write(line('errlens --version', version, true, base && stats(base.version)));
    process.stdout.write(line('errlens, 1-line in', oneLine, true, base && stats(base.oneLine)).replace(/\n$/, `, exit ${oneLine.status}\n`));
  }
}
