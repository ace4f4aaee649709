/**
 * The summary as data: its JSON shape (schemaVersion 1), a strict validator for summaries read back from files,
 * and the merge that combines summaries of shards, devices or machines.
 *
 * Everything in a summary is either additive (counts, accounting), a min/max (first/last seen, span), a bounded
 * deterministic choice (samples: first, last, smallest hash ranks) or derived from those (peaks, bursts,
 * sequences). That is what makes {@link mergeSummaries} associative and commutative, and
 * `merge(summary(A), summary(B))` equal to `summary(A then B)`.
 */
import type { LineAccounting } from '../types.js';
import {
  type BurstJson,
  type PeakJson,
  type SequenceJson,
  type TimelineBucket,
  type TimelineJson,
  DEFAULT_BUCKET_CAP,
  findBursts,
  findSequences,
  isResolution,
  mergeTimelines,
  peakOf,
} from './timeline.js';

/** The version of the summary JSON shape; bumped on any incompatible change. */
export const SUMMARY_SCHEMA_VERSION = 1;
/** Marks a JSON document as an errlens summary. */
export const SUMMARY_KIND = 'errlens-summary';
/** At most this many distinct tags (and processes) are counted by name per code; the rest count as "other". */
export const NAME_COUNT_CAP = 100;
/** At most this many distinct time assumptions are kept (the first in sort order). */
export const TIME_ASSUMPTION_CAP = 20;

