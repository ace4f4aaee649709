import { createSummary, sampleRank } from '../../src/report/summary.js';
import { validateSummary } from '../../src/report/summary-json.js';
import { entry, hit, loadRecords, record } from './summary-helpers.js';

const WS = entry('2302001', 'WebSocket', 'WebSocket URL Error');
const NC = entry('2100002', 'Network Connection Management', 'Failed to Connect to the Service');
const T0 = Date.UTC(2026, 10, 21, 8, 0, 0);

describe('createSummary: counting', () => {
  const s = createSummary();
  s.addInput({ name: 'device-a.log', size: 100, sha256: 'ab'.repeat(32) });
  for (const r of loadRecords('device-a')) s.addRecord(r);
  const json = s.toJSON();
  const byKey = new Map(json.codes.map((c) => [c.key, c]));

  it('counts each code once per hit, most frequent first', () => {
    expect(json.codes.map((c) => [c.kind, c.code, c.hits])).toEqual([
      ['code', '2302001', 17],
      ['code', '2100002', 3],
      ['code', '2101022', 3],
      ['ambiguous', '401', 2],
      ['unknown', '2302777', 1],
    ]);
  });

  it('keeps first and last seen, peak and tags per code', () => {
    const ws = byKey.get('errorcode-net-webSocket.md#2302001');
    expect(ws?.firstSeen).toBe(Date.parse('2026-11-21T08:00:02.000Z'));
    expect(ws?.lastSeen).toBe(Date.parse('2026-11-21T08:11:00.000Z'));
    expect(ws?.peak).toEqual({ count: 14, windowMs: 60_000, at: Date.parse('2026-11-21T08:07:00.000Z') });
    expect(ws?.tags).toEqual([
      { name: 'NETSTACK', count: 16 },
      { name: 'JSAPP', count: 1 },
    ]);
    expect(ws?.bursts).toEqual([{ start: Date.parse('2026-11-21T08:07:00Z'), end: Date.parse('2026-11-21T08:08:00Z'), hits: 14 }]);
  });

  it('groups an ambiguous hit by code and candidate set, and an unknown code with its family', () => {
    const amb = json.codes.find((c) => c.kind === 'ambiguous');
    expect(amb?.key).toBe('ambiguous:401:errorcode-http.md#401,errorcode-universal.md#401');
    expect(amb?.candidates?.map((c) => c.module)).toEqual(['HTTP', 'Universal']);
    expect(byKey.get('unknown:2302777')?.family).toBe('WebSocket');
  });

  it('derives the line accounting from records when none is set, and the four line kinds add up', () => {
    const a = json.accounting;
    expect(a.linesRead).toBe(a.linesWithHits + a.linesWithoutHits + a.linesTooLong + a.linesUndecodable);
    expect(a).toMatchObject({ linesRead: 35, linesTooLong: 1, linesUndecodable: 1, records: 33, recordsWithHits: 26, hits: 26 });
  });

  it('finds the 2100002 → 2101022 sequence in the fixture', () => {
    expect(json.sequences.map((q) => [q.fromCode, q.toCode, q.count])).toEqual([['2100002', '2101022', 3]]);
  });

  it('records the time assumption and the span over all records', () => {
    expect(json.timeAssumptions).toEqual(['year=2026 (file mtime), zone=UTC (--tz)']);
    expect(json.span).toEqual({ first: Date.parse('2026-11-21T08:00:01Z'), last: Date.parse('2026-11-21T08:11:05Z') });
  });

  it('survives a JSON round trip through the strict validator unchanged', () => {
    expect(validateSummary(JSON.parse(JSON.stringify(json)))).toEqual(json);
  });
});

