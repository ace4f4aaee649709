/**
 * Merge laws, proved on random record lists: merge is commutative and associative, and
 * merge(summary(A), summary(B)) equals summary(A then B) — here in everything but the context lines at the seam
 * (samples themselves are chosen identically, which is stronger than the issue asks).
 */
import fc from 'fast-check';
import type { LogRecord } from '../../src/types.js';
import { createSummary } from '../../src/report/summary.js';
import { mergeSummaries, type SummaryJson } from '../../src/report/summary-json.js';
import { entry, hit, record } from './summary-helpers.js';

const E1 = entry('2302001', 'WebSocket', 'WebSocket URL Error');
const E2 = entry('2100003', 'Network Connection Management', 'Internal Error');
const E3 = entry('401', 'Universal', 'Parameter Error');
const E3b = entry('401', 'Storage', 'Bad Argument');

// Skewed towards one code, so that bursts (10+ hits of a code in a minute) occur.
const hitArb = fc.oneof(
  { arbitrary: fc.constant(hit('2302001', { entry: E1 })), weight: 6 },
  fc.constant(hit('2100003', { entry: E2 })),
  fc.constant(hit('401', { entry: E3 })),
  fc.constant(hit('401', { candidates: [E3, E3b] })),
  fc.constant(hit('2302777', { family: 'WebSocket' })),
  fc.constant(hit('9999')),
);

const BASE = Date.UTC(2026, 10, 21, 8, 0, 0);

const recordArb = fc.record({
  source: fc.constantFrom('dev-a.log', 'dev-b.log', '-'),
  // Mostly close in time so sequences and bursts occur; sometimes hours apart; sometimes no time at all.
  time: fc.option(
    fc.oneof(
      // A few seconds apart in a few minutes: codes follow one another (sequences).
      fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0, 1_500, 3_000)).map(([m, o]) => m * 60_000 + o),
      // One busy minute: bursts.
      fc.integer({ min: 0, max: 60_000 }),
      fc.integer({ min: 0, max: 600_000 }),
      // Hours apart.
      fc.integer({ min: 0, max: 40 * 3_600_000 }),
    ),
    { nil: undefined, freq: 8 },
  ),
  text: fc.string({ maxLength: 30 }),
  tag: fc.option(fc.constantFrom('NETSTACK', 'NetConnManager', 'JSAPP'), { nil: undefined }),
  process: fc.option(fc.constantFrom('com.example.app', 'foundation'), { nil: undefined }),
  hits: fc.array(hitArb, { maxLength: 3 }),
  truncated: fc.boolean(),
});

/** Records with line numbers that increase per source, as a reader would number them. */
const recordsArb = (startLine: number) =>
  fc.array(recordArb, { maxLength: 60, size: 'max' }).map((list) => {
    const next = new Map<string, number>();
    return list.map((r): LogRecord => {
      const line = next.get(r.source) ?? startLine;
      next.set(r.source, line + 1);
      return record(
        r.source,
        line,
        r.text,
        r.hits,
        {
          ...(r.time === undefined ? {} : { time: BASE + r.time }),
          ...(r.tag === undefined ? {} : { tag: r.tag }),
          ...(r.process === undefined ? {} : { process: r.process }),
        },
        r.truncated ? { truncated: true } : {},
      );
    });
  });

function summarise(parts: { name: string; records: LogRecord[] }[], sampleLimit = 3): SummaryJson {
  const s = createSummary({ sampleLimit, contextLines: 1 });
  for (const p of parts) {
    s.addInput({ name: p.name, size: p.records.length, sha256: p.name.repeat(4) });
    s.setCatalogue({ version: `cat-${p.name}` });
    for (const r of p.records) s.addRecord(r);
  }
  return s.toJSON();
}

/** Drops the context lines of samples: the only thing a seam between two parts can change. */
function withoutContext(s: SummaryJson): unknown {
  return {
    ...s,
    codes: s.codes.map((c) => ({ ...c, samples: c.samples.map((x) => ({ ...x, before: [], after: [] })) })),
  };
}

describe('mergeSummaries laws', () => {
  it('merge(summary(A), summary(B)) equals summary(A then B)', () => {
    fc.assert(
      fc.property(recordsArb(1), recordsArb(1000), fc.integer({ min: 1, max: 5 }), (a, b, limit) => {
        const merged = mergeSummaries(summarise([{ name: 'a', records: a }], limit), summarise([{ name: 'b', records: b }], limit));
        const whole = summarise(
          [
            { name: 'a', records: a },
            { name: 'b', records: b },
          ],
          limit,
        );
        expect(withoutContext(merged)).toEqual(withoutContext(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('exercises sequences, bursts and samples between (generator coverage)', () => {
    let sequences = 0;
    let bursts = 0;
    let between = 0;
    fc.assert(
      fc.property(recordsArb(1), recordsArb(1000), (a, b) => {
        const s = mergeSummaries(summarise([{ name: 'a', records: a }]), summarise([{ name: 'b', records: b }]));
        if (s.sequences.length > 0) sequences++;
        if (s.codes.some((c) => c.bursts.length > 0)) bursts++;
        if (s.codes.some((c) => c.samples.some((x) => x.role === 'between'))) between++;
      }),
      { numRuns: 300, seed: 42 },
    );
    // Without these the law above would be proved on empty derived figures only.
    expect(sequences).toBeGreaterThan(10);
    expect(bursts).toBeGreaterThan(10);
    expect(between).toBeGreaterThan(100);
  });

  it('is commutative', () => {
    fc.assert(
      fc.property(recordsArb(1), recordsArb(1000), (a, b) => {
        const sa = summarise([{ name: 'a', records: a }]);
        const sb = summarise([{ name: 'b', records: b }]);
        expect(mergeSummaries(sa, sb)).toEqual(mergeSummaries(sb, sa));
      }),
      { numRuns: 200 },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(recordsArb(1), recordsArb(1000), recordsArb(5000), (a, b, c) => {
        const [sa, sb, sc] = [summarise([{ name: 'a', records: a }]), summarise([{ name: 'b', records: b }]), summarise([{ name: 'c', records: c }])];
        expect(mergeSummaries(mergeSummaries(sa, sb), sc)).toEqual(mergeSummaries(sa, mergeSummaries(sb, sc)));
      }),
      { numRuns: 200 },
    );
  });

  it('never loses a hit: merged counts equal the hits in the records', () => {
    fc.assert(
      fc.property(recordsArb(1), recordsArb(1000), (a, b) => {
        const merged = mergeSummaries(summarise([{ name: 'a', records: a }]), summarise([{ name: 'b', records: b }]));
        const expected = [...a, ...b].reduce((n, r) => n + r.hits.length, 0);
        expect(merged.codes.reduce((n, c) => n + c.hits, 0)).toBe(expected);
        expect(merged.accounting.hits).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});
