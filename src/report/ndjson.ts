/**
 * The NDJSON writer: one JSON object per record, one record per line, shaped so that both pino tools and
 * ECS-minded log stores read it without configuration.
 *
 * Schema (schemaVersion 1). Absent facts are omitted, never written as null.
 *
 * ```text
 * schemaVersion  1
 * level          pino level number 10..60 from the line's own level; 50 when the line has none
 * time           epoch milliseconds, only when the line carries a time
 * msg            "<code> <title>: <message of the line>" for the first hit; the line's message when there is no hit
 * event.original the raw record: the line, or the folded lines joined with "\n"
 * log.file.path  the source: a path, or "-" for standard input
 * log.level      the level as written on the line ("E", "error")
 * log.logger     the tag ("NETSTACK")
 * process.pid / process.name / process.thread.id
 * error.code     the first hit's code, as a string
 * error.message  its documented message (when the catalogue settles the entry)
 * error.type     its module ("WebSocket")
 * errlens.line / lineCount / source / format / domain / timeAssumption / truncated / invalidUtf8 / catalogueVersion
 * errlens.hits[] code, kind, match, span, rule, confidence, internalCode, family,
 *                candidates[] {code, module, title, message, reference},
 *                module, title, message, description, causes, solutions, reference {page, anchor}
 * ```
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { CatalogueEntry, Hit, LogRecord } from '../types.js';

/** The version of the object shape below; bumped on any incompatible change. */
export const NDJSON_SCHEMA_VERSION = 1;

/** pino's level when the line states none: errlens only reports lines that carry an error. */
const DEFAULT_LEVEL = 50;

/** One candidate entry of an ambiguous hit. */
export interface NdjsonCandidate {
  code: string;
  module: string;
  title: string;
  message: string;
  reference: { page: string; anchor: string };
}

/** One hit as written under `errlens.hits`. */
export interface NdjsonHit {
  code: string;
  kind: string;
  match: string;
  span: [number, number];
  rule: string;
  confidence: number;
  internalCode?: string;
  family?: string;
  candidates?: NdjsonCandidate[];
  module?: string;
  title?: string;
  message?: string;
  description?: string;
  causes?: string[];
  solutions?: string[];
  /** "errlens" when the page documents no solution and `solutions` was written by errlens. */
  solutionsBy?: 'errlens';
  reference?: { page: string; anchor: string };
}

/** One record as written to NDJSON (see the module documentation for the meaning of each field). */
export interface NdjsonRecord {
  schemaVersion: 1;
  level: number;
  time?: number;
  msg: string;
  event: { original: string };
  log: { file: { path: string }; level?: string; logger?: string };
  process?: { pid?: number; name?: string; thread?: { id: number } };
  error?: { code: string; message?: string; type?: string };
  errlens: {
    line: number;
    lineCount: number;
    source: string;
    format: string;
    domain?: string;
    timeAssumption?: string;
    truncated?: true;
    invalidUtf8?: true;
    catalogueVersion: string;
    hits: NdjsonHit[];
  };
}

/** "2302001 WebSocket URL Error", or a description of what is known when no single entry applies. */
export function hitHeadline(hit: Hit): string {
  if (hit.entry !== undefined) return `${hit.code} ${hit.entry.title}`;
  if (hit.candidates !== undefined && hit.candidates.length > 0) {
    const titles = [...new Set(hit.candidates.map((c) => c.title))];
    return `${hit.code} ${titles.join(' / ')}`;
  }
  return hit.family !== undefined ? `${hit.code} (unknown ${hit.family} code)` : `${hit.code} (not in the catalogue)`;
}

function reference(entry: CatalogueEntry): { page: string; anchor: string } {
  return { page: entry.reference.page, anchor: entry.reference.anchor };
}

/** A hit without the fields its catalogue entry gives (those come last: see {@link addEntryFields}). */
function toNdjsonHitHead(hit: Hit): NdjsonHit {
  const out: NdjsonHit = {
    code: hit.code,
    kind: hit.kind,
    match: hit.match,
    span: [hit.span[0], hit.span[1]],
    rule: hit.rule,
    confidence: hit.confidence,
  };
  if (hit.internalCode !== undefined) out.internalCode = hit.internalCode;
  if (hit.family !== undefined) out.family = hit.family;
  if (hit.candidates !== undefined && hit.candidates.length > 0) {
    out.candidates = hit.candidates.map((c) => ({
      code: c.code,
      module: c.module,
      title: c.title,
      message: c.message,
      reference: reference(c),
    }));
  }
  return out;
}

/** Adds the fields a hit takes from its catalogue entry, after all others. */
function addEntryFields(out: NdjsonHit, entry: CatalogueEntry): NdjsonHit {
  out.module = entry.module;
  out.title = entry.title;
  out.message = entry.message;
  out.description = entry.description;
  out.causes = [...entry.causes];
  out.solutions = [...entry.solutions];
  if (entry.solutionsBy !== undefined) out.solutionsBy = entry.solutionsBy;
  out.reference = reference(entry);
  return out;
}

