import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseNdjson, runErrlens } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';

const PARSE_URL = '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed\n';
const REGISTER = '05-14 09:12:07.419  5394  5394 E C015B0/NetConnManager: [net_conn_callback.cpp:88] Register result 2101022\n';
const QUIET = '05-14 09:12:08.000  5394  5394 I A03d00/JSAPP: nothing to see\n';

describe('gzip input', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());
  const file = (name: string, content: Buffer | string): string => {
    const p = path.join(tmp.dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('reads a one-member gzip file, whatever its name', async () => {
    const gz = file('device.log', gzipSync(QUIET + PARSE_URL));
    const run = await runErrlens(['--format', 'ndjson', gz]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const records = parseNdjson(run.stdout);
    expect(records.map((r) => [r.errlens.line, r.error?.code])).toEqual([[2, '2302001']]);
  });

  it('reads every member of a two-member gzip file, numbering lines across members', async () => {
    const gz = file('two.gz', Buffer.concat([gzipSync(PARSE_URL + QUIET), gzipSync(REGISTER)]));
    const run = await runErrlens(['--format', 'ndjson', gz]);
    expect(run.status).toBe(0);
    expect(parseNdjson(run.stdout).map((r) => [r.errlens.line, r.error?.code])).toEqual([
      [1, '2302001'],
      [3, '2101022'],
    ]);
  });

  it('reads gzip from standard input', async () => {
    const run = await runErrlens(['--format', 'ndjson'], { input: gzipSync(REGISTER) });
    expect(parseNdjson(run.stdout).map((r) => r.error?.code)).toEqual(['2101022']);
  });

  it('names a corrupt gzip file, still reads the others, and exits 2', async () => {
    const whole = gzipSync(PARSE_URL.repeat(200));
    const bad = file('cut.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const good = file('good.log', REGISTER);
    const run = await runErrlens(['--format', 'ndjson', bad, good]);
    expect(run.stderr).toBe(`errlens: corrupt gzip: ${bad}\n`);
    expect(run.status).toBe(2);
    const sources = parseNdjson(run.stdout).map((r) => r.errlens.source);
    expect(sources).toContain(good);
  });

  it('treats bytes that only start like gzip, then are garbage, as corrupt', async () => {
    const bad = file('fake.gz', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not deflate at all\n')]));
    const run = await runErrlens([bad]);
    expect(run.stderr).toBe(`errlens: corrupt gzip: ${bad}\n`);
    expect(run.status).toBe(2);
  });
});
