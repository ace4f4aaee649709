import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseNdjson, runErrlens } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';

const HIT = '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed\n';
const NO_HIT = '05-14 09:12:06.000  5394  5418 I C015B0/NETSTACK: all good\n';

describe('config file precedence (flag > config > default)', () => {
  const tmp = makeTempDir();
  const project = path.join(tmp.dir, 'project');
  const sub = path.join(project, 'sub');
  beforeAll(() => {
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(project, '.errlensrc.json'), JSON.stringify({ format: 'ndjson', all: true, year: 2024, tz: '+08:00' }));
  });
  afterAll(() => tmp.remove());

  it('applies the config found above the working directory', async () => {
    const run = await runErrlens([], { cwd: sub, input: HIT + NO_HIT });
    const records = parseNdjson(run.stdout);
    // all: true brings the line without a hit; year and tz date the line.
    expect(records).toHaveLength(2);
    expect(records[0]?.time).toBe(Date.UTC(2024, 4, 14, 1, 12, 5, 12));
  });

  it('lets flags win over the config', async () => {
    const run = await runErrlens(['--no-all', '--year', '2026', '--tz', 'UTC'], { cwd: sub, input: HIT + NO_HIT });
    const records = parseNdjson(run.stdout);
    expect(records).toHaveLength(1);
    expect(records[0]?.time).toBe(Date.UTC(2026, 4, 14, 9, 12, 5, 12));
  });

  it('stops with status 2 on an unknown config key, naming the file', async () => {
    const dir = path.join(tmp.dir, 'typo');
    mkdirSync(dir);
    writeFileSync(path.join(dir, '.errlensrc.json'), '{"colour":"never"}');
    const run = await runErrlens([], { cwd: dir, input: HIT });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`errlens: unknown option in config: ${path.join(dir, '.errlensrc.json')}: colour\n`);
    expect(run.stdout).toBe('');
  });

  it('reads the errlens key of package.json', async () => {
    const dir = path.join(tmp.dir, 'pkg');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', errlens: { code: ['2101022'] } }));
    const run = await runErrlens([], { cwd: dir, input: HIT });
    // The config's code filter drops the 2302001 hit.
    expect(run.status).toBe(1);
  });
});
