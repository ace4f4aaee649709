/**
 * `createErrlensStream`: the scanner as one Transform, bytes in and {@link LogRecord} objects out.
 *
 *   all:      bytes ─▶ LineCutter ─▶ split2 ─▶ RecordBuilder (parseLine ▸ folder ▸ extractor) ─▶ records
 *   otherwise bytes ─▶ ChunkScanner (whole-chunk prefilter) ─▶ RecordBuilder ─▶ records
 *
 * Most lines of a log hold no error, and turning every line into a string costs more than matching it. Unless every
 * record is wanted, the chunk scanner runs the extractor's prefilter over whole chunks and hands only candidate lines
 * (and the lines that may fold into them) to the per-line machinery; the others are only counted. Records with hits
 * and the line accounting are the same on both paths (test/scan/fast-path-equivalence.test.ts).
 *
 * Each stage lives in `src/stream/` and can be used on its own; this module only resolves the options.
 */
import { Catalogue } from './catalogue/catalogue.js';
import { getDefaultCatalogue } from './catalogue/default-catalogue.js';
import { createExtractor, type Extractor } from './extract/index.js';
import { createFolder, createParseContext, FOLD_DEFAULTS, parseLine, type FolderOptions } from './parse/index.js';
import { LineCutter } from './stream/line-cutter.js';
import { RecordBuilder } from './stream/record-builder.js';
import { RecordTransform, type ErrlensStream } from './stream/record-transform.js';
import { ChunkScanner } from './scan/chunk-scanner.js';
import { FastRecordTransform } from './scan/fast-record-transform.js';
import type { LogRecord } from './types.js';

export type { ErrlensStream } from './stream/record-transform.js';

/** Default of {@link ErrlensStreamOptions.maxLineLength}: 64 KiB. */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

/** Default of {@link ErrlensStreamOptions.idleFlushMs}. */
export const DEFAULT_IDLE_FLUSH_MS = 100;

/** Options of {@link createErrlensStream}. Every one is optional. */
export interface ErrlensStreamOptions {
  /** The catalogue hits are annotated from. Default: {@link getDefaultCatalogue}(). */
  readonly catalogue?: Catalogue;
  /**
   * A ready extractor over `catalogue`, to share one between the streams of several inputs (building one costs a
   * little). Default: one built from `catalogue` and `unknown`.
   */
  readonly extractor?: Extractor;
  /** The input's name, copied into every record: a path, or "-" for standard input. Default "-". */
  readonly source?: string;
  /** Emit every record, also those without hits (e.g. for context or `--all`). Default false. */
  readonly all?: boolean;
  /**
   * Without `all`: also emit the `context` records before and after each record with hits, and the first and last
   * line of the input, as records without hits. A summary uses them for sample context and the time span, without
   * every line going through the per-line machinery. Default 0.
   */
  readonly context?: number;
  /** Also report code-like numbers in error context that are not in the catalogue. Default false. */
  readonly unknown?: boolean;
  /** The year for times written without one. Default: the year of `fileMtime`, else the current year. */
  readonly year?: number;
  /** The zone for times written without one: "local", "UTC", "+08:00" or an IANA name. Default: the machine's zone. */
  readonly tz?: string;
  /** The input file's modification time (it bounds completed times, see `createParseContext`). Default: none. */
  readonly fileMtime?: Date;
  /**
   * Longest line kept, in bytes. The rest of a longer line is dropped unread: its first part is still scanned, the
   * record says `truncated: true`, and the line counts in `linesTooLong`. Default 65536 (64 KiB).
   */
  readonly maxLineLength?: number;
  /**
   * Folding of multi-line records (stack traces after an error line): the folder's bounds, or `false` to keep every
   * line a record of its own. Default: folding on, with the folder's defaults (50 lines, 64 KiB).
   */
  readonly fold?: FolderOptions | false;
  /**
   * With folding, a record is held until the next line shows whether it continues. In a live stream
   * (`tail -f | errlens`) the held record goes out after this many idle milliseconds, so nothing waits for a line
   * that may never come; a continuation line arriving later then starts a record of its own. `Infinity` never lets
   * go before the next line or the end of input, which makes the output independent of read timing: the right
   * choice for files read in batch. Default 100.
   */
  readonly idleFlushMs?: number;
  /**
   * Takes the records instead of the stream's readable side, which then stays empty: called synchronously with each
   * batch of finished records (in input order; the array is the callee's). Return a promise to hold the input until
   * it settles (backpressure; a rejection fails the stream). Saves the per-record cost of object-mode streams when
   * the consumer is a plain function, as in the CLI. Default: records are pushed one by one.
   */
  readonly onRecords?: (records: LogRecord[]) => Promise<void> | undefined;
}

/**
 * Creates the scanner: a Transform taking bytes (Buffer or string chunks; UTF-8) and emitting {@link LogRecord}
 * objects (readableObjectMode), in input order. Line endings `\n`, `\r\n` and lone `\r` all end lines; invalid UTF-8
 * reads as U+FFFD (the record says `invalidUtf8`); lines that are mostly binary are counted as undecodable and not
 * scanned. The records are the same however the input is chunked. Backpressure is honoured: the stream buffers at
 * most one chunk's records beyond its high-water mark. `stream.stats` tells what became of every line.
 * @throws ErrlensError E_USAGE for an invalid `year` or `tz`; RangeError for a `maxLineLength` below 1.
 */
export function createErrlensStream(options: ErrlensStreamOptions = {}): ErrlensStream {
  const catalogue = options.catalogue ?? getDefaultCatalogue();
  const extractor = options.extractor ?? createExtractor(catalogue, { unknown: options.unknown ?? false });
  const ctx = createParseContext({
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.tz !== undefined ? { tz: options.tz } : {}),
    ...(options.fileMtime !== undefined ? { fileMtime: options.fileMtime } : {}),
  });
  const fold = options.fold === false ? undefined : createFolder(options.fold ?? {});
  const all = options.all ?? false;
  const context = Math.max(0, options.context ?? 0);
  const builder = new RecordBuilder({
    source: options.source ?? '-',
    // On the fast path only candidate and context lines reach the builder: with context, all of those are wanted.
    all: all || context > 0,
    parse: (text) => parseLine(text, ctx),
    extract: (text, fields) => extractor.extract(text, fields),
    ...(fold !== undefined ? { fold } : {}),
  });
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const idleFlushMs = options.idleFlushMs ?? DEFAULT_IDLE_FLUSH_MS;
  const onRecords = options.onRecords;
  if (all) return new RecordTransform({ cutter: new LineCutter(maxLineLength), builder, idleFlushMs, ...(onRecords !== undefined ? { onRecords } : {}) });
  const scanner = new ChunkScanner(extractor.prefilter, {
    confirm: extractor.lineFilter,
    maxLineLength,
    foldLines: options.fold === false ? 1 : (options.fold?.maxLines ?? FOLD_DEFAULTS.maxLines),
    ...(context > 0 ? { contextBefore: context, contextAfter: context, edges: true } : {}),
  });
  return new FastRecordTransform({ scanner, builder, idleFlushMs, ...(onRecords !== undefined ? { onRecords } : {}) });
}
