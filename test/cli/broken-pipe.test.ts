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

  it.each(['ndjson', 'pretty', 'markdown'])('ends quietly with status 0 under `| head -1` (%s)', async (format) => {
    // sh has no PIPESTATUS: errlens's own status is echoed to fd 4, a copy of the real stdout that skips head.
    const child = spawn('sh', ['-c', 'exec 4>&1; { node "$BIN" --format "$FORMAT" "$BIG"; echo "$?" >&4; } | head -1'], {
      env: { ...baseEnv(), BIN: ERRLENS_BIN, BIG: big, FORMAT: format },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = await collect(child);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    // One line from head, and errlens's status (which does not go through head).
    expect(lines).toHaveLength(2);
    expect(lines).toContain('0');
  });

  it('survives stderr closing too (`2>&1 | head -1` with --stats)', async () => {
    const child = spawn('sh', ['-c', '{ node "$BIN" --stats "$BIG" 2>&1; echo "errlens=$?" >&3; } 3>&2 | head -1 >/dev/null'], {
      env: { ...baseEnv(), BIN: ERRLENS_BIN, BIG: big },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect((await collect(child)).stderr).toBe('errlens=0\n');
  });
});
