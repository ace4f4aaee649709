import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { baseEnv, collect, ERRLENS_BIN, REPO_ROOT } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';

const SAMPLE = path.join(REPO_ROOT, 'fixtures/sample/device.log');
const SGR = /\u001b\[[0-9;]*m/;

/** util-linux `script` runs a command on a pseudo-terminal: stdout and stderr are both TTYs inside it. */
const hasScript = spawnSync('script', ['--version']).status === 0;

/**
 * Runs a shell command line under `script -qec` and returns everything the terminal received. script's own stdin is
 * a pipe kept open until the command ends: were it closed, script would type an end-of-file into the terminal.
 */
async function onTerminal(command: string, env: Record<string, string> = {}): Promise<{ status: number | null; screen: string }> {
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(env), BIN: ERRLENS_BIN, COLUMNS: '160' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.on('error', () => undefined);
  const run = await collect(child);
  return { status: run.status, screen: run.stdout };
}

(hasScript ? describe : describe.skip)('on a terminal', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  it('defaults to pretty output, coloured', async () => {
    const { status, screen } = await onTerminal(`node "$BIN" < "${SAMPLE}"`);
    expect(status).toBe(0);
    expect(screen).not.toContain('"schemaVersion"');
    expect(screen).toContain('2302001');
    expect(screen).toContain('WebSocket URL Error');
    expect(screen).toMatch(SGR);
  });

  it('drops colour with NO_COLOR, and with FORCE_COLOR=0', async () => {
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }]) {
      const { screen } = await onTerminal(`node "$BIN" < "${SAMPLE}"`, env);
      expect(screen).toContain('WebSocket URL Error');
      expect(screen).not.toMatch(SGR);
    }
  });

  it('lets --color always win over NO_COLOR, and --color never over FORCE_COLOR', async () => {
    expect((await onTerminal(`node "$BIN" --color always < "${SAMPLE}"`, { NO_COLOR: '1' })).screen).toMatch(SGR);
    expect((await onTerminal(`node "$BIN" --color never < "${SAMPLE}"`, { FORCE_COLOR: '1' })).screen).not.toMatch(SGR);
  });

  it('colours pretty output on a pipe only when FORCE_COLOR asks', async () => {
    const forced = await onTerminal(`node "$BIN" --format pretty < "${SAMPLE}" | cat`, { FORCE_COLOR: '1' });
    expect(forced.screen).toMatch(SGR);
    const plain = await onTerminal(`node "$BIN" --format pretty < "${SAMPLE}" | cat`);
    expect(plain.screen).not.toMatch(SGR);
  });

  it('shows a progress bar on stderr for a batch of files, and removes it at the end', async () => {
    const second = path.join(tmp.dir, 'second.log');
    writeFileSync(second, 'nothing here\n');
    const { status, screen } = await onTerminal(`node "$BIN" "${SAMPLE}" "${second}" > /dev/null`);
    expect(status).toBe(0);
    expect(screen).toMatch(/errlens [=-]+ 100% \| [\d.]+ KiB of [\d.]+ KiB \| [\d.]+ \S+\/s \| ETA/);
    // clearOnComplete: the last thing drawn is an erased line, and the cursor is shown again.
    expect(screen.endsWith('\u001b[2K')).toBe(true);
    expect(screen).toContain('\u001b[?25h');
  });

  it('says it is reading the keyboard when run alone, and Ctrl-C ends it with 130', async () => {
    // --foreground keeps errlens in the terminal's foreground group (a background reader would be stopped by
    // SIGTTIN); --preserve-status reports errlens's own status rather than timeout's 124.
    const { status, screen } = await onTerminal('timeout --foreground --preserve-status -s INT 2 node "$BIN"; echo "status=$?"');
    expect(screen).toContain('errlens: reading standard input (end with Ctrl-D; errlens --help for usage)');
    expect(screen).toContain('status=130');
    expect(status).toBe(0);
  });

  it('shows no progress bar with --quiet, nor for standard input', async () => {
    const quiet = await onTerminal(`node "$BIN" --quiet "${SAMPLE}"`);
    expect(quiet.status).toBe(0);
    expect(quiet.screen).toBe('');
    const stdin = await onTerminal(`node "$BIN" --format ndjson < "${SAMPLE}" > /dev/null`);
    expect(stdin.screen).toBe('');
  });
});
