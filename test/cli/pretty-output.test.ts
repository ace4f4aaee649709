import { runErrlens } from './helpers/spawn-errlens.js';

const SAMPLE_REL = 'fixtures/sample/device.log';
// TZ=UTC comes from the helper's environment; --year and --tz pin the times whatever the file's mtime.
const PINNED = ['--format', 'pretty', '--color', 'never', '--year', '2026', '--tz', 'UTC'];

describe('pretty output through the CLI', () => {
  it('prints each hit under its line (snapshot, colour off)', async () => {
    const run = await runErrlens([...PINNED, '--code', '2101022,32390200', SAMPLE_REL]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatchSnapshot();
  });

  it('adds the whole catalogue entry with --explain', async () => {
    const plain = await runErrlens([...PINNED, '--code', '2302001', SAMPLE_REL]);
    const explained = await runErrlens([...PINNED, '--explain', '--code', '2302001', SAMPLE_REL]);
    expect(plain.stdout).not.toContain('description:');
    expect(explained.stdout).toContain('description: This error code is reported if the WebSocket URL is incorrect.');
    expect(explained.stdout).toContain('reference: errorcode-net-webSocket.md#2302001-websocket-url-error');
  });

  it('never colours when asked not to, even with FORCE_COLOR', async () => {
    const run = await runErrlens([...PINNED, SAMPLE_REL], { env: { FORCE_COLOR: '1' } });
    expect(run.stdout).not.toMatch(/\u001b\[/);
    const noColor = await runErrlens(['--format', 'pretty', '--no-color', SAMPLE_REL], { env: { FORCE_COLOR: '1' } });
    expect(noColor.status).toBe(0);
    expect(noColor.stdout).toContain('2302001');
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    const forced = await runErrlens(['--format', 'pretty', SAMPLE_REL], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\u001b\[/);
  });
});
