import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baseEnv, collect, ERRLENS_BIN, REPO_ROOT } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';

describe('a closed output pipe', () => {
  const tmp = makeTempDir();
  const big = path.join(tmp.dir, 'big.log');
  beforeAll(() => {
    // ~5 MB of the sample: far more output than a pipe buffer holds, so errlens is still writing when head exits.
    const sample = readFileSync(path.join(REPO_ROOT, 'fixtures/sample/device.log'), 'utf8');
    writeFileSync(big, sample.repeat(1200));
  });
  afterAll(() => tmp.remove());

  it.each([
    ['ndjson', 'node "$BIN" --format ndjson "$BIG" | head -1'],
    ['pretty', 'node "$BIN" --format pretty "$BIG" | head -1'],
  ])('ends quietly with status 0 under `| head -1` (%s)', async (_format, script) => {
    const child = spawn('sh', ['-c', `${script}; exit "\${PIPESTATUS:-0}"`], {
      env: { ...baseEnv(), BIN: ERRLENS_BIN, BIG: big },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = await collect(child);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  it('gives errlens itself status 0 (not just the pipeline)', async () => {
    // sh has no PIPESTATUS: have errlens report its own status on fd 3.
    const child = spawn('sh', ['-c', '{ node "$BIN" "$BIG"; echo "errlens=$?" >&3; } 3>&2 | head -1 >/dev/null'], {
      env: { ...baseEnv(), BIN: ERRLENS_BIN, BIG: big },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = await collect(child);
    expect(run.stderr).toBe('errlens=0\n');
  });
});
