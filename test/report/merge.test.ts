process.env.TZ = 'UTC';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMerge, type MergeFormat } from '../../src/cli/merge-command.js';
import { createSummary } from '../../src/report/summary.js';
import { mergeSummaries, parseSummary, validateSummary, type SummaryJson } from '../../src/report/summary-json.js';
import { loadRecords } from './summary-helpers.js';

function summaryOf(name: string): SummaryJson {
  const s = createSummary();
  s.addInput({ name: `${name}.log`, size: 100, sha256: name.padEnd(64, '0') });
  s.setCatalogue({ version: 'cat-1' });
  for (const r of loadRecords(name)) s.addRecord(r);
  return s.toJSON();
}

const dir = mkdtempSync(join(tmpdir(), 'errlens-merge-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function merge(files: string[], format: MergeFormat = 'json') {
  let out = '';
  let err = '';
  const code = await runMerge({
    files,
    format,
    errlensVersion: '0.1.0',
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe('errlens merge', () => {
  const a = file('a.json', summaryOf('device-a'));
  const b = file('b.json', summaryOf('device-b'));

  it('adds counts, takes min/max of first/last seen and concatenates inputs (JSON, field by field)', async () => {
    const { code, out, err } = await merge([a, b]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const merged = JSON.parse(out);
    expect(merged.schemaVersion).toBe(1);
    expect(merged.kind).toBe('errlens-summary');
    expect(merged.inputs.map((i: { name: string }) => i.name)).toEqual(['device-a.log', 'device-b.log']);
    expect(merged.accounting.hits).toBe(26 + 2);
    expect(merged.accounting.linesRead).toBe(35 + 3);
    const ws = merged.codes.find((c: { code: string }) => c.code === '2302001');
    expect(ws.hits).toBe(17 + 1);
    expect(ws.untimedHits).toBe(1);
    expect(ws.firstSeen).toBe(Date.parse('2026-11-21T08:00:02Z'));
    expect(ws.lastSeen).toBe(Date.parse('2026-11-21T08:11:00Z'));
    expect(ws.samples.map((s: { role: string }) => s.role)).toEqual(['first', 'between', 'last']);
    expect(ws.samples[2].source).toBe('device-b.txt'); // timeless records sort after timed ones
    expect(merged.codes.find((c: { code: string }) => c.code === '2101022').hits).toBe(3 + 1);
  });

  it('gives the same result whatever the order of the files', async () => {
    const ab = await merge([a, b]);
    const ba = await merge([b, a]);
    expect(ab.out).toBe(ba.out);
  });

  it('renders markdown and text', async () => {
    const md = await merge([a, b], 'markdown');
    expect(md.out).toContain('| 2302001 | WebSocket | WebSocket URL Error | 18 |');
    const text = await merge([a, b], 'text');
    expect(text.out).toMatch(/^2302001 +WebSocket +WebSocket URL Error +18 /m);
  });

  it('merges its own output again (JSON in, JSON out)', async () => {
    const once = await merge([a, b]);
    const again = await merge([file('ab.json', once.out), a]);
    expect(JSON.parse(again.out).accounting.hits).toBe(26 + 2 + 26);
  });

  it('exits 1 when the merged summaries hold no hit', async () => {
    const empty = createSummary().toJSON();
    const { code, out } = await merge([file('empty.json', empty)]);
    expect(code).toBe(1);
    expect(JSON.parse(out).codes).toEqual([]);
  });

  it.each([
    ['not JSON', 'hello'],
    ['another JSON document', { name: 'errlens', version: '0.1.0' }],
    ['a wrong schema version', { ...summaryOf('device-b'), schemaVersion: 2 }],
    ['an unexpected field', { ...summaryOf('device-b'), extra: true }],
    ['a negative count', JSON.stringify(summaryOf('device-b')).replace('"hits":2', '"hits":-2')],
    ['a __proto__ key', JSON.stringify(summaryOf('device-b')).replace('{"schemaVersion"', '{"__proto__":{"polluted":1},"schemaVersion"')],
  ])('rejects %s with exit 2 and prints nothing on stdout', async (name, content) => {
    const bad = file(`bad-${name.replace(/\W+/g, '-')}.json`, content);
    const { code, out, err } = await merge([a, bad]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`errlens: not an errlens summary: ${bad}\n`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a file it cannot read with exit 2', async () => {
    const missing = join(dir, 'missing.json');
    const { code, err } = await merge([missing]);
    expect(code).toBe(2);
    expect(err).toBe(`errlens: cannot read summary: ${missing}\n`);
  });

  it('needs at least one file', async () => {
    const { code, err } = await merge([]);
    expect(code).toBe(2);
    expect(err).toMatch(/^errlens: merge needs at least one summary file/);
  });
});

describe('validateSummary', () => {
  const good = summaryOf('device-a');

  it('names the offending field', () => {
    const bad = JSON.parse(JSON.stringify(good));
    bad.codes[1].timeline.buckets[0][1] = 'many';
    expect(() => validateSummary(bad)).toThrow('$.codes[1].timeline.buckets[0][1]: expected a non-negative integer');
  });

  it('rejects hits that do not match the timeline', () => {
    const bad = JSON.parse(JSON.stringify(good));
    bad.codes[0].hits += 1;
    expect(() => validateSummary(bad)).toThrow('$.codes[0].hits: does not equal timeline hits + untimedHits');
  });

  it('rejects a bucket width that is not a minute times a power of two', () => {
    const bad = JSON.parse(JSON.stringify(good));
    bad.codes[0].timeline.resolutionMs = 90_000;
    expect(() => validateSummary(bad)).toThrow('resolutionMs: expected 60000 × a power of two');
  });

  it('rejects buckets out of order (they would double-count in a peak)', () => {
    const bad = JSON.parse(JSON.stringify(good));
    const buckets = bad.codes[0].timeline.buckets;
    buckets.push(buckets[0]);
    bad.codes[0].hits += buckets[0][1];
    expect(() => validateSummary(bad)).toThrow('buckets are not in ascending order');
  });

  it('recomputes derived figures instead of trusting them', () => {
    const forged = JSON.parse(JSON.stringify(good));
    forged.codes[0].peak = { count: 9999, windowMs: 60_000, at: 0 };
    forged.sequences = [];
    const v = validateSummary(forged);
    expect(v.codes[0]?.peak?.count).toBe(14);
    expect(v.sequences).toHaveLength(1);
  });

  it('parses what it writes', () => {
    expect(parseSummary(JSON.stringify(good))).toEqual(good);
    expect(mergeSummaries(good, parseSummary(JSON.stringify(good))).accounting.hits).toBe(2 * good.accounting.hits);
  });
});
