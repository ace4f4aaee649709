process.env.TZ = 'UTC';
import { createSummary } from '../../src/report/summary.js';
import { escapeMarkdown, fence, renderMarkdown } from '../../src/report/markdown.js';
import { mergeSummaries, type SummaryJson } from '../../src/report/summary-json.js';
import { entry, hit, loadRecords, record } from './summary-helpers.js';

function fixtureSummary(name = 'device-a', options: Parameters<typeof createSummary>[0] = {}): SummaryJson {
  const s = createSummary(options);
  s.addInput({ name: `${name}.log`, size: 48_213, sha256: 'a'.repeat(64) });
  s.setCatalogue({ version: 'errlens-default@0.1.0+3f2a1c9d' });
  for (const r of loadRecords(name)) s.addRecord(r);
  return s.toJSON();
}

/** The cells of the markdown table row whose first cell is `first`, split on unescaped pipes. */
function row(md: string, first: string): string[] | undefined {
  const line = md.split('\n').find((l) => l.startsWith(`| ${first} |`));
  return line
    ?.slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('renderMarkdown', () => {
  it('renders the device-a fixture (snapshot, TZ=UTC)', () => {
    expect(renderMarkdown(fixtureSummary(), { errlensVersion: '0.1.0' })).toMatchSnapshot();
  });

  it('renders a merge of two devices, one without times (snapshot)', () => {
    const merged = mergeSummaries(fixtureSummary('device-a'), fixtureSummary('device-b'));
    expect(renderMarkdown(merged, { errlensVersion: '0.1.0' })).toMatchSnapshot();
  });

  it('states the accounting, the catalogue and the version in the header', () => {
    const md = renderMarkdown(fixtureSummary(), { errlensVersion: '9.9.9' });
    expect(md).toContain('- **Lines read:** 35 = 27 with hits + 6 without + 1 too long + 1 undecodable');
    expect(md).toContain('- **Catalogue:** errlens-default@0.1.0+3f2a1c9d');
    expect(md).toContain('- **errlens:** 9.9.9');
  });

  it('keeps the table to nine cells when log content holds pipes and backticks', () => {
    const e = entry('2302001', 'WebSocket', 'WebSocket URL Error');
    const s = createSummary();
    s.addRecord(record('x', 1, 'a | b `c` 2302001', [hit('2302001', { entry: e })], { tag: 'T|A`G', process: '<script>' }));
    const md = renderMarkdown(s.toJSON(), { errlensVersion: '0' });
    const cells = row(md, '2302001');
    expect(cells).toHaveLength(9);
    expect(cells?.[7]).toBe('T\\|A\\`G (1); \\<script\\> (1)');
  });

  it('fences a sample holding ``` with a longer fence', () => {
    const body = 'x ``` y ```` z';
    const fenced = fence(body);
    expect(fenced.startsWith('`````text\n')).toBe(true);
    expect(fenced.endsWith('\n`````')).toBe(true);
    expect(fence('plain')).toBe('```text\nplain\n```');
  });

  it('escapes markup and control characters in one-line text', () => {
    expect(escapeMarkdown('a|b`c*d_e[f]<g>\nh\u001b')).toBe('a\\|b\\`c\\*d\\_e\\[f\\]\\<g\\> h\\\\x1b');
  });

  it('shows the unknown-codes table only when there are unknown codes', () => {
    const md = renderMarkdown(fixtureSummary(), { errlensVersion: '0' });
    expect(md).toContain('### Unknown codes');
    const e = entry('2302001', 'WebSocket', 'WebSocket URL Error');
    const s = createSummary();
    s.addRecord(record('x', 1, '2302001', [hit('2302001', { entry: e })]));
    expect(renderMarkdown(s.toJSON(), { errlensVersion: '0' })).not.toContain('Unknown codes');
  });
});

describe('renderMarkdown size budget', () => {
  /** 40 codes, each with long sample lines. */
  function bigSummary(): SummaryJson {
    const s = createSummary({ redact: false });
    for (let k = 0; k < 40; k++) {
      const e = entry(String(2300000 + k), 'HTTP', `Failure number ${k}`);
      for (let i = 0; i <= k; i++) {
        s.addRecord(record('big.log', k * 100 + i + 1, `${e.code} ${'long text '.repeat(40)}`, [hit(e.code, { entry: e })], { time: Date.UTC(2026, 0, 1) + i * 1000 }));
      }
    }
    return s.toJSON();
  }

  it('fits the budget by folding, then cutting samples and details from the lowest rank, and says so', () => {
    const summary = bigSummary();
    const full = renderMarkdown(summary, { errlensVersion: '0', budget: 10_000_000 });
    expect(full).not.toContain('<details>');
    const md = renderMarkdown(summary, { errlensVersion: '0', budget: 30_000 });
    expect(md.length).toBeLessThanOrEqual(30_000);
    expect(md).toContain('<details><summary>Samples');
    expect(md).toMatch(/> \*\*Left out\*\* to stay within 30,000 characters: samples of \d+ codes/);
    // The most frequent code keeps its samples; the least frequent lost them.
    expect(md).toContain('big.log:3940');
    expect(md).not.toContain('big.log:1 ');
  });

  it('never cuts counts: every code stays in the table at any budget', () => {
    const summary = bigSummary();
    const md = renderMarkdown(summary, { errlensVersion: '0', budget: 1_000 });
    for (const c of summary.codes) expect(row(md, c.code)?.[3]).toBe(String(c.hits));
    expect(md).toContain('details of 40 codes');
    expect(md).toContain('The tables alone exceed the budget');
  });
});

describe('renderMarkdown folding', () => {
  it('folds the details of codes below the top ten into <details> once over budget, samples cut or not', () => {
    const s = createSummary({ redact: false });
    for (let k = 0; k < 14; k++) {
      const e = entry(String(2300000 + k), 'HTTP', `Failure number ${k}`);
      for (let i = 0; i <= k; i++) s.addRecord(record('big.log', k * 100 + i + 1, `${e.code} ${'long text '.repeat(10)}`, [hit(e.code, { entry: e })]));
    }
    const md = renderMarkdown(s.toJSON(), { errlensVersion: '0', budget: 14_000 });
    expect(md.length).toBeLessThanOrEqual(14_000);
    // Ranks 0..9 keep an open heading; ranks 10..13 (codes 2300003..2300000) are folded.
    expect(md).toContain('### 2300004 · HTTP · Failure number 4');
    expect(md).toContain('<details><summary>2300003 · HTTP · Failure number 3</summary>');
    expect(md).not.toContain('### 2300003');
  });
});
