/** The benchmark corpus generator (bench/generate.mjs) must be deterministic: a seed is a corpus. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const GENERATE = join(__dirname, '..', '..', 'bench', 'generate.mjs');

function generate(args: string[]): { bytes: Buffer; stats: { bytes: number; lines: number; hitLines: number; decoyLines: number } } {
  const r = spawnSync(process.execPath, [GENERATE, ...args], { maxBuffer: 64 << 20 });
  expect(r.status).toBe(0);
  return { bytes: r.stdout, stats: JSON.parse(r.stderr.toString('utf8')) };
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('bench/generate.mjs', () => {
  test.each(['hilog', 'json'])('%s: the same seed gives the same bytes; another seed does not', (format) => {
    const a = generate(['--format', format, '--size', '300K', '--seed', '5']);
    const b = generate(['--format', format, '--size', '300K', '--seed', '5']);
    const c = generate(['--format', format, '--size', '300K', '--seed', '6']);
    expect(sha(a.bytes)).toBe(sha(b.bytes));
    expect(sha(a.bytes)).not.toBe(sha(c.bytes));
    expect(a.bytes.length).toBe(a.stats.bytes);
    expect(a.bytes.length).toBeGreaterThanOrEqual(300 * 1024);
    expect(a.bytes.length).toBeLessThan(300 * 1024 + 4096);
    expect(a.bytes.toString('utf8').split('\n').length - 1).toBe(a.stats.lines);
  });

  test('rates are honoured roughly', () => {
    const { stats } = generate(['--size', '2M', '--hit-rate', '0.1', '--decoy-rate', '0.2', '--seed', '2']);
    expect(stats.hitLines / stats.lines).toBeGreaterThan(0.07);
    expect(stats.hitLines / stats.lines).toBeLessThan(0.12);
    expect(stats.decoyLines / stats.lines).toBeGreaterThan(0.15);
    expect(stats.decoyLines / stats.lines).toBeLessThan(0.23);
  });

  test('JSON lines parse; --crlf ends lines with CRLF', () => {
    const { bytes } = generate(['--format', 'json', '--size', '100K', '--seed', '3']);
    for (const line of bytes.toString('utf8').trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const crlf = generate(['--size', '20K', '--crlf']).bytes.toString('latin1');
    expect(crlf.split('\r\n').length - 1).toBe(crlf.split('\n').length - 1);
  });
});
