import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseNdjson, runErrlens } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';

const HIT = '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed\n';

describe('glob arguments the shell did not expand', () => {
  const tmp = makeTempDir();
  beforeAll(() => {
    mkdirSync(path.join(tmp.dir, 'logs'));
    for (const name of ['b.log', 'a.log', 'skip.txt']) writeFileSync(path.join(tmp.dir, 'logs', name), HIT);
  });
  afterAll(() => tmp.remove());

  it('expands a quoted pattern in sorted order', async () => {
    const run = await runErrlens(['logs/*.log'], { cwd: tmp.dir });
    expect(run.status).toBe(0);
    expect(parseNdjson(run.stdout).map((r) => r.errlens.source)).toEqual(['logs/a.log', 'logs/b.log']);
  });

  it('reports a pattern that matches nothing as a missing file', async () => {
    const run = await runErrlens(['logs/*.gz'], { cwd: tmp.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('errlens: cannot read logs/*.gz: no such file or directory\n');
  });
});
