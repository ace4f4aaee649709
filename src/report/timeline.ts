/**
 * Hits over time, in bounded memory, in a form that merges exactly.
 *
 * Each code keeps a histogram of its hit times: buckets aligned to the epoch, `60 000 × 2^k` ms wide, each with
 * its count and the first and last hit time inside it. When a code's hits fall into more than `cap` buckets the
 * width doubles and adjacent buckets merge. The width a histogram ends at is the smallest that fits its hits in
 * `cap` buckets, whatever order the hits came in, so merging two histograms (coarsen both to the wider width,
 * add, coarsen until it fits) gives exactly the histogram of all their hits together. Peaks, bursts and
 * "A then B" sequences are derived from histograms only, so they merge exactly too.
 */

/** One minute: the finest bucket width, and the unit peaks are reported in. */
export const MINUTE_MS = 60_000;

/** Default most buckets a code's histogram holds before its width doubles (512 one-minute buckets ≈ 8.5 hours). */
export const DEFAULT_BUCKET_CAP = 512;

/** `[start, count, first, last]`: bucket start (epoch ms, aligned to the width), hits, first and last hit time. */
export type TimelineBucket = readonly [start: number, count: number, first: number, last: number];

/** A code's histogram as it appears in summary JSON. Buckets are in ascending `start` order. */
export interface TimelineJson {
  /** Bucket width in ms: 60 000 × 2^k. */
  readonly resolutionMs: number;
  readonly buckets: readonly TimelineBucket[];
}

/** The most hits of a code inside one bucket of the code's histogram. */
export interface PeakJson {
  readonly count: number;
  /** The bucket width the peak was counted in: 60 000 while the code's hits fit in `cap` one-minute buckets. */
  readonly windowMs: number;
  /** Start of the (earliest) bucket holding the peak. */
  readonly at: number;
}

/** A run of adjacent buckets where a code's hit rate stood far above its usual rate. */
export interface BurstJson {
  readonly start: number;
  /** Exclusive end of the run's last bucket. */
  readonly end: number;
  readonly hits: number;
}

/** True when `ms` is 60 000 × a power of two, the only widths histograms use. */
export function isResolution(ms: number): boolean {
  if (!Number.isSafeInteger(ms) || ms < MINUTE_MS || ms % MINUTE_MS !== 0) return false;
  const minutes = ms / MINUTE_MS;
  return (minutes & (minutes - 1)) === 0;
}

type MutableBucket = [start: number, count: number, first: number, last: number];

function bucketStart(time: number, resolutionMs: number): number {
  return Math.floor(time / resolutionMs) * resolutionMs;
}

function addBucket(map: Map<number, MutableBucket>, start: number, count: number, first: number, last: number): void {
  const cur = map.get(start);
  if (cur === undefined) {
    map.set(start, [start, count, first, last]);
    return;
  }
  cur[1] += count;
  if (first < cur[2]) cur[2] = first;
  if (last > cur[3]) cur[3] = last;
}

function coarsen(map: Map<number, MutableBucket>, resolutionMs: number): Map<number, MutableBucket> {
  const out = new Map<number, MutableBucket>();
  for (const [, b] of map) addBucket(out, bucketStart(b[0], resolutionMs), b[1], b[2], b[3]);
  return out;
}

/** A code's histogram while records stream in: O(cap) memory whatever the number of hits. */
export class TimelineAccumulator {
  private resolution = MINUTE_MS;
  private map = new Map<number, MutableBucket>();

  constructor(private readonly cap: number = DEFAULT_BUCKET_CAP) {}

  /** Counts `count` hits at `time` (epoch ms). */
  add(time: number, count = 1): void {
    addBucket(this.map, bucketStart(time, this.resolution), count, time, time);
    while (this.map.size > this.cap) {
      this.resolution *= 2;
      this.map = coarsen(this.map, this.resolution);
    }
  }

  toJSON(): TimelineJson {
    return toJson(this.map, this.resolution);
  }
}

function toJson(map: Map<number, MutableBucket>, resolutionMs: number): TimelineJson {
  const buckets = [...map.values()].sort((a, b) => a[0] - b[0]).map((b): TimelineBucket => [b[0], b[1], b[2], b[3]]);
  return { resolutionMs, buckets };
}

/** An empty histogram. */
export function emptyTimeline(): TimelineJson {
  return { resolutionMs: MINUTE_MS, buckets: [] };
}