/** One input file as the CLI saw it. */
export interface SummaryInputJson {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

/** The options the summary was made with. */
export interface SummaryOptionsJson {
  /** Samples kept per code (first, last and the rest between). */
  readonly sampleLimit: number;
  /** Lines of context kept before and after each sample. */
  readonly contextLines: number;
  /** True when sample lines were redacted. */
  readonly redacted: boolean;
}

/** A record kept as an example of a code. */
export interface SampleJson {
  /** "first" and "last" by time (then source, line); "between": the smallest hash ranks of the rest. */
  readonly role: 'first' | 'last' | 'between';
  readonly source: string;
  readonly line: number;
  /** Epoch ms, or null when the record had no time. */
  readonly time: number | null;
  /** 32-bit FNV-1a hash of source, line and text: the deterministic choice of "between" samples. */
  readonly rank: number;
  readonly text: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/** A name (tag or process) and how many hits carried it. */
export interface NameCountJson {
  readonly name: string;
  readonly count: number;
}

/** What the catalogue says about a code: copied in so a summary renders without the catalogue. */
export interface EntryJson {
  readonly id: string;
  readonly code: string;
  readonly module: string;
  readonly title: string;
  readonly kit: string | null;
  readonly pageTitle: string;
  readonly message: string;
  readonly description: string;
  readonly causes: readonly string[];
  readonly solutions: readonly string[];
  readonly reference: { readonly page: string; readonly anchor: string };
}

/** One of the entries an ambiguous hit could stand for. */
export interface CandidateJson {
  readonly id: string;
  readonly module: string;
  readonly title: string;
}

/** How a code group was identified: one catalogue entry, several candidates, or none. */
export type CodeKind = 'code' | 'ambiguous' | 'unknown';

/** Everything counted for one code (one catalogue entry, one ambiguous candidate set, or one unknown code). */
export interface CodeSummaryJson {
  /** Unique: the entry id for "code"; "ambiguous:<code>:<id>,<id>…"; "unknown:<code>". */
  readonly key: string;
  readonly kind: CodeKind;
  readonly code: string;
  readonly hits: number;
  /** Records holding at least one hit of this code. */
  readonly records: number;
  /** Hits in records without a time: counted, but in no timeline. */
  readonly untimedHits: number;
  readonly firstSeen: number | null;
  readonly lastSeen: number | null;
  readonly peak: PeakJson | null;
  readonly bursts: readonly BurstJson[];
  readonly timeline: TimelineJson;
  /** Most hits first, at most {@link NAME_COUNT_CAP}; hits whose tag did not fit count in `tagsOther`. */
  readonly tags: readonly NameCountJson[];
  readonly tagsOther: number;
  readonly processes: readonly NameCountJson[];
  readonly processesOther: number;
  /** In order: first, between…, last. */
  readonly samples: readonly SampleJson[];
  /** For kind "code". */
  readonly entry?: EntryJson;
  /** For kind "ambiguous", sorted by id. */
  readonly candidates?: readonly CandidateJson[];
  /** For kind "unknown", when the number belongs to a known family. */
  readonly family?: string;
}

/** A summary of one or more inputs: see the README section "Summary JSON". */
export interface SummaryJson {
  readonly schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  readonly kind: typeof SUMMARY_KIND;
  readonly options: SummaryOptionsJson;
  readonly inputs: readonly SummaryInputJson[];
  readonly catalogueVersions: readonly string[];
  readonly timeAssumptions: readonly string[];
  /** First and last time of any record (with or without hits); null when no record had a time. */
  readonly span: { readonly first: number; readonly last: number } | null;
  readonly accounting: LineAccounting;
  /** Most hits first, then by key. */
  readonly codes: readonly CodeSummaryJson[];
  readonly sequences: readonly SequenceJson[];
}

/** Orders strings by UTF-16 code units, the same everywhere (no locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a sample stands: what orders samples. */
export interface SamplePosition {
  readonly time: number | null;
  readonly source: string;
  readonly line: number;
}

/** Sample order: by time (timeless last), then source, then line. "first" is the least, "last" the greatest. */
export function compareSamplePosition(a: SamplePosition, b: SamplePosition): number {
  const ta = a.time ?? Infinity;
  const tb = b.time ?? Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareStrings(a.source, b.source) || a.line - b.line;
}

/** "between" order: smallest rank first, position breaking ties. */
export function compareSampleRank(a: SamplePosition & { readonly rank: number }, b: SamplePosition & { readonly rank: number }): number {
  return a.rank - b.rank || compareSamplePosition(a, b);
}

/**
 * Chooses the samples to keep from candidates: the first, the last, and the `limit - 2` smallest ranks of the
 * rest. Given the kept samples of two summaries, it picks what it would have picked from all their records.
 */
export function chooseSamples(candidates: readonly SampleJson[], limit: number): SampleJson[] {
  const unique = new Map<string, SampleJson>();
  for (const s of candidates) {
    const id = `${s.source}\u0000${s.line}\u0000${s.time ?? ''}`;
    const cur = unique.get(id);
    if (cur === undefined || compareSampleRank(s, cur) < 0) unique.set(id, s);
  }
  const all = [...unique.values()].sort(compareSamplePosition);
  const first = all[0];
  if (first === undefined || limit <= 0) return [];
  if (limit === 1 || all.length === 1) return [{ ...first, role: 'first' }];
  const last = all[all.length - 1] ?? first;
  const between = all
    .slice(1, -1)
    .sort(compareSampleRank)
    .slice(0, limit - 2)
    .sort(compareSamplePosition)
    .map((s): SampleJson => ({ ...s, role: 'between' }));
  return [{ ...first, role: 'first' }, ...between, { ...last, role: 'last' }];
}

/** Sorts names by count (most first), keeps `cap`, folds the rest into `other`. */
export function capNameCounts(
  counts: Iterable<readonly [string, number]>,
  other: number,
  cap: number = NAME_COUNT_CAP,
): { list: NameCountJson[]; other: number } {
  const sorted = [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || compareStrings(a.name, b.name));
  let rest = other;
  for (const x of sorted.slice(cap)) rest += x.count;
  return { list: sorted.slice(0, cap), other: rest };
}

/** The fields of a code derived from its histogram: first/last seen, peak, bursts. */
export function derivedFromTimeline(
  timeline: TimelineJson,
): Pick<CodeSummaryJson, 'firstSeen' | 'lastSeen' | 'peak' | 'bursts'> {
  const b = timeline.buckets;
  const head: TimelineBucket | undefined = b[0];
  const tail: TimelineBucket | undefined = b[b.length - 1];
  return {
    firstSeen: head === undefined ? null : Math.min(...b.map((x) => x[2])),
    lastSeen: tail === undefined ? null : Math.max(...b.map((x) => x[3])),
    peak: peakOf(timeline),
    bursts: findBursts(timeline),
  };
}

/** Most hits first, then by key: the order of every table. */
export function compareCodes(a: CodeSummaryJson, b: CodeSummaryJson): number {
  return b.hits - a.hits || compareStrings(a.key, b.key);
}

/** Sorted, de-duplicated. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** Completes a summary from its parts: sorts codes and recomputes sequences. */
export function finishSummary(parts: Omit<SummaryJson, 'sequences'>): SummaryJson {
  const codes = [...parts.codes].sort(compareCodes);
  return {
    ...parts,
    codes,
    sequences: findSequences(codes.map((c) => ({ key: c.key, code: c.code, hits: c.hits, timeline: c.timeline }))),
  };
}

function pickStable<T>(a: T, b: T): T {
  return JSON.stringify(a) <= JSON.stringify(b) ? a : b;
}

function mergeNames(
  a: readonly NameCountJson[],
  aOther: number,
  b: readonly NameCountJson[],
  bOther: number,
): { list: NameCountJson[]; other: number } {
  const map = new Map<string, number>();
  for (const x of [...a, ...b]) map.set(x.name, (map.get(x.name) ?? 0) + x.count);
  return capNameCounts(map, aOther + bOther);
}

function mergeCode(a: CodeSummaryJson, b: CodeSummaryJson, sampleLimit: number): CodeSummaryJson {
  const timeline = mergeTimelines(a.timeline, b.timeline, DEFAULT_BUCKET_CAP);
  const tags = mergeNames(a.tags, a.tagsOther, b.tags, b.tagsOther);
  const processes = mergeNames(a.processes, a.processesOther, b.processes, b.processesOther);
  const out: CodeSummaryJson = {
    key: a.key,
    kind: a.kind,
    code: a.code,
    hits: a.hits + b.hits,
    records: a.records + b.records,
    untimedHits: a.untimedHits + b.untimedHits,
    ...derivedFromTimeline(timeline),
    timeline,
    tags: tags.list,
    tagsOther: tags.other,
    processes: processes.list,
    processesOther: processes.other,
    samples: chooseSamples([...a.samples, ...b.samples], sampleLimit),
  };
  const entry = a.entry !== undefined && b.entry !== undefined ? pickStable(a.entry, b.entry) : (a.entry ?? b.entry);
  const candidates = a.candidates ?? b.candidates;
  const family =
    a.family !== undefined && b.family !== undefined
      ? (compareStrings(a.family, b.family) <= 0 ? a.family : b.family)
      : (a.family ?? b.family);
  return {
    ...out,
    ...(entry === undefined ? {} : { entry }),
    ...(candidates === undefined ? {} : { candidates }),
    ...(family === undefined ? {} : { family }),
  };
}

function compareInputs(a: SummaryInputJson, b: SummaryInputJson): number {
  return compareStrings(a.name, b.name) || compareStrings(a.sha256, b.sha256) || a.size - b.size;
}

/** Sorts inputs so that merge order does not show. */
export function sortInputs(inputs: readonly SummaryInputJson[]): SummaryInputJson[] {
  return [...inputs].sort(compareInputs);
}

/**
 * Combines two summaries: counts and accounting add, first/last seen and the span take min/max, histograms merge
 * exactly, samples are re-chosen deterministically, derived figures are recomputed. Associative and
 * commutative; `mergeSummaries(summary(A), summary(B))` equals the summary of A's records then B's in everything
 * but the context lines around samples at the seam. Options: the larger sample limit and context, and
 * `redacted` only when both were.
 */
export function mergeSummaries(a: SummaryJson, b: SummaryJson): SummaryJson {
  const options: SummaryOptionsJson = {
    sampleLimit: Math.max(a.options.sampleLimit, b.options.sampleLimit),
    contextLines: Math.max(a.options.contextLines, b.options.contextLines),
    redacted: a.options.redacted && b.options.redacted,
  };
  const byKey = new Map<string, CodeSummaryJson>();
  for (const c of [...a.codes, ...b.codes]) {
    const cur = byKey.get(c.key);
    byKey.set(c.key, cur === undefined ? { ...c, samples: chooseSamples(c.samples, options.sampleLimit) } : mergeCode(cur, c, options.sampleLimit));
  }
  const acc = (k: keyof LineAccounting): number => a.accounting[k] + b.accounting[k];
  const span =
    a.span === null
      ? b.span
      : b.span === null
        ? a.span
        : { first: Math.min(a.span.first, b.span.first), last: Math.max(a.span.last, b.span.last) };
  return finishSummary({
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    kind: SUMMARY_KIND,
    options,
    inputs: sortInputs([...a.inputs, ...b.inputs]),
    catalogueVersions: sortedUnique([...a.catalogueVersions, ...b.catalogueVersions]),
    timeAssumptions: sortedUnique([...a.timeAssumptions, ...b.timeAssumptions]).slice(0, TIME_ASSUMPTION_CAP),
    span,
    accounting: {
      linesRead: acc('linesRead'),
      linesWithHits: acc('linesWithHits'),
      linesWithoutHits: acc('linesWithoutHits'),
      linesTooLong: acc('linesTooLong'),
      linesUndecodable: acc('linesUndecodable'),
      records: acc('records'),
      recordsWithHits: acc('recordsWithHits'),
      hits: acc('hits'),
    },
    codes: [...byKey.values()],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Strict validation of summaries read from files.

/** A summary document failed validation; `path` names the offending field, e.g. "codes[3].hits". */
export class SummaryShapeError extends Error {
  constructor(readonly path: string, what: string) {
    super(`${path}: ${what}`);
    this.name = 'SummaryShapeError';
  }
}

type Obj = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new SummaryShapeError(path, what);
}

function object(v: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) fail(path, 'expected a plain object');
  const o = v as Obj;
  for (const k of Object.keys(o)) {
    if (!required.includes(k) && !optional.includes(k)) fail(`${path}.${k}`, 'unexpected field');
  }
  for (const k of required) if (!Object.prototype.hasOwnProperty.call(o, k)) fail(`${path}.${k}`, 'missing');
  return o;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'expected an array');
  return v as unknown[];
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'expected a string');
  return v;
}

function strOrNull(v: unknown, path: string): string | null {
  return v === null ? null : str(v, path);
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'expected a boolean');
  return v;
}

