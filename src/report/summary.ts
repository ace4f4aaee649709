/**
 * The summary accumulator: every record goes in, a {@link SummaryJson} comes out.
 *
 * Memory is bounded by the number of distinct codes (times the sample limit and the histogram cap) and the number
 * of sources, never by the number of lines: per code it keeps counts, a capped histogram, capped tag and process
 * counts and at most `sampleLimit + 2` samples; per source, the last `contextLines` record texts (for context
 * before a sample) and the samples still waiting for their context after.
 */
import { DEFAULT_CONTEXT_LINES } from './context-lines.js';
import type { CatalogueEntry, Hit, LineAccounting, LogRecord } from '../types.js';
import { redactText } from './redact.js';
import {
  type CandidateJson,
  type CodeKind,
  type CodeSummaryJson,
  type EntryJson,
  type SampleJson,
  type SamplePosition,
  type SummaryInputJson,
  type SummaryJson,
  NAME_COUNT_CAP,
  SUMMARY_KIND,
  SUMMARY_SCHEMA_VERSION,
  TIME_ASSUMPTION_CAP,
  capNameCounts,
  chooseSamples,
  compareSamplePosition,
  compareSampleRank,
  compareStrings,
  derivedFromTimeline,
  finishSummary,
  sortInputs,
  sortedUnique,
} from './summary-json.js';
import { TimelineAccumulator } from './timeline.js';

/** Options of {@link createSummary}. */
export interface SummaryOptions {
  /** Samples kept per code: the first, the last and the rest between. Default 3. */
  readonly sampleLimit?: number;
  /** Records of context kept before and after each sample. Default 1. */
  readonly contextLines?: number;
  /** Mask addresses, ids and secrets in sample lines. Default true. Counts are never affected. */
  readonly redact?: boolean;
}

/** Accumulates a summary of records; see {@link createSummary}. */
export interface SummaryAccumulator {
  /** Records an input file (name, byte size, SHA-256 hex). */
  addInput(input: SummaryInputJson): void;
  /** Counts a record, with or without hits. Call it for every record, in input order, so context can be kept. */
  addRecord(record: LogRecord): void;
  /** Sets the line accounting from the reader; without it, an accounting derived from the records is used. */
  setAccounting(accounting: LineAccounting): void;
  /** Records the catalogue version hits were annotated from. */
  setCatalogue(catalogue: { readonly version: string }): void;
  /** Records how incomplete times were completed, e.g. "year=2026 (file mtime), zone=local (+08:00)". */
  setTimeAssumption(text: string): void;
  /** The summary so far. Can be called more than once. */
  toJSON(): SummaryJson;
}

/** Longest sample text kept (a folded stack trace can be long); the rest is cut and marked. */
export const MAX_SAMPLE_CHARS = 2_000;
/** Longest context line kept. */
export const MAX_CONTEXT_CHARS = 300;
/** Characters of a record that feed its sample rank: enough to tell records apart, bounded in cost. */
const RANK_CHARS = 512;

/**
 * A copy of `text` that shares no memory with the string it came from. Line splitters hand out slices of the
 * chunk they read, and V8 keeps the whole chunk alive while a slice lives: a kept sample must not pin 64 KiB.
 * Concatenating then slicing forces V8 to flatten into a new string of the text's own size.
 */
function detach(text: string): string {
  return `${text} `.slice(0, -1);
}

function cut(text: string, max: number): string {
  return detach(text.length <= max ? text : `${text.slice(0, max)}…`);
}

/** 32-bit FNV-1a over source, line and the start of the text: a stable, order-independent sample rank. */
export function sampleRank(source: string, line: number, text: string): number {
  let h = 0x811c9dc5;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  feed(source);
  feed(`\u0000${line}\u0000`);
  feed(text.length > RANK_CHARS ? text.slice(0, RANK_CHARS) : text);
  return h >>> 0;
}

