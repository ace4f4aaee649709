import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { baseEnv, collect, ERRLENS_BIN, REPO_ROOT } from './helpers/spawn-errlens.js';
import { waitUntilIdle } from './helpers/wait-idle.js';

const HIT = '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed\n';

/** errlens on a stdin pipe that the test never closes: it can only end by a signal. */
function spawnOnEndlessStdin(args: string[]): ReturnType<typeof spawn> {
  const child = spawn(process.execPath, [ERRLENS_BIN, ...args], { cwd: REPO_ROOT, env: baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.on('error', () => undefined);
  return child;
}

describe('stopping on a signal while reading an endless stdin', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops reading and exits %i, after writing what it found', async (signal, status) => {
    const child = spawnOnEndlessStdin(['--format', 'ndjson']);
    const done = collect(child);
    child.stdin?.write(HIT);
    if (child.stdout !== null) await once(child.stdout, 'data');
    child.kill(signal);
    const run = await done;
    expect(run.signal).toBeNull();
    expect(run.status).toBe(status);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('"code":"2302001"');
  });

  it('writes the pending summary before exiting on SIGINT', async () => {
    const child = spawnOnEndlessStdin(['--format', 'json']);
    const done = collect(child);
    child.stdin?.write(HIT);
    // A summary is written only at the end, so there is no output to wait for: wait until errlens has read the
    // line and sits blocked on stdin.
    await waitUntilIdle(child.pid as number);
    child.kill('SIGINT');
    const run = await done;
    expect(run.status).toBe(130);
    const summary = JSON.parse(run.stdout) as { codes: { code: string; hits: number }[] };
    expect(summary.codes.map((c) => [c.code, c.hits])).toEqual([['2302001', 1]]);
  });

  it('stops an idle stdin that has sent no byte yet (nothing to sniff for gzip): 130', async () => {
    const child = spawnOnEndlessStdin(['--format', 'ndjson']);
    const done = collect(child, 5000);
    await waitUntilIdle(child.pid as number);
    child.kill('SIGINT');
    const run = await done;
    expect(run.status).toBe(130);
    expect(run.stdout).toBe('');
  });
});