/** Finite number (times may be negative or fractional in hand-made files, but never NaN or Infinity). */
function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'expected a finite number');
  return v;
}

function numOrNull(v: unknown, path: string): number | null {
  return v === null ? null : num(v, path);
}

function count(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(path, 'expected a non-negative integer');
  return v;
}

function strings(v: unknown, path: string): string[] {
  return array(v, path).map((x, i) => str(x, `${path}[${i}]`));
}

function nameCounts(v: unknown, path: string): NameCountJson[] {
  return array(v, path).map((x, i) => {
    const o = object(x, `${path}[${i}]`, ['name', 'count']);
    return { name: str(o.name, `${path}[${i}].name`), count: count(o.count, `${path}[${i}].count`) };
  });
}

function timeline(v: unknown, path: string): TimelineJson {
  const o = object(v, path, ['resolutionMs', 'buckets']);
  const resolutionMs = count(o.resolutionMs, `${path}.resolutionMs`);
  if (!isResolution(resolutionMs)) fail(`${path}.resolutionMs`, 'expected 60000 × a power of two');
  const buckets = array(o.buckets, `${path}.buckets`).map((x, i): TimelineBucket => {
    const p = `${path}.buckets[${i}]`;
    const a = array(x, p);
    if (a.length !== 4) fail(p, 'expected [start, count, first, last]');
    const start = num(a[0], `${p}[0]`);
    const first = num(a[2], `${p}[2]`);
    const last = num(a[3], `${p}[3]`);
    if (start % resolutionMs !== 0 || first < start || last < first || last >= start + resolutionMs) {
      fail(p, 'bucket times do not fit the bucket');
    }
    return [start, count(a[1], `${p}[1]`), first, last];
  });
  buckets.forEach((b, i) => {
    const prev = buckets[i - 1];
    if (prev !== undefined && prev[0] >= b[0]) fail(`${path}.buckets[${i}]`, 'buckets are not in ascending order');
  });
  return { resolutionMs, buckets };
}