function toNdjsonHit(hit: Hit): NdjsonHit {
  const out = toNdjsonHitHead(hit);
  return hit.entry === undefined ? out : addEntryFields(out, hit.entry);
}

/**
 * The NDJSON object for one record (see the module documentation for the schema).
 * @param catalogueVersion - the version of the catalogue the hits were annotated from, cited in `errlens.catalogueVersion`.
 */
export function toNdjsonObject(record: LogRecord, catalogueVersion: string): NdjsonRecord {
  const out = ndjsonEnvelope(record, catalogueVersion);
  out.errlens.hits = record.hits.map(toNdjsonHit);
  return out;
}

/** The NDJSON object for one record without `errlens.hits`, which, set afterwards, is its last key. */
function ndjsonEnvelope(record: LogRecord, catalogueVersion: string): NdjsonRecord {
  const f = record.fields;
  const first = record.hits[0];

  const log: NdjsonRecord['log'] = { file: { path: record.source } };
  if (f.level !== undefined) log.level = f.level;
  if (f.tag !== undefined) log.logger = f.tag;

  let proc: NdjsonRecord['process'];
  if (f.pid !== undefined || f.process !== undefined || f.tid !== undefined) {
    proc = {};
    if (f.pid !== undefined) proc.pid = f.pid;
    if (f.process !== undefined) proc.name = f.process;
    if (f.tid !== undefined) proc.thread = { id: f.tid };
  }

  let error: NdjsonRecord['error'];
  if (first !== undefined) {
    error = { code: first.code };
    if (first.entry !== undefined) {
      error.message = first.entry.message;
      error.type = first.entry.module;
    }
  }

  const errlens: NdjsonRecord['errlens'] = {
    line: record.line,
    lineCount: record.lineCount,
    source: record.source,
    format: f.format,
  } as NdjsonRecord['errlens'];
  if (f.domain !== undefined) errlens.domain = f.domain;
  if (f.timeAssumption !== undefined) errlens.timeAssumption = f.timeAssumption;
  if (record.truncated === true) errlens.truncated = true;
  if (record.invalidUtf8 === true) errlens.invalidUtf8 = true;
  errlens.catalogueVersion = catalogueVersion;

  // Key order is for humans reading raw NDJSON: the pino envelope (level, time, msg) first, errlens's own last.
  return {
    schemaVersion: NDJSON_SCHEMA_VERSION,
    level: f.levelNumber ?? DEFAULT_LEVEL,
    ...(f.time !== undefined ? { time: f.time } : {}),
    msg: first === undefined ? f.message : `${hitHeadline(first)}: ${f.message}`,
    event: { original: record.text },
    log,
    ...(proc !== undefined ? { process: proc } : {}),
    ...(error !== undefined ? { error } : {}),
    errlens,
  };
}

/**
 * The entry-given fields of a hit as JSON, cached per catalogue entry: `,"module":…,"reference":{…}`. They are most
 * of a record's bytes (description, causes, solutions) and the same for every hit of the entry.
 */
const entryTails = new WeakMap<CatalogueEntry, string>();

function entryTail(entry: CatalogueEntry): string {
  let tail = entryTails.get(entry);
  if (tail === undefined) {
    tail = `,${JSON.stringify(addEntryFields({} as NdjsonHit, entry)).slice(1, -1)}`;
    entryTails.set(entry, tail);
  }
  return tail;
}

function hitJson(hit: Hit): string {
  const head = JSON.stringify(toNdjsonHitHead(hit));
  return hit.entry === undefined ? head : `${head.slice(0, -1)}${entryTail(hit.entry)}}`;
}

/**
 * One record as an NDJSON line (with its "\n"): the same text as `JSON.stringify(toNdjsonObject(record, version))`
 * and a newline, about twice as fast, as each entry's fields are serialised once (see {@link entryTail}). `hits` is
 * the last key of `errlens`, itself the last key of the object, so the envelope's JSON ends in `}}` right where they go.
 */
export function ndjsonLine(record: LogRecord, catalogueVersion: string): string {
  const envelope = JSON.stringify(ndjsonEnvelope(record, catalogueVersion));
  let hits = '';
  for (let i = 0; i < record.hits.length; i++) hits += (i === 0 ? '' : ',') + hitJson(record.hits[i] as Hit);
  return `${envelope.slice(0, -2)},"hits":[${hits}]}}\n`;
}

/** Options of {@link createNdjsonWriter}. */
export interface NdjsonWriterOptions {
  /** Cited in every object's `errlens.catalogueVersion`. */
  catalogueVersion: string;
}

/**
 * A Transform from {@link LogRecord} objects (writable side, object mode) to NDJSON text (one object and "\n" per
 * record). JSON escaping makes the output safe to print: control characters in log content are written as `\u001b`.
 */
export function createNdjsonWriter(options: NdjsonWriterOptions): Transform {
  const { catalogueVersion } = options;
  return new Transform({
    writableObjectMode: true,
    transform(record: LogRecord, _encoding: BufferEncoding, callback: TransformCallback) {
      let text: string;
      try {
        text = ndjsonLine(record, catalogueVersion);
      } catch (err) {
        callback(err as Error);
        return;
      }
      callback(null, text);
    },
  });
}
