import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, linkSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baseEnv, collect, ERRLENS_BIN, parseNdjson, REPO_ROOT } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';
import { waitUntilIdle } from './helpers/wait-idle.js';

/** A hilog error line whose code is `code`; `n` makes each line distinct. */
const line = (n: number, code: string): string => `05-14 09:12:${String(10 + n).padStart(2, '0')}.000  5394  5394 E A03d00/JSAPP: step ${n} failed, code is ${code}, message is x\n`;

describe('errlens --follow', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  it('reports every line written across a rename rotation and a copytruncate exactly once', async () => {
    const file = path.join(tmp.dir, 'app.log');
    writeFileSync(file, line(0, '2302001')); // before errlens starts: not reported (it starts at the end)
    const child = spawn(process.execPath, [ERRLENS_BIN, '--format', 'ndjson', '--follow', file], { cwd: REPO_ROOT, env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const done = collect(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const waitForLines = async (n: number): Promise<void> => {
      const deadline = Date.now() + 10_000;
      while (out.split('\n').filter((l) => l !== '').length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} records, got: ${out}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await waitUntilIdle(child.pid as number);

    appendFileSync(file, line(1, '2302001') + line(2, '2101022'));
    await waitForLines(2);
    appendFileSync(file, line(3, '2100002'));
    // Rotation by rename, line 3 not yet read. Done as link + rename so the name is never missing: with rename then
    // create, a poll that lands in between rightly reports the file gone and back, and the messages below would race.
    writeFileSync(`${file}.new`, line(4, '2302003'));
    linkSync(file, `${file}.1`);
    renameSync(`${file}.new`, file);
    await waitForLines(4);
    appendFileSync(file, line(5, '2302999'));
    await waitForLines(5);
    copyFileSync(file, `${file}.2`); // copytruncate
    truncateSync(file, 0);
    appendFileSync(file, line(6, '201'));
    await waitForLines(6);
    appendFileSync(file, line(7, '401'));
    await waitForLines(7);

    child.kill('SIGINT');
    const run = await done;
    expect(run.status).toBe(130);
    const records = parseNdjson(run.stdout);
    expect(records.map((r) => r.error?.code)).toEqual(['2302001', '2101022', '2100002', '2302003', '2302999', '201', '401']);
    expect(records.map((r) => r.event.original)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => expect.stringContaining(`step ${n} failed`)));
    expect(run.stderr).toBe(`errlens: ${file} has been replaced; following new file\nerrlens: ${file}: file truncated\n`);
  });
});
