import fc from 'fast-check';
import {
  MINUTE_MS,
  TimelineAccumulator,
  displayTimeline,
  findBursts,
  findSequences,
  isResolution,
  mergeTimelines,
  peakOf,
  type TimelineJson,
} from '../../src/report/timeline.js';

const T0 = Date.UTC(2026, 10, 21, 8, 0, 0);

function histogram(times: readonly number[], cap = 512): TimelineJson {
  const acc = new TimelineAccumulator(cap);
  for (const t of times) acc.add(t);
  return acc.toJSON();
}

describe('TimelineAccumulator', () => {
  it('counts hits per minute with the first and last time in each bucket', () => {
    const t = histogram([T0 + 5_000, T0 + 59_999, T0 + 60_000, T0 + 1_000]);
    expect(t.resolutionMs).toBe(MINUTE_MS);
    expect(t.buckets).toEqual([
      [T0, 3, T0 + 1_000, T0 + 59_999],
      [T0 + MINUTE_MS, 1, T0 + 60_000, T0 + 60_000],
    ]);
  });

  it('doubles the bucket width when hits fall in more buckets than the cap', () => {
    const t = histogram([0, 1, 2, 3, 4].map((m) => T0 + m * MINUTE_MS), 4);
    expect(t.resolutionMs).toBe(2 * MINUTE_MS);
    expect(t.buckets.map((b) => b[1])).toEqual([2, 2, 1]);
    expect(t.buckets.length).toBeLessThanOrEqual(4);
  });

  it('holds at most cap buckets however long the log', () => {
    const acc = new TimelineAccumulator(16);
    for (let i = 0; i < 100_000; i++) acc.add(T0 + i * 7_919);
    const t = acc.toJSON();
    expect(t.buckets.length).toBeLessThanOrEqual(16);
    expect(t.buckets.reduce((n, b) => n + b[1], 0)).toBe(100_000);
    expect(isResolution(t.resolutionMs)).toBe(true);
  });

  it('ends with the same histogram whatever order the hits came in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 * MINUTE_MS }), { maxLength: 80 }), fc.integer({ min: 1, max: 8 }), (times, cap) => {
        const sorted = [...times].sort((a, b) => a - b);
        expect(histogram(times.map((t) => T0 + t), cap)).toEqual(histogram(sorted.map((t) => T0 + t), cap));
      }),
    );
  });
});

describe('mergeTimelines', () => {
  it('equals the histogram of all hits, even when both sides had coarsened differently', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000 * MINUTE_MS }), { maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 50 * MINUTE_MS }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (a, b, cap) => {
          const ta = a.map((t) => T0 + t);
          const tb = b.map((t) => T0 + t);
          expect(mergeTimelines(histogram(ta, cap), histogram(tb, cap), cap)).toEqual(histogram([...ta, ...tb], cap));
        },
      ),
    );
  });
});

describe('peakOf', () => {
  it('reports the fullest minute, and the wider window once the histogram is coarser', () => {
    expect(peakOf(histogram([T0, T0 + 1, T0 + MINUTE_MS]))).toEqual({ count: 2, windowMs: MINUTE_MS, at: T0 });
    const coarse = histogram([0, 1, 2, 3, 4].map((m) => T0 + m * MINUTE_MS), 4);
    expect(peakOf(coarse)).toEqual({ count: 2, windowMs: 2 * MINUTE_MS, at: T0 });
    expect(peakOf(histogram([]))).toBeNull();
  });
});

describe('findBursts', () => {
  it('calls out a minute with many hits against a quiet background, joining adjacent minutes', () => {
    const quiet = [0, 10, 20, 30, 40].map((m) => T0 + m * MINUTE_MS);
    const burst = Array.from({ length: 30 }, (_, i) => T0 + 25 * MINUTE_MS + i * 3_000); // 25:00–26:27
    expect(findBursts(histogram([...quiet, ...burst]))).toEqual([
      { start: T0 + 25 * MINUTE_MS, end: T0 + 27 * MINUTE_MS, hits: 30 },
    ]);
  });

  it('does not call a steadily busy code a burst', () => {
    const steady = Array.from({ length: 20 * 12 }, (_, i) => T0 + i * 5_000); // 12 per minute for 20 minutes
    expect(findBursts(histogram(steady))).toEqual([]);
  });

  it('needs at least 10 hits a minute', () => {
    expect(findBursts(histogram(Array.from({ length: 9 }, (_, i) => T0 + i)))).toEqual([]);
    expect(findBursts(histogram(Array.from({ length: 10 }, (_, i) => T0 + i)))).toHaveLength(1);
  });
});

describe('findSequences', () => {
  const series = (key: string, times: number[]) => ({ key, code: key, hits: times.length, timeline: histogram(times) });

  it('finds B following A within seconds, and not the reverse', () => {
    const a = [2, 7, 13].map((m) => T0 + m * MINUTE_MS + 10_000);
    const b = a.map((t) => t + 2_500);
    const found = findSequences([series('A', a), series('B', b)]);
    expect(found).toEqual([{ from: 'A', to: 'B', fromCode: 'A', toCode: 'B', count: 3, outOf: 3, bucketMs: MINUTE_MS, windowMs: 5_000 }]);
  });

  it('sees a pair across a minute boundary', () => {
    const a = [T0 + 59_000, T0 + 10 * MINUTE_MS + 59_000];
    const b = a.map((t) => t + 2_000);
    expect(findSequences([series('A', a), series('B', b)])).toHaveLength(1);
  });

  it('ignores codes that are merely in the same minutes but far apart', () => {
    const a = [2, 7, 13].map((m) => T0 + m * MINUTE_MS);
    const b = a.map((t) => t + 40_000);
    expect(findSequences([series('A', a), series('B', b)])).toEqual([]);
  });
});

describe('displayTimeline', () => {
  it('has at most the requested number of buckets, covers every hit and sums exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000 * MINUTE_MS }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (times, count) => {
        const h = histogram(times.map((t) => T0 + t), 8);
        const view = displayTimeline([{ key: 'k', code: 'k', hits: times.length, timeline: h }], count);
        const starts = view?.starts ?? [];
        expect(starts.length).toBeGreaterThanOrEqual(1);
        expect(starts.length).toBeLessThanOrEqual(count);
        const last = (starts[starts.length - 1] ?? 0) + (view?.widthMs ?? 0);
        expect(Math.max(...times.map((t) => T0 + t))).toBeLessThan(last);
        expect(view?.rows[0]?.counts.reduce((n, x) => n + x, 0)).toBe(times.length);
      }),
    );
  });

  it('uses one bucket for hits that all fall within one minute, not a row of empty ones', () => {
    const h = histogram([T0, T0 + 15_000], 8);
    const view = displayTimeline([{ key: 'k', code: 'k', hits: 2, timeline: h }], 24);
    expect(view?.starts).toHaveLength(1);
    expect(view?.rows[0]?.counts).toEqual([2]);
  });

  it('is null when nothing has a time', () => {
    expect(displayTimeline([{ key: 'k', code: 'k', hits: 1, timeline: histogram([]) }])).toBeNull();
  });
});