interface MutableSample {
  readonly source: string;
  readonly line: number;
  readonly time: number | null;
  readonly rank: number;
  readonly text: string;
  readonly before: readonly string[];
  readonly after: string[];
}

interface SourceState {
  /** The last `contextLines` record texts, oldest first. */
  previous: string[];
  /** Samples still collecting context after them. */
  pending: MutableSample[];
}

interface CodeState {
  readonly key: string;
  readonly kind: CodeKind;
  readonly code: string;
  readonly entry?: EntryJson;
  readonly candidates?: readonly CandidateJson[];
  family?: string;
  hits: number;
  records: number;
  untimedHits: number;
  readonly timeline: TimelineAccumulator;
  readonly tags: Map<string, number>;
  tagsOther: number;
  readonly processes: Map<string, number>;
  processesOther: number;
  first?: MutableSample;
  last?: MutableSample;
  /** The `sampleLimit` smallest ranks seen, sorted. */
  readonly reservoir: MutableSample[];
}

function entryJson(e: CatalogueEntry): EntryJson {
  return {
    id: e.id,
    code: e.code,
    module: e.module,
    title: e.title,
    kit: e.kit,
    pageTitle: e.page.title,
    message: e.message,
    description: e.description,
    causes: [...e.causes],
    solutions: [...e.solutions],
    reference: { page: e.reference.page, anchor: e.reference.anchor },
  };
}

/** How a hit is grouped: by catalogue entry, by code and candidate set, or as an unknown code. */
function groupOf(hit: Hit): { key: string; kind: CodeKind } {
  if (hit.entry !== undefined) return { key: hit.entry.id, kind: 'code' };
  if (hit.candidates !== undefined && hit.candidates.length > 0) {
    const ids = hit.candidates.map((c) => c.id).sort(compareStrings);
    return { key: `ambiguous:${hit.code}:${ids.join(',')}`, kind: 'ambiguous' };
  }
  return { key: `unknown:${hit.code}`, kind: 'unknown' };
}

function countName(map: Map<string, number>, name: string | undefined, n: number): boolean {
  if (name === undefined) return true;
  const cur = map.get(name);
  if (cur !== undefined) map.set(name, cur + n);
  else if (map.size < NAME_COUNT_CAP) map.set(name, n);
  else return false;
  return true;
}

/** Default of `contextLines`: one record of context before and after each sample. */
export { DEFAULT_CONTEXT_LINES };

/**
 * Creates a summary accumulator.
 *
 * Samples: per code, the first and the last record (by time, then source and line) and, between them, those with
 * the smallest {@link sampleRank}: a deterministic choice that merging summaries reproduces.
 * Context is the text of the `contextLines` records before and after a sample in the same source.
 */
