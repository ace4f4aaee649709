/**
 * End-to-end helpers: spawn the built binary (`npx tsc -p tsconfig.build.json` first), collect what it wrote, and
 * measure its peak memory (and look for prototype pollution) with a preloaded hook rather than by sampling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LineAccounting } from '../../../src/types.js';

export const REPO_ROOT = path.join(__dirname, '../../..');
export const ERRLENS_BIN = path.join(REPO_ROOT, 'dist/cli/main.js');
export const DIST_INDEX = path.join(REPO_ROOT, 'dist/index.js');

/** One finished run. */
export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident set size of the errlens process in bytes, when `probe` was asked for. */
  readonly peakRss?: number;
  /** Properties added to Object/Array/Function/String.prototype during the run, when `probe` was asked for. */
  readonly prototypeChanges?: readonly string[];
  /** Absolute paths the process opened, read or listed through `fs`, when `probe` was asked for. */
  readonly opened?: readonly string[];
  /** Child processes and `vm` evaluations the process started, when `probe` was asked for. */
  readonly executed?: readonly string[];
}

export interface CliOptions {
  /** Written to stdin, which is then closed; without it stdin is closed at once. */
  readonly input?: string | Buffer;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
  /** Record the child's peak RSS and any change to the built-in prototypes (a preload reports them at exit). */
  readonly probe?: boolean;
}

/** A fresh folder under the system temp dir: outside the repository, so no config file above it is found. */
export function makeTempDir(prefix = 'errlens-rel-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment without colour hints from the runner, zone fixed. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', ...extra };
  if (extra['FORCE_COLOR'] === undefined) delete env['FORCE_COLOR'];
  if (extra['NO_COLOR'] === undefined) delete env['NO_COLOR'];
  return env;
}

let probeHook: string | undefined;

/**
 * A CommonJS preload that, when the process exits, writes to $ERRLENS_PROBE_FILE its peak RSS (KiB), the
 * properties that appeared on the built-in prototypes while it ran (prototype pollution shows up there), every path
 * it opened or listed through `fs`, and every child process or `vm` evaluation it started. Built-in modules are
 * patched before errlens loads, and `syncBuiltinESMExports` carries the patches to its ESM named imports.
 */
const PROBE_SOURCE = `
const fs = require('fs');
const path = require('path');
const protos = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const before = {};
for (const [name, proto] of Object.entries(protos)) before[name] = new Set(Reflect.ownKeys(proto).map(String));
const opened = new Set();
const executed = [];
const note = (p) => { try { if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) opened.add(path.resolve(String(p instanceof URL ? p.pathname : p))); } catch {} };
for (const name of ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream', 'readdir', 'readdirSync', 'opendir']) {
  const orig = fs[name];
  if (typeof orig === 'function') fs[name] = function (p, ...rest) { note(p); return orig.call(this, p, ...rest); };
}
for (const name of ['open', 'readFile', 'readdir', 'opendir']) {
  const orig = fs.promises[name];
  if (typeof orig === 'function') fs.promises[name] = function (p, ...rest) { note(p); return orig.call(this, p, ...rest); };
}
const cp = require('child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const orig = cp[name];
  cp[name] = function (...args) { executed.push(name + ' ' + String(args[0])); return orig.apply(this, args); };
}
const vm = require('vm');
for (const name of ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']) {
  const orig = vm[name];
  vm[name] = function (...args) { executed.push('vm.' + name); return orig.apply(this, args); };
}
require('module').syncBuiltinESMExports();
process.on('exit', () => {
  const changed = [];
  for (const [name, proto] of Object.entries(protos)) {
    for (const key of Reflect.ownKeys(proto).map(String)) if (!before[name].has(key)) changed.push(name + '.prototype.' + key);
  }
  fs.writeFileSync(process.env.ERRLENS_PROBE_FILE, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, changed, opened: [...opened], executed }));
});
`;

/**
 * The preload lives at one fixed path in the temp dir (one file, whatever the number of test runs), written
 * atomically so that parallel workers never see it half-written; probe results go next to it and are removed once read.
 */
function probeHookFile(): string {
  if (probeHook !== undefined) return probeHook;
  const file = path.join(os.tmpdir(), 'errlens-reliability-probe.cjs');
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, PROBE_SOURCE);
  renameSync(partial, file);
  probeHook = file;
  return file;
}

/** Node arguments for running `script`, with the probe preloaded when asked (and the file it will write). */
export function nodeArgs(script: string, args: readonly string[], probe: boolean): { argv: string[]; probeFile?: string } {
  if (!probe) return { argv: [script, ...args] };
  const probeFile = path.join(os.tmpdir(), `errlens-probe-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  return { argv: ['--require', probeHookFile(), script, ...args], probeFile };
}

/** Collects a child's output and resolves when it exits (killing it after `timeoutMs`). */
export function collectRun(child: ChildProcess, timeoutMs: number, probeFile?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`errlens did not exit within ${timeoutMs} ms; stderr: ${stderr.slice(0, 2000)}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      let probed: { maxRssKiB: number; changed: string[]; opened: string[]; executed: string[] } | undefined;
      if (probeFile !== undefined) {
        try {
          probed = JSON.parse(readFileSync(probeFile, 'utf8')) as typeof probed;
          rmSync(probeFile, { force: true });
        } catch {
          probed = undefined;
        }
      }
      resolve({
        status,
        signal,
        stdout,
        stderr,
        ...(probed !== undefined
          ? { peakRss: probed.maxRssKiB * 1024, prototypeChanges: probed.changed, opened: probed.opened, executed: probed.executed }
          : {}),
      });
    });
  });
}

/** Spawns `node dist/cli/main.js ...args` and waits for it to exit. */
export function runErrlens(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const { argv, probeFile } = nodeArgs(ERRLENS_BIN, args, options.probe ?? false);
  const child = spawn(process.execPath, argv, {
    cwd: options.cwd ?? os.tmpdir(),
    env: cleanEnv({ ...(options.env ?? {}), ...(probeFile !== undefined ? { ERRLENS_PROBE_FILE: probeFile } : {}) }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const done = collectRun(child, options.timeoutMs ?? 30_000, probeFile);
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.input ?? '');
  return done;
}

/** Reads the accounting errlens prints with `--stats` back from its stderr; undefined when it is not there. */
export function parseStats(stderr: string): LineAccounting | undefined {
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(stderr);
    return m === null ? undefined : Number(m[1]);
  };
  const linesRead = num(/errlens: stats: lines read: (\d+)/);
  if (linesRead === undefined) return undefined;
  const recordsMatch = /errlens: stats: records: (\d+) \(with hits: (\d+)\)/.exec(stderr);
  return {
    linesRead,
    linesWithHits: num(/errlens: stats:\s+with hits: (\d+)/) ?? Number.NaN,
    linesWithoutHits: num(/errlens: stats:\s+without hits: (\d+)/) ?? Number.NaN,
    linesTooLong: num(/errlens: stats:\s+too long \(cut\): (\d+)/) ?? Number.NaN,
    linesUndecodable: num(/errlens: stats:\s+undecodable: (\d+)/) ?? Number.NaN,
    records: recordsMatch === null ? Number.NaN : Number(recordsMatch[1]),
    recordsWithHits: recordsMatch === null ? Number.NaN : Number(recordsMatch[2]),
    hits: num(/errlens: stats: hits: (\d+)/) ?? Number.NaN,
  };
}

/** Parses NDJSON output back into objects; throws on any line that is not JSON. */
export function parseNdjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** True when this process runs as root, where file modes do not deny reads. */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