function sample(v: unknown, path: string): SampleJson {
  const o = object(v, path, ['role', 'source', 'line', 'time', 'rank', 'text', 'before', 'after']);
  const role = str(o.role, `${path}.role`);
  if (role !== 'first' && role !== 'last' && role !== 'between') fail(`${path}.role`, 'expected first, last or between');
  return {
    role,
    source: str(o.source, `${path}.source`),
    line: count(o.line, `${path}.line`),
    time: numOrNull(o.time, `${path}.time`),
    rank: count(o.rank, `${path}.rank`),
    text: str(o.text, `${path}.text`),
    before: strings(o.before, `${path}.before`),
    after: strings(o.after, `${path}.after`),
  };
}

function entry(v: unknown, path: string): EntryJson {
  const keys = ['id', 'code', 'module', 'title', 'kit', 'pageTitle', 'message', 'description', 'causes', 'solutions', 'reference'];
  const o = object(v, path, keys);
  const ref = object(o.reference, `${path}.reference`, ['page', 'anchor']);
  return {
    id: str(o.id, `${path}.id`),
    code: str(o.code, `${path}.code`),
    module: str(o.module, `${path}.module`),
    title: str(o.title, `${path}.title`),
    kit: strOrNull(o.kit, `${path}.kit`),
    pageTitle: str(o.pageTitle, `${path}.pageTitle`),
    message: str(o.message, `${path}.message`),
    description: str(o.description, `${path}.description`),
    causes: strings(o.causes, `${path}.causes`),
    solutions: strings(o.solutions, `${path}.solutions`),
    reference: { page: str(ref.page, `${path}.reference.page`), anchor: str(ref.anchor, `${path}.reference.anchor`) },
  };
}

