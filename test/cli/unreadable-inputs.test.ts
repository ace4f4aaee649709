import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mkfifoSync } from './helpers/mkfifo.js';
import { parseNdjson, runErrlens } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';

const HIT = '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed\n';

describe('inputs that cannot be read', () => {
  const tmp = makeTempDir();
  const good = path.join(tmp.dir, 'good.log');
  beforeAll(() => writeFileSync(good, HIT));
  afterAll(() => tmp.remove());

  it('reports a missing file, still reads the good one after it, and exits 2', async () => {
    const missing = path.join(tmp.dir, 'nope.log');
    const run = await runErrlens(['--format', 'ndjson', missing, good]);
    expect(run.stderr).toBe(`errlens: cannot read ${missing}: no such file or directory\n`);
    expect(run.status).toBe(2);
    expect(parseNdjson(run.stdout).map((r) => r.errlens.source)).toEqual([good]);
  });

  it('reports a directory as such', async () => {
    const dir = path.join(tmp.dir, 'logs');
    mkdirSync(dir);
    const run = await runErrlens([dir, good]);
    expect(run.stderr).toBe(`errlens: cannot read ${dir}: is a directory\n`);
    expect(run.status).toBe(2);
    expect(parseNdjson(run.stdout)).toHaveLength(1);
  });

  it('refuses a FIFO rather than hanging on it', async () => {
    const fifo = path.join(tmp.dir, 'pipe');
    mkfifoSync(fifo);
    const run = await runErrlens([fifo], { timeoutMs: 5000 });
    expect(run.stderr).toBe(`errlens: cannot read ${fifo}: is a FIFO\n`);
    expect(run.status).toBe(2);
  });

  it('prints no stack trace unless --debug is given', async () => {
    const missing = path.join(tmp.dir, 'gone.log');
    const plain = await runErrlens([missing]);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runErrlens(['--debug', missing]);
    expect(debug.stderr.startsWith(`errlens: cannot read ${missing}: no such file or directory\n`)).toBe(true);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
