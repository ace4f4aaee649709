import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, runErrlens } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';

const SAMPLE_REL = 'fixtures/sample/device.log';

describe('subcommands wired into the binary', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  it('explain prints a code\'s entry and exits 0', async () => {
    const run = await runErrlens(['explain', '2302001']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2302001  WebSocket URL Error');
  });

  it('explain takes several words as one query, and exits 1 when nothing matches', async () => {
    const found = await runErrlens(['explain', 'websocket', 'url', 'error', '--format', 'json']);
    expect((JSON.parse(found.stdout) as { query: string }).query).toBe('websocket url error');
    const none = await runErrlens(['explain', '999999999']);
    expect(none.status).toBe(1);
  });

  it('catalog list --format json prints the catalogue in use', async () => {
    const run = await runErrlens(['catalog', 'list', '--format', 'json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { schemaVersion: number; entries: { code: string }[] };
    expect(json.schemaVersion).toBe(1);
    expect(json.entries.map((e) => e.code)).toContain('2101022');
  });

  it('catalog build writes a catalogue that --catalog then uses', async () => {
    const out = path.join(tmp.dir, 'ws.json');
    const page = path.join(REPO_ROOT, 'catalogue/pages/errorcode-net-webSocket.md');
    const build = await runErrlens(['catalog', 'build', page, '-o', out]);
    expect(build.status).toBe(0);
    const scan = await runErrlens(['--no-default-catalog', '--catalog', out, '--format', 'ndjson', SAMPLE_REL]);
    const codes = new Set(scan.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { error: { code: string } }).error.code));
    // Only WebSocket codes are known now: the network-management and link-enhancement hits are gone.
    expect(codes.has('2302001')).toBe(true);
    expect(codes.has('2101022')).toBe(false);
  });

  it('catalog without a subcommand is a usage error', async () => {
    const run = await runErrlens(['catalog']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('catalog needs a subcommand');
  });

  it('merge combines two summaries made with --format json', async () => {
    const a = path.join(tmp.dir, 'a.json');
    const b = path.join(tmp.dir, 'b.json');
    writeFileSync(a, (await runErrlens(['--format', 'json', SAMPLE_REL])).stdout);
    writeFileSync(b, (await runErrlens(['--format', 'json', SAMPLE_REL])).stdout);
    const run = await runErrlens(['merge', a, b]);
    expect(run.status).toBe(0);
    const merged = JSON.parse(run.stdout) as { codes: { code: string; hits: number }[] };
    const one = JSON.parse(readFileSync(a, 'utf8')) as { codes: { code: string; hits: number }[] };
    const hits = (s: { codes: { code: string; hits: number }[] }, code: string): number => s.codes.find((c) => c.code === code)?.hits ?? 0;
    expect(hits(merged, '2101022')).toBe(2 * hits(one, '2101022'));
  });
});