function code(v: unknown, path: string): CodeSummaryJson {
  const o = object(
    v,
    path,
    ['key', 'kind', 'code', 'hits', 'records', 'untimedHits', 'firstSeen', 'lastSeen', 'peak', 'bursts', 'timeline',
      'tags', 'tagsOther', 'processes', 'processesOther', 'samples'],
    ['entry', 'candidates', 'family'],
  );
  const kind = str(o.kind, `${path}.kind`);
  if (kind !== 'code' && kind !== 'ambiguous' && kind !== 'unknown') fail(`${path}.kind`, 'expected code, ambiguous or unknown');
  if ((kind === 'code') !== (o.entry !== undefined)) fail(`${path}.entry`, 'required for kind "code" only');
  if ((kind === 'ambiguous') !== (o.candidates !== undefined)) fail(`${path}.candidates`, 'required for kind "ambiguous" only');
  if (kind !== 'unknown' && o.family !== undefined) fail(`${path}.family`, 'allowed for kind "unknown" only');
  const t = timeline(o.timeline, `${path}.timeline`);
  const hits = count(o.hits, `${path}.hits`);
  const untimedHits = count(o.untimedHits, `${path}.untimedHits`);
  const timed = t.buckets.reduce((n, b) => n + b[1], 0);
  if (timed + untimedHits !== hits) fail(`${path}.hits`, 'does not equal timeline hits + untimedHits');
  if (o.peak !== null) {
    const p = object(o.peak, `${path}.peak`, ['count', 'windowMs', 'at']);
    count(p.count, `${path}.peak.count`);
    count(p.windowMs, `${path}.peak.windowMs`);
    num(p.at, `${path}.peak.at`);
  }
  array(o.bursts, `${path}.bursts`).forEach((x, i) => {
    const b = object(x, `${path}.bursts[${i}]`, ['start', 'end', 'hits']);
    num(b.start, `${path}.bursts[${i}].start`);
    num(b.end, `${path}.bursts[${i}].end`);
    count(b.hits, `${path}.bursts[${i}].hits`);
  });
  numOrNull(o.firstSeen, `${path}.firstSeen`);
  numOrNull(o.lastSeen, `${path}.lastSeen`);
  const out: CodeSummaryJson = {
    key: str(o.key, `${path}.key`),
    kind,
    code: str(o.code, `${path}.code`),
    hits,
    records: count(o.records, `${path}.records`),
    untimedHits,
    // Derived fields are recomputed rather than trusted.
    ...derivedFromTimeline(t),
    timeline: t,
    tags: nameCounts(o.tags, `${path}.tags`),
    tagsOther: count(o.tagsOther, `${path}.tagsOther`),
    processes: nameCounts(o.processes, `${path}.processes`),
    processesOther: count(o.processesOther, `${path}.processesOther`),
    samples: array(o.samples, `${path}.samples`).map((x, i) => sample(x, `${path}.samples[${i}]`)),
  };
  const candidates =
    o.candidates === undefined
      ? undefined
      : array(o.candidates, `${path}.candidates`).map((x, i): CandidateJson => {
          const c = object(x, `${path}.candidates[${i}]`, ['id', 'module', 'title']);
          return { id: str(c.id, `${path}.candidates[${i}].id`), module: str(c.module, `${path}.candidates[${i}].module`), title: str(c.title, `${path}.candidates[${i}].title`) };
        });
  return {
    ...out,
    ...(o.entry === undefined ? {} : { entry: entry(o.entry, `${path}.entry`) }),
    ...(candidates === undefined ? {} : { candidates }),
    ...(o.family === undefined ? {} : { family: str(o.family, `${path}.family`) }),
  };
}