/** Re-buckets a histogram to a wider width (a multiple of its own). */
export function coarsenTimeline(t: TimelineJson, resolutionMs: number): TimelineJson {
  if (resolutionMs <= t.resolutionMs) return t;
  const map = new Map<number, MutableBucket>();
  for (const b of t.buckets) addBucket(map, bucketStart(b[0], resolutionMs), b[1], b[2], b[3]);
  return toJson(map, resolutionMs);
}

/** The histogram of the hits of `a` and `b` together: exactly what one accumulator fed with both would hold. */
export function mergeTimelines(a: TimelineJson, b: TimelineJson, cap: number = DEFAULT_BUCKET_CAP): TimelineJson {
  let resolution = Math.max(a.resolutionMs, b.resolutionMs);
  let map = new Map<number, MutableBucket>();
  for (const t of [a, b]) for (const x of t.buckets) addBucket(map, bucketStart(x[0], resolution), x[1], x[2], x[3]);
  while (map.size > cap) {
    resolution *= 2;
    map = coarsen(map, resolution);
  }
  return toJson(map, resolution);
}

/** The fullest bucket (the earliest of equals), or null when the code has no timed hit. */
export function peakOf(t: TimelineJson): PeakJson | null {
  let best: TimelineBucket | undefined;
  for (const b of t.buckets) if (best === undefined || b[1] > best[1]) best = b;
  return best === undefined ? null : { count: best[1], windowMs: t.resolutionMs, at: best[0] };
}

/** Fewest hits per minute a bucket needs to count as part of a burst. */
export const BURST_MIN_PER_MINUTE = 10;
/** How many times the code's median bucket a bucket needs to count as part of a burst. */
export const BURST_FACTOR = 3;
/** At most this many bursts are reported per code (the largest). */
export const MAX_BURSTS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Runs of adjacent buckets holding at least {@link BURST_MIN_PER_MINUTE} hits per minute of bucket width and,
 * when the code was active in 3 buckets or more, at least {@link BURST_FACTOR} times its median active bucket —
 * so a code that is always busy does not read as one endless burst. Largest first, at most {@link MAX_BURSTS}.
 */
export function findBursts(t: TimelineJson): BurstJson[] {
  const minutes = t.resolutionMs / MINUTE_MS;
  const counts = t.buckets.map((b) => b[1]);
  const floor = BURST_MIN_PER_MINUTE * minutes;
  const threshold = counts.length >= 3 ? Math.max(floor, BURST_FACTOR * median(counts)) : floor;
  const bursts: BurstJson[] = [];
  let open: { start: number; end: number; hits: number } | undefined;
  for (const b of t.buckets) {
    if (b[1] >= threshold) {
      if (open !== undefined && open.end === b[0]) {
        open.end = b[0] + t.resolutionMs;
        open.hits += b[1];
      } else {
        if (open !== undefined) bursts.push(open);
        open = { start: b[0], end: b[0] + t.resolutionMs, hits: b[1] };
      }
    }
  }
  if (open !== undefined) bursts.push(open);
  return bursts
    .sort((x, y) => y.hits - x.hits || x.start - y.start)
    .slice(0, MAX_BURSTS)
    .map((x) => ({ start: x.start, end: x.end, hits: x.hits }));
}

/** A code series as the sequence finder and the timeline renderer see it. */
export interface TimelineSeries {
  /** Unique key of the series (catalogue entry id, or a kind-prefixed code). */
  readonly key: string;
  readonly code: string;
  readonly hits: number;
  readonly timeline: TimelineJson;
}

/** "`from` then `to`": how often `to` followed `from` within `windowMs`. */
export interface SequenceJson {
  readonly from: string;
  readonly to: string;
  readonly fromCode: string;
  readonly toCode: string;
  /** Buckets in which `to`'s first hit came within `windowMs` after a hit of `from`. */
  readonly count: number;
  /** Buckets in which `to` had hits at all. */
  readonly outOf: number;
  /** The bucket width both codes were compared at: the wider of their histograms' widths. */
  readonly bucketMs: number;
  readonly windowMs: number;
}

/** Default window for "A then B": a few seconds, the time one failure takes to cause the next. */
export const SEQUENCE_WINDOW_MS = 5_000;
/** Only the most frequent codes are paired, to keep the search quadratic in a small number. */
export const SEQUENCE_MAX_CODES = 20;
/** At most this many sequences are reported. */
export const MAX_SEQUENCES = 10;

/**
 * Finds codes that tend to follow one another. For each bucket where `to` has hits, its first hit there is
 * checked against the nearest hit of `from` known before it (from's first or last hit in the same bucket, or its
 * last hit in the bucket before); within `windowMs` counts once. A pair is reported when that happened in at least
 * 2 buckets and in at least half of `to`'s buckets. Only bucket boundaries are known, so a hit of `from` between
 * its first and last in a bucket can be missed: the counts are a lower bound, never invented.
 */
