// Running one command and measuring it: wall time, CPU time (user + sys) and peak RSS.
//
// With GNU time (/usr/bin/time) the figures come from the kernel's rusage of the child. Without it, the child is
// spawned directly, CPU time is not known, and peak RSS is VmHWM polled from /proc/<pid>/status (Linux).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

let gnuTime;
/** True when /usr/bin/time is GNU time (it takes -f and -o). */
export function hasGnuTime() {
  if (gnuTime === undefined) {
    // ERRLENS_BENCH_NO_GNU_TIME=1 forces the /proc fallback (to test it on machines that have GNU time).
    gnuTime =
      process.env.ERRLENS_BENCH_NO_GNU_TIME !== '1' &&
      existsSync(GNU_TIME) &&
      spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
  }
  return gnuTime;
}

/** True when `cmd` is on PATH (or is an executable path). */
export function haveCommand(cmd) {
  if (cmd.includes('/')) return existsSync(cmd);
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function readHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

let seq = 0;

/**
 * Runs `cmd args` once.
 * @param {{ cmd: string, args: string[], stdin?: string, stdout?: 'null' | 'capture', env?: object, cwd?: string }} job
 *   stdin: a file path to feed; stdout 'null' sends output to /dev/null, 'capture' keeps it (keep it small).
 * @returns {Promise<{ wallMs: number, cpuMs: number | null, rssKb: number | null, code: number | null, stdout: string, stderr: string }>}
 */
export async function runOnce(job) {
  const useTime = hasGnuTime();
  const timeFile = join(tmpdir(), `errlens-bench-time-${process.pid}-${seq++}.txt`);
  const argv = useTime ? [GNU_TIME, '-f', '%e %U %S %M', '-o', timeFile, job.cmd, ...job.args] : [job.cmd, ...job.args];
  const stdinFd = job.stdin ? openSync(job.stdin, 'r') : 'ignore';
  const stdoutFd = job.stdout === 'capture' ? 'pipe' : openSync('/dev/null', 'w');
  const t0 = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), {
    stdio: [stdinFd, stdoutFd, 'pipe'],
    env: { ...process.env, ...(job.env ?? {}) },
    cwd: job.cwd,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d) => {
    if (stdout.length < 1 << 20) stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d) => {
    if (stderr.length < 1 << 16) stderr += d;
  });
  let hwm = 0;
  let poll;
  if (!useTime) {
    poll = setInterval(() => {
      hwm = Math.max(hwm, readHwmKb(child.pid));
    }, 20);
  }
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (poll) clearInterval(poll);
  if (typeof stdinFd === 'number') closeSync(stdinFd);
  if (typeof stdoutFd === 'number') closeSync(stdoutFd);
  let cpuMs = null;
  let rssKb = useTime ? null : hwm || null;
  if (useTime && existsSync(timeFile)) {
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    // GNU time prints "Command exited with non-zero status N" first when the command fails.
    const parts = (lines[lines.length - 1] ?? '').trim().split(/\s+/).map(Number);
    if (parts.length === 4 && parts.every((x) => Number.isFinite(x))) {
      cpuMs = (parts[1] + parts[2]) * 1000;
      rssKb = parts[3];
    }
    rmSync(timeFile, { force: true });
  }
  return { wallMs, cpuMs, rssKb, code, stdout, stderr };
}

/** The median of a list of numbers (null when empty). */
export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The p-th percentile (0..100), nearest rank. */
export function percentile(xs, p) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}
