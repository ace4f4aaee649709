/**
 * What the main thread and the scan workers say to each other. Everything here is plain data (structured-clone
 * safe): options travel as the values the user gave, and each worker rebuilds catalogue, extractor, filter and
 * formatter from them.
 */
import type { RecordFilterOptions } from '../report/record-filter.js';
import type { SummaryJson } from '../report/summary-json.js';
import type { LineAccounting } from '../types.js';
import type { ScanTask } from './plan.js';

/** Per-record output: each kept record formatted as the CLI would (NDJSON, or pretty with these settings). */
export interface RecordsOutput {
  readonly kind: 'records';
  readonly format: 'ndjson' | 'pretty';
  /** Pretty only: ANSI colours. Default false. */
  readonly color?: boolean;
  /** Pretty only: the catalogue entry under each hit. Default false. */
  readonly explain?: boolean;
  /** Pretty only: times in UTC. Default false. */
  readonly utc?: boolean;
}

/** One summary of everything read (merged from the tasks' summaries). */
export interface SummaryOutput {
  readonly kind: 'summary';
  /** As `createSummary`'s options. Defaults 3, 1, true. */
  readonly sampleLimit?: number;
  readonly contextLines?: number;
  readonly redact?: boolean;
}

/** No output: only the accounting and the number of records found (`--quiet`, `--stats`). */
export interface CountOutput {
  readonly kind: 'count';
}

/** The options every task is scanned with: the values of the CLI's flags, never objects. */
export interface TaskScanOptions {
  /** Catalogue paths layered over the default, as `loadCatalogue({ catalogs })` takes them (relative to the cwd). */
  readonly catalogs: readonly string[];
  /** Start from the built-in catalogue. */
  readonly defaultCatalogue: boolean;
  /** Emit records without hits too (`--all`). A summary sees every record whatever this says. */
  readonly all: boolean;
  /** Report unknown codes (`--unknown`). */
  readonly unknown: boolean;
  readonly year?: number;
  readonly tz?: string;
  /** As `ErrlensStreamOptions.maxLineLength`. Default: the stream's. */
  readonly maxLineLength?: number;
  /** Which records are kept (`--code`, `--module`, `--level`, `--since`, `--until`). */
  readonly filter: RecordFilterOptions;
  readonly output: RecordsOutput | SummaryOutput | CountOutput;
}

/** An error that crossed the thread boundary. */
export interface SerializedError {
  /** The ErrlensError code, when it was one. */
  readonly code?: string;
  readonly what?: string;
  readonly where?: string;
  readonly message: string;
  readonly stack?: string;
}

/** What one task produced besides its records. */
export interface TaskResult {
  readonly accounting: LineAccounting;
  /** Kept records with hits (what the CLI's exit status counts). */
  readonly found: number;
  /** Records the scanner handed over (with a summary: those with hits, their context and the edge lines). */
  readonly records: number;
  /** Summary output, shards: context texts of the task's first and last `contextLines` records, for the seams. */
  readonly head?: readonly string[];
  readonly tail?: readonly string[];
  /** The failure that ended the task early, if any (reported as `errlens: cannot read <file>: <reason>`). */
  readonly error?: SerializedError;
}

/** Sent once as `workerData`. */
export interface WorkerData {
  readonly kind: 'errlens-scan-worker';
  readonly options: TaskScanOptions;
  /** Bytes of formatted text per batch message. */
  readonly batchBytes: number;
  /** Batches a worker may have unacknowledged before it waits. */
  readonly window: number;
}

/** Main thread → worker. */
export type ToWorker =
  | { readonly type: 'task'; readonly task: ScanTask; readonly lineOffset?: number }
  | { readonly type: 'offset'; readonly id: number; readonly lineOffset: number }
  | { readonly type: 'ack'; readonly id: number }
  | { readonly type: 'stop' }
  /** Every task has ended: send the thread's summary (summary output). */
  | { readonly type: 'finish' };

/** Worker → main thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly error: SerializedError }
  | { readonly type: 'lines'; readonly id: number; readonly count: number }
  | { readonly type: 'batch'; readonly id: number; readonly text: string }
  | { readonly type: 'progress'; readonly id: number; readonly bytes: number }
  | { readonly type: 'done'; readonly id: number; readonly result: TaskResult }
  /** The answer to 'finish': the summary of every task the worker ran (its line numbers those of the whole files). */
  | { readonly type: 'summary'; readonly summary: SummaryJson | undefined };
