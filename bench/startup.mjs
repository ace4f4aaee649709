#!/usr/bin/env node
// Start-up time of the CLI: `errlens --version` and a 1-line input on stdin, median of 20 runs each, beside
// `node -e 0` (the floor: Node's own start-up). Target: each < 150 ms.
//
//   node bench/startup.mjs [--dist dist] [--runs 20] [--json]

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median, percentile } from './lib/measure.mjs';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, runs: { type: 'string', default: '20' }, json: { type: 'boolean', default: false } },
});
const CLI = join(resolve(values.dist), 'cli', 'main.js');
const RUNS = Number(values.runs);
const LINE = '04-19 17:02:14.735  5394  5394 E A03d00/com.example.app/JSAPP: Connection failed. Err:{"code":2302001,"message":"Websocket url error"}\n';

function timeRuns(args, input) {
  const ms = [];
  let status = null;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { input: input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    status = r.status;
  }
  return { median: median(ms), p95: percentile(ms, 95), status };
}

if (!existsSync(CLI)) {
  const msg = `${CLI} missing: run npm run build`;
  if (values.json) process.stdout.write(`${JSON.stringify({ error: msg })}\n`);
  else process.stderr.write(`startup: ${msg}\n`);
  process.exitCode = 2;
} else {
  const node = timeRuns(['-e', '0']);
  const version = timeRuns([CLI, '--version']);
  const oneLine = timeRuns([CLI, '--format', 'ndjson'], LINE);
  const result = {
    runs: RUNS,
    nodeMs: node.median,
    versionMs: version.median,
    versionP95Ms: version.p95,
    oneLineMs: oneLine.median,
    oneLineP95Ms: oneLine.p95,
    oneLineExit: oneLine.status,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`node -e 0            median ${node.median.toFixed(1)} ms\n`);
    process.stdout.write(`errlens --version    median ${version.median.toFixed(1)} ms (p95 ${version.p95.toFixed(1)})  target < 150 ms\n`);
    process.stdout.write(`errlens, 1-line in   median ${oneLine.median.toFixed(1)} ms (p95 ${oneLine.p95.toFixed(1)})  target < 150 ms, exit ${oneLine.status}\n`);
  }
}
