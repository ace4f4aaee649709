import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { REPO_ROOT, runErrlens } from './helpers/spawn-errlens.js';

const SAMPLE_REL = 'fixtures/sample/device.log';

describe('summary formats', () => {
  it('json: one summary with per-code counts, the input hashed, and the accounting of every line', async () => {
    const run = await runErrlens(['--format', 'json', '--year', '2026', SAMPLE_REL]);
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      inputs: { name: string; size: number; sha256: string }[];
      accounting: { linesRead: number; linesWithHits: number };
      codes: { code: string; hits: number }[];
    };
    const bytes = readFileSync(path.join(REPO_ROOT, SAMPLE_REL));
    expect(summary.inputs).toEqual([{ name: SAMPLE_REL, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }]);
    expect(summary.accounting.linesRead).toBe(bytes.toString('utf8').trimEnd().split('\n').length);
    const hits = Object.fromEntries(summary.codes.map((c) => [c.code, c.hits]));
    expect(hits['2101022']).toBe(3);
    expect(hits['200']).toBe(3);
  });

  it('json: filters keep records out of the counts', async () => {
    const run = await runErrlens(['--format', 'json', '--code', '2101022', SAMPLE_REL]);
    const summary = JSON.parse(run.stdout) as { codes: { code: string }[] };
    expect(summary.codes.map((c) => c.code)).toEqual(['2101022']);
  });

  it('markdown and text name the codes found', async () => {
    for (const format of ['markdown', 'text']) {
      const run = await runErrlens(['--format', format, SAMPLE_REL]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('2302001');
      expect(run.stdout).toContain('32390200');
    }
  });
});