describe('createSummary: samples', () => {
  function run(n: number, opts: Parameters<typeof createSummary>[0] = {}) {
    const s = createSummary(opts);
    for (let i = 1; i <= n; i++) {
      s.addRecord(record('x.log', 2 * i - 1, `before ${i}`, [], { time: T0 + i * 1000 }));
      s.addRecord(record('x.log', 2 * i, `error ${i} code 2302001`, [hit('2302001', { entry: WS })], { time: T0 + i * 1000 + 1 }));
    }
    s.addRecord(record('x.log', 2 * n + 1, 'after all', [], { time: T0 + 999_999 }));
    return s.toJSON().codes[0];
  }

  it('keeps the first, the last, and between them the smallest ranks', () => {
    const c = run(50);
    expect(c?.samples.map((x) => x.role)).toEqual(['first', 'between', 'last']);
    expect(c?.samples[0]?.line).toBe(2);
    expect(c?.samples[2]?.line).toBe(100);
    const ranks = Array.from({ length: 48 }, (_, k) => k + 2).map((i) => ({ i, rank: sampleRank('x.log', 2 * i, `error ${i} code 2302001`) }));
    const best = ranks.sort((a, b) => a.rank - b.rank)[0];
    expect(c?.samples[1]?.line).toBe(2 * (best?.i ?? 0));
  });

  it('attaches the record before and the record after as context, lazily', () => {
    const c = run(3);
    expect(c?.samples[0]).toMatchObject({ text: 'error 1 code 2302001', before: ['before 1'], after: ['before 2'] });
    expect(c?.samples[2]).toMatchObject({ text: 'error 3 code 2302001', before: ['before 3'], after: ['after all'] });
  });

  it('keeps no context with contextLines 0 and only the first with sampleLimit 1', () => {
    const c = run(5, { contextLines: 0, sampleLimit: 1 });
    expect(c?.samples).toHaveLength(1);
    expect(c?.samples[0]).toMatchObject({ role: 'first', line: 2, before: [], after: [] });
  });

  it('keeps context from the same source only', () => {
    const s = createSummary({ contextLines: 2 });
    s.addRecord(record('a.log', 1, 'a1'));
    s.addRecord(record('b.log', 1, 'b1'));
    s.addRecord(record('a.log', 2, 'a2 2302001', [hit('2302001', { entry: WS })]));
    s.addRecord(record('b.log', 2, 'b2'));
    s.addRecord(record('a.log', 3, 'a3'));
    expect(s.toJSON().codes[0]?.samples[0]).toMatchObject({ before: ['a1'], after: ['a3'] });
  });

  it('redacts sample lines and context by default, and not with redact: false; counts are the same', () => {
    const make = (redact: boolean) => {
      const s = createSummary({ redact });
      s.addRecord(record('x', 1, 'peer 10.1.2.3'));
      s.addRecord(record('x', 2, 'fail 2100002 from 10.1.2.4', [hit('2100002', { entry: NC })]));
      return s.toJSON();
    };
    const on = make(true);
    const off = make(false);
    expect(on.codes[0]?.samples[0]).toMatchObject({ text: 'fail 2100002 from <ipv4>', before: ['peer <ipv4>'] });
    expect(off.codes[0]?.samples[0]).toMatchObject({ text: 'fail 2100002 from 10.1.2.4', before: ['peer 10.1.2.3'] });
    expect(on.options.redacted).toBe(true);
    expect(off.options.redacted).toBe(false);
    expect({ ...on.codes[0], samples: [] }).toEqual({ ...off.codes[0], samples: [] });
    expect(on.accounting).toEqual(off.accounting);
  });

  it('cuts very long sample text and marks the cut', () => {
    const s = createSummary();
    s.addRecord(record('x', 1, `2302001 ${'y'.repeat(5000)}`, [hit('2302001', { entry: WS })]));
    const text = s.toJSON().codes[0]?.samples[0]?.text ?? '';
    expect(text.length).toBe(2001);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('createSummary: accounting, catalogue, inputs', () => {
  it('uses the accounting the reader sets rather than its own', () => {
    const s = createSummary();
    s.addRecord(record('x', 1, 'plain'));
    const acc = { linesRead: 10, linesWithHits: 0, linesWithoutHits: 8, linesTooLong: 1, linesUndecodable: 1, records: 9, recordsWithHits: 0, hits: 0 };
    s.setAccounting(acc);
    expect(s.toJSON().accounting).toEqual(acc);
  });

  it('lists inputs sorted and catalogue versions and time assumptions de-duplicated', () => {
    const s = createSummary();
    s.addInput({ name: 'b.log', size: 2, sha256: 'bb' });
    s.addInput({ name: 'a.log', size: 1, sha256: 'aa' });
    s.setCatalogue({ version: 'v2' });
    s.setCatalogue({ version: 'v1' });
    s.setCatalogue({ version: 'v2' });
    s.setTimeAssumption('zone=local (+08:00)');
    s.setTimeAssumption('zone=local (+08:00)');
    const j = s.toJSON();
    expect(j.inputs.map((i) => i.name)).toEqual(['a.log', 'b.log']);
    expect(j.catalogueVersions).toEqual(['v1', 'v2']);
    expect(j.timeAssumptions).toEqual(['zone=local (+08:00)']);
    expect(j.span).toBeNull();
    expect(j.codes).toEqual([]);
  });
});

describe('createSummary: memory', () => {
  it('keeps per-code state bounded, whatever the number of records', () => {
    const s = createSummary();
    const codes = [WS, NC];
    for (let i = 0; i < 200_000; i++) {
      const e = codes[i % 2] ?? WS;
      // One hit every 13 s for ~30 days: far more minutes than the histogram cap.
      s.addRecord(record('big.log', i + 1, `line ${i} ${e.code}`, i % 3 === 0 ? [] : [hit(e.code, { entry: e })], { time: T0 + i * 13_000 }));
    }
    const j = s.toJSON();
    expect(j.codes).toHaveLength(2);
    for (const c of j.codes) {
      expect(c.samples.length).toBeLessThanOrEqual(3);
      expect(c.timeline.buckets.length).toBeLessThanOrEqual(512);
      expect(c.timeline.buckets.reduce((n, b) => n + b[1], 0)).toBe(c.hits);
    }
    expect(j.codes.reduce((n, c) => n + c.hits, 0)).toBe(j.accounting.hits);
    expect(JSON.stringify(j).length).toBeLessThan(200_000);
  });
});