export function findSequences(
  series: readonly TimelineSeries[],
  windowMs: number = SEQUENCE_WINDOW_MS,
): SequenceJson[] {
  const top = [...series]
    .filter((s) => s.timeline.buckets.length > 0)
    .sort((a, b) => b.hits - a.hits || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, SEQUENCE_MAX_CODES);
  // Each series is needed at only a few widths (the widths of the others): coarsen and index it once per width,
  // not once per pair (400 pairs of histograms of up to thousands of buckets each).
  type Coarse = { buckets: TimelineJson['buckets']; byStart: Map<number, TimelineJson['buckets'][number]> };
  const coarse = new Map<TimelineSeries, Map<number, Coarse>>();
  const at = (s: TimelineSeries, res: number): Coarse => {
    let widths = coarse.get(s);
    if (widths === undefined) coarse.set(s, (widths = new Map<number, Coarse>()));
    let c = widths.get(res);
    if (c === undefined) {
      const buckets = coarsenTimeline(s.timeline, res).buckets;
      c = { buckets, byStart: new Map(buckets.map((b) => [b[0], b] as const)) };
      widths.set(res, c);
    }
    return c;
  };
  const found: SequenceJson[] = [];
  for (const from of top) {
    for (const to of top) {
      if (from === to) continue;
      const res = Math.max(from.timeline.resolutionMs, to.timeline.resolutionMs);
      const f = at(from, res).byStart;
      const toBuckets = at(to, res).buckets;
      let count = 0;
      for (const b of toBuckets) {
        const t = b[2];
        let near: number | undefined;
        const same = f.get(b[0]);
        if (same !== undefined) {
          if (same[3] < t) near = same[3];
          else if (same[2] < t) near = same[2];
        }
        if (near === undefined) near = f.get(b[0] - res)?.[3];
        if (near !== undefined && t - near <= windowMs) count++;
      }
      if (count >= 2 && count * 2 >= toBuckets.length) {
        found.push({ from: from.key, to: to.key, fromCode: from.code, toCode: to.code, count, outOf: toBuckets.length, bucketMs: res, windowMs });
      }
    }
  }
  return found
    .sort((a, b) => b.count - a.count || cmp(a.from, b.from) || cmp(a.to, b.to))
    .slice(0, MAX_SEQUENCES);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Hits per display bucket for a few series over a common, fixed number of buckets. */
export interface DisplayTimeline {
  /** Start of each bucket, epoch ms; at most the requested bucket count, fewer when the span is shorter. */
  readonly starts: readonly number[];
  readonly widthMs: number;
  readonly rows: readonly { readonly key: string; readonly code: string; readonly counts: readonly number[] }[];
}

/** Default number of buckets in the rendered timeline. */
export const DISPLAY_BUCKETS = 24;

/**
 * Re-buckets series into at most `count` buckets covering all their hits (fewer when the hits span fewer
 * histogram units: a 15-second log gets one bucket, not 23 empty ones after it). The width is a multiple of every
 * series' own width and buckets align to it, so each histogram bucket falls inside one display bucket: the
 * display counts are exact sums. Null when no series has a timed hit.
 */
export function displayTimeline(series: readonly TimelineSeries[], count: number = DISPLAY_BUCKETS): DisplayTimeline | null {
  const timed = series.filter((s) => s.timeline.buckets.length > 0);
  if (timed.length === 0) return null;
  const res = Math.max(...timed.map((s) => s.timeline.resolutionMs));
  let min = Infinity;
  let max = -Infinity;
  for (const s of timed) {
    for (const b of s.timeline.buckets) {
      min = Math.min(min, b[2]);
      max = Math.max(max, b[3]);
    }
  }
  const origin = bucketStart(min, res);
  const spanUnits = Math.floor((max - origin) / res) + 1;
  const widthMs = res * Math.max(1, Math.ceil(spanUnits / count));
  const used = Math.min(count, Math.ceil((spanUnits * res) / widthMs));
  const starts = Array.from({ length: used }, (_, i) => origin + i * widthMs);
  const rows = timed.map((s) => {
    const counts = new Array<number>(used).fill(0);
    for (const b of s.timeline.buckets) {
      const i = Math.floor((b[0] - origin) / widthMs);
      counts[i] = (counts[i] ?? 0) + b[1];
    }
    return { key: s.key, code: s.code, counts };
  });
  return { starts, widthMs, rows };
}