export function createSummary(options: SummaryOptions = {}): SummaryAccumulator {
  const sampleLimit = Math.max(0, Math.floor(options.sampleLimit ?? 3));
  const contextLines = Math.max(0, Math.floor(options.contextLines ?? DEFAULT_CONTEXT_LINES));
  const redact = options.redact ?? true;

  const inputs: SummaryInputJson[] = [];
  const catalogueVersions = new Set<string>();
  const timeAssumptions = new Set<string>();
  let lastAssumption: string | undefined;
  const sources = new Map<string, SourceState>();
  const codes = new Map<string, CodeState>();
  let spanFirst = Infinity;
  let spanLast = -Infinity;
  let accounting: LineAccounting | undefined;
  // Accounting derived from records, used when the reader does not provide one.
  const derived: LineAccounting = {
    linesRead: 0, linesWithHits: 0, linesWithoutHits: 0, linesTooLong: 0, linesUndecodable: 0, records: 0, recordsWithHits: 0, hits: 0,
  };

  function addTimeAssumption(text: string): void {
    if (timeAssumptions.has(text)) return;
    timeAssumptions.add(text);
    // Keep the first ones in sort order, as merge does, so the set stays bounded and merges exactly.
    if (timeAssumptions.size > TIME_ASSUMPTION_CAP) {
      const keep = sortedUnique(timeAssumptions).slice(0, TIME_ASSUMPTION_CAP);
      timeAssumptions.clear();
      for (const t of keep) timeAssumptions.add(t);
    }
  }

  function stateFor(hit: Hit): CodeState {
    const { key, kind } = groupOf(hit);
    let s = codes.get(key);
    if (s === undefined) {
      s = {
        key,
        kind,
        code: hit.code,
        ...(hit.entry === undefined ? {} : { entry: entryJson(hit.entry) }),
        ...(kind === 'ambiguous'
          ? {
              candidates: (hit.candidates ?? [])
                .map((c) => ({ id: c.id, module: c.module, title: c.title }))
                .sort((a, b) => compareStrings(a.id, b.id)),
            }
          : {}),
        hits: 0,
        records: 0,
        untimedHits: 0,
        timeline: new TimelineAccumulator(),
        tags: new Map(),
        tagsOther: 0,
        processes: new Map(),
        processesOther: 0,
        reservoir: [],
      };
      codes.set(key, s);
    }
    if (kind === 'unknown' && hit.family !== undefined && (s.family === undefined || compareStrings(hit.family, s.family) < 0)) {
      s.family = hit.family;
    }
    return s;
  }

  function offerSample(s: CodeState, record: LogRecord, source: SourceState, time: number | null, rank: number): void {
    // Plain objects with a fixed shape, no spreads: this runs for every hit.
    const pos: SamplePosition & { readonly rank: number } = { time, source: record.source, line: record.line, rank };
    const isFirst = s.first === undefined || compareSamplePosition(pos, s.first) < 0;
    const isLast = s.last === undefined || compareSamplePosition(pos, s.last) > 0;
    const worst = s.reservoir[s.reservoir.length - 1];
    const inReservoir =
      sampleLimit > 0 && (s.reservoir.length < sampleLimit || worst === undefined || compareSampleRank(pos, worst) < 0);
    if (!isFirst && !isLast && !inReservoir) return;
    const sample: MutableSample = {
      time,
      source: record.source,
      line: record.line,
      rank,
      text: cut(record.text, MAX_SAMPLE_CHARS),
      before: source.previous.length === 0 ? [] : source.previous.map(detach),
      after: [],
    };
    if (contextLines > 0) source.pending.push(sample);
    if (isFirst) s.first = sample;
    if (isLast) s.last = sample;
    if (inReservoir) {
      s.reservoir.push(sample);
      s.reservoir.sort(compareSampleRank);
      if (s.reservoir.length > sampleLimit) s.reservoir.pop();
    }
  }

  function countHits(s: CodeState, n: number, record: LogRecord, source: SourceState, time: number | null, rank: number): void {
    s.hits += n;
    s.records++;
    if (time === null) s.untimedHits += n;
    else s.timeline.add(time, n);
    if (!countName(s.tags, record.fields.tag, n)) s.tagsOther += n;
    if (!countName(s.processes, record.fields.process, n)) s.processesOther += n;
    offerSample(s, record, source, time, rank);
  }

  function toSample(m: MutableSample): SampleJson {
    const clean = redact ? redactText : (t: string): string => t;
    return {
      role: 'between',
      source: m.source,
      line: m.line,
      time: m.time,
      rank: m.rank,
      text: clean(m.text),
      before: m.before.map(clean),
      after: m.after.map(clean),
    };
  }

  function codeJson(s: CodeState): CodeSummaryJson {
    const timeline = s.timeline.toJSON();
    const tags = capNameCounts(s.tags, s.tagsOther);
    const processes = capNameCounts(s.processes, s.processesOther);
    const candidates = [s.first, s.last, ...s.reservoir].filter((x): x is MutableSample => x !== undefined).map(toSample);
    return {
      key: s.key,
      kind: s.kind,
      code: s.code,
      hits: s.hits,
      records: s.records,
      untimedHits: s.untimedHits,
      ...derivedFromTimeline(timeline),
      timeline,
      tags: tags.list,
      tagsOther: tags.other,
      processes: processes.list,
      processesOther: processes.other,
      samples: chooseSamples(candidates, sampleLimit),
      ...(s.entry === undefined ? {} : { entry: s.entry }),
      ...(s.candidates === undefined ? {} : { candidates: s.candidates }),
      ...(s.family === undefined ? {} : { family: s.family }),
    };
  }

  return {
    addInput(input) {
      inputs.push({ name: input.name, size: input.size, sha256: input.sha256 });
    },

    addRecord(record) {
      let source = sources.get(record.source);
      if (source === undefined) {
        source = { previous: [], pending: [] };
        sources.set(record.source, source);
      }
      // Not detached here: kept per source only until the next record, and copied when a sample keeps it.
      const contextText = record.text.length <= MAX_CONTEXT_CHARS ? record.text : `${record.text.slice(0, MAX_CONTEXT_CHARS)}…`;
      // This record is context after the samples that wait for it.
      const pending = source.pending;
      if (pending.length > 0) {
        // Compact in place: this runs for every record that follows a sample.
        let kept = 0;
        for (const p of pending) {
          p.after.push(detach(contextText));
          if (p.after.length < contextLines) pending[kept++] = p;
        }
        pending.length = kept;
      }

      const time = record.fields.time ?? null;
      if (time !== null) {
        if (time < spanFirst) spanFirst = time;
        if (time > spanLast) spanLast = time;
      }
      const assumption = record.fields.timeAssumption;
      if (assumption !== undefined && assumption !== lastAssumption) {
        lastAssumption = assumption;
        addTimeAssumption(assumption);
      }

      derived.records++;
      derived.linesRead += record.lineCount;
      let plainLines = record.lineCount;
      if (record.truncated === true) {
        derived.linesTooLong++;
        plainLines--;
      } else if (record.invalidUtf8 === true) {
        derived.linesUndecodable++;
        plainLines--;
      }
      if (record.hits.length > 0) {
        derived.recordsWithHits++;
        derived.hits += record.hits.length;
        derived.linesWithHits += plainLines;
      } else {
        derived.linesWithoutHits += plainLines;
      }

      const hits = record.hits;
      if (hits.length > 0) {
        const rank = sampleRank(record.source, record.line, record.text);
        const only = hits.length === 1 ? hits[0] : undefined;
        if (only !== undefined) {
          // The common case, without the grouping map.
          countHits(stateFor(only), 1, record, source, time, rank);
        } else {
          // Group the record's hits by code: the record is one sample candidate and one record per code.
          const perCode = new Map<CodeState, number>();
          for (const hit of hits) {
            const s = stateFor(hit);
            perCode.set(s, (perCode.get(s) ?? 0) + 1);
          }
          for (const [s, n] of perCode) countHits(s, n, record, source, time, rank);
        }
      }

      if (contextLines > 0) {
        source.previous.push(contextText);
        if (source.previous.length > contextLines) source.previous.shift();
      }
    },

    setAccounting(acc) {
      accounting = { ...acc };
    },

    setCatalogue(catalogue) {
      catalogueVersions.add(catalogue.version);
    },

    setTimeAssumption(text) {
      addTimeAssumption(text);
    },

    toJSON() {
      return finishSummary({
        schemaVersion: SUMMARY_SCHEMA_VERSION,
        kind: SUMMARY_KIND,
        options: { sampleLimit, contextLines, redacted: redact },
        inputs: sortInputs(inputs),
        catalogueVersions: sortedUnique(catalogueVersions),
        timeAssumptions: sortedUnique(timeAssumptions),
        span: spanFirst === Infinity ? null : { first: spanFirst, last: spanLast },
        accounting: { ...(accounting ?? derived) },
        codes: [...codes.values()].map(codeJson),
      });
    },
  };
}
