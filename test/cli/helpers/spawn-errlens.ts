import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { NdjsonRecord } from '../../../src/report/ndjson.js';

/** The built binary every CLI test runs: `npm run build` must have run first. */
export const ERRLENS_BIN = path.join(__dirname, '../../../dist/cli/main.js');

/** The repository root, for fixtures. */
export const REPO_ROOT = path.join(__dirname, '../../..');

/** What a finished run of errlens produced. */
export interface RunResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runErrlens}. */
export interface RunOptions {
  /** Written to stdin, which is then closed; without it stdin is closed at once. */
  readonly input?: string | Buffer;
  readonly cwd?: string;
  /** Added to a clean environment: TZ=UTC, NO_COLOR unset, no FORCE_COLOR, so output does not depend on the runner. */
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
}

/** The environment every run starts from: fixed zone, no colour hints inherited from the test runner. */
export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', ...extra };
  if (extra['FORCE_COLOR'] === undefined) delete env['FORCE_COLOR'];
  if (extra['NO_COLOR'] === undefined) delete env['NO_COLOR'];
  return env;
}

/** Collects a child's output and resolves when it exits. */
export function collect(child: ChildProcess, timeoutMs = 20_000): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`errlens did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/** Spawns `node dist/cli/main.js ...args` and waits for it to exit. */
export function runErrlens(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const child = spawn(process.execPath, [ERRLENS_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: baseEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const done = collect(child, options.timeoutMs);
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.input ?? '');
  return done;
}

/** Parses NDJSON output back into objects, failing on any line that is not JSON. */
export function parseNdjson(text: string): NdjsonRecord[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as NdjsonRecord);
}
