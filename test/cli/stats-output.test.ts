import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, runErrlens } from './helpers/spawn-errlens.js';

const SAMPLE_REL = 'fixtures/sample/device.log';

/** The counts of `--stats`, by label. */
function statsOf(stderr: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const match of stderr.matchAll(/^errlens: stats: +([a-z ()]+?): (\d+)/gm)) out[match[1] as string] = Number(match[2]);
  return out;
}

describe('--stats', () => {
  const lines = readFileSync(path.join(REPO_ROOT, SAMPLE_REL), 'utf8').trimEnd().split('\n').length;

  it('prints the line accounting on stderr, the categories adding up to the lines read', async () => {
    const run = await runErrlens(['--stats', '--format', 'ndjson', SAMPLE_REL]);
    const stats = statsOf(run.stderr);
    expect(stats['lines read']).toBe(lines);
    const parts = ['with hits', 'without hits', 'too long (cut)', 'undecodable'].map((k) => stats[k] ?? NaN);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(lines);
    expect(stats['with hits']).toBe(run.stdout.trim().split('\n').length);
  });

  it('adds up several inputs', async () => {
    const run = await runErrlens(['--stats', SAMPLE_REL, '-'], { input: 'one more line\n' });
    expect(statsOf(run.stderr)['lines read']).toBe(lines + 1);
  });

  it('prints nothing on stderr without --stats', async () => {
    expect((await runErrlens([SAMPLE_REL])).stderr).toBe('');
  });
});
