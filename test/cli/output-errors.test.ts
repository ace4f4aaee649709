import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { baseEnv, collect, ERRLENS_BIN, REPO_ROOT } from './helpers/spawn-errlens.js';

/** Runs errlens with stdout redirected to `target` by the shell. */
async function runInto(target: string, args: string): Promise<{ status: number | null; stderr: string }> {
  const child = spawn('sh', ['-c', `node "$BIN" ${args} > ${target}`], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(), BIN: ERRLENS_BIN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

(existsSync('/dev/full') ? describe : describe.skip)('an output that cannot be written', () => {
  it.each(['--format ndjson', '--format json'])('reports "cannot write output" and exits 2 (%s)', async (format) => {
    const run = await runInto('/dev/full', `${format} fixtures/sample/device.log`);
    expect(run.stderr).toBe('errlens: cannot write output: no space left on device\n');
    expect(run.status).toBe(2);
  });
});
