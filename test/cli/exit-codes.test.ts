import { runErrlens } from './helpers/spawn-errlens.js';

const HIT = '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed\n';
const NO_HIT = '05-14 09:12:04.233  5394  5412 I C015B0/NETSTACK: [http_exec.cpp:391] errCode:0 RespCode:200\n';

describe('exit status, as grep', () => {
  it('is 0 when something was found', async () => {
    expect((await runErrlens([], { input: HIT })).status).toBe(0);
  });

  it('is 1 when nothing was found, with no output', async () => {
    const run = await runErrlens([], { input: NO_HIT });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
  });

  it('is 1 when the only hit is filtered out by --code', async () => {
    expect((await runErrlens(['--code', '2101022'], { input: HIT })).status).toBe(1);
  });

  it('is 0 with --exit-zero when nothing was found', async () => {
    expect((await runErrlens(['--exit-zero'], { input: NO_HIT })).status).toBe(0);
  });

  it('stays 2 on an error even with --exit-zero', async () => {
    const run = await runErrlens(['--exit-zero', '/nonexistent/errlens.log']);
    expect(run.status).toBe(2);
  });

  it('is 2 for a usage error, with the message on stderr', async () => {
    const run = await runErrlens(['--format', 'yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^errlens: Invalid values:/);
    expect(run.stdout).toBe('');
  });

  it('is 2 for an unknown flag', async () => {
    const run = await runErrlens(['--colour', 'never']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown argument');
  });

  it('is 2 for an invalid --since, naming the flag', async () => {
    const run = await runErrlens(['--since', 'yesterday-ish'], { input: HIT });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^errlens: invalid time "yesterday-ish" .*: --since\n$/);
  });

  it('is 0 with --quiet on a hit, and writes nothing', async () => {
    const run = await runErrlens(['--quiet'], { input: NO_HIT + HIT + HIT });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('is 0 with --quiet on a hit even after a missing file (grep -q), which is still reported', async () => {
    const run = await runErrlens(['--quiet', '/nonexistent/errlens.log', '-'], { input: HIT });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('errlens: cannot read /nonexistent/errlens.log: no such file or directory\n');
  });
});