const ACCOUNTING_KEYS = [
  'linesRead', 'linesWithHits', 'linesWithoutHits', 'linesTooLong', 'linesUndecodable', 'records', 'recordsWithHits', 'hits',
] as const;

/**
 * Checks that `value` is a summary of this schema version, field by field, rejecting unknown fields, and returns
 * it rebuilt from the checked fields (derived figures recomputed). Throws {@link SummaryShapeError}.
 */
export function validateSummary(value: unknown): SummaryJson {
  const o = object(value, '$', [
    'schemaVersion', 'kind', 'options', 'inputs', 'catalogueVersions', 'timeAssumptions', 'span', 'accounting', 'codes', 'sequences',
  ]);
  if (o.kind !== SUMMARY_KIND) fail('$.kind', `expected "${SUMMARY_KIND}"`);
  if (o.schemaVersion !== SUMMARY_SCHEMA_VERSION) fail('$.schemaVersion', `expected ${SUMMARY_SCHEMA_VERSION}`);
  const opt = object(o.options, '$.options', ['sampleLimit', 'contextLines', 'redacted']);
  const inputs = array(o.inputs, '$.inputs').map((x, i) => {
    const p = object(x, `$.inputs[${i}]`, ['name', 'size', 'sha256']);
    return { name: str(p.name, `$.inputs[${i}].name`), size: count(p.size, `$.inputs[${i}].size`), sha256: str(p.sha256, `$.inputs[${i}].sha256`) };
  });
  let span: SummaryJson['span'] = null;
  if (o.span !== null) {
    const s = object(o.span, '$.span', ['first', 'last']);
    span = { first: num(s.first, '$.span.first'), last: num(s.last, '$.span.last') };
    if (span.last < span.first) fail('$.span', 'last is before first');
  }
  const a = object(o.accounting, '$.accounting', ACCOUNTING_KEYS);
  const accounting = Object.fromEntries(ACCOUNTING_KEYS.map((k) => [k, count(a[k], `$.accounting.${k}`)])) as unknown as LineAccounting;
  const codes = array(o.codes, '$.codes').map((x, i) => code(x, `$.codes[${i}]`));
  const keys = new Set<string>();
  codes.forEach((c, i) => {
    if (keys.has(c.key)) fail(`$.codes[${i}].key`, 'duplicate key');
    keys.add(c.key);
  });
  array(o.sequences, '$.sequences');
  return finishSummary({
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    kind: SUMMARY_KIND,
    options: {
      sampleLimit: count(opt.sampleLimit, '$.options.sampleLimit'),
      contextLines: count(opt.contextLines, '$.options.contextLines'),
      redacted: bool(opt.redacted, '$.options.redacted'),
    },
    inputs,
    catalogueVersions: strings(o.catalogueVersions, '$.catalogueVersions'),
    timeAssumptions: strings(o.timeAssumptions, '$.timeAssumptions'),
    span,
    accounting,
    codes,
  });
}

/** Keys that could reach an object's prototype if a consumer copied parsed data carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses summary JSON text and validates it. Rejects prototype-polluting keys anywhere in the document.
 * Throws SyntaxError for bad JSON and {@link SummaryShapeError} for a wrong shape.
 */
export function parseSummary(text: string): SummaryJson {
  const value: unknown = JSON.parse(text, function reviver(key: string, v: unknown) {
    if (FORBIDDEN_KEYS.has(key)) throw new SummaryShapeError(key, 'forbidden key');
    return v;
  });
  return validateSummary(value);
}
