/**
 * One task of a parallel scan, wherever it runs: in a worker (`worker.ts` wires it to the message port) or in the
 * main thread. The scan itself is the single-thread one: `createErrlensStream` over the task's bytes, with the same
 * options; what differs is only where the bytes come from and where the results go.
 *
 * What a thread builds once (catalogue, extractor, formatter, its summary, a read buffer) lives in its
 * {@link TaskEnv}: a summary per task would cost a cold accumulator and a `toJSON` for every shard.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Catalogue } from '../catalogue/catalogue.js';
import { loadCatalogue } from '../catalogue/load.js';
import { ErrlensError } from '../errors.js';
import { createExtractor, type Extractor } from '../extract/index.js';
import { toInputError } from '../input/input-error.js';
import { openInput, STDIN_NAME } from '../input/open-input.js';
import { untilAborted } from '../input/until-aborted.js';
import { ndjsonLine } from '../report/ndjson.js';
import { createRecordFilter, type RecordFilter } from '../report/record-filter.js';
import { createSummary, DEFAULT_CONTEXT_LINES, MAX_CONTEXT_CHARS, type SummaryAccumulator } from '../report/summary.js';
import { createErrlensStream, DEFAULT_IDLE_FLUSH_MS } from '../stream.js';
import type { SummaryJson } from '../report/summary-json.js';
import type { LineAccounting, LogRecord } from '../types.js';
import { ShardBuffer } from './count-lines.js';
import type { ScanTask } from './plan.js';
import { seamRecord } from './seams.js';
import type { SerializedError, TaskResult, TaskScanOptions } from './protocol.js';

/** What a thread builds once and reuses for every task. */
export interface TaskEnv {
  readonly options: TaskScanOptions;
  readonly catalogue: Catalogue;
  readonly extractor: Extractor;
  readonly filter: RecordFilter;
  /** Records output only. */
  readonly format: ((record: LogRecord) => string) | undefined;
  /** Summary output only: the thread's summary of every task it ran (see `seams.ts`), and their accounting. */
  readonly summary: SummaryAccumulator | undefined;
  readonly accounting: LineAccounting;
  /** The bytes of the shard being scanned, reused from task to task (each task's scan ends before the next reads). */
  readonly shard: ShardBuffer;
}

/** Builds the catalogue, extractor, filter and formatter from the option values. */
export async function createTaskEnv(options: TaskScanOptions): Promise<TaskEnv> {
  const catalogue = await loadCatalogue({ catalogs: options.catalogs, defaultCatalogue: options.defaultCatalogue });
  const extractor = createExtractor(catalogue, { unknown: options.unknown });
  const filter = createRecordFilter(options.filter);
  let format: ((record: LogRecord) => string) | undefined;
  const output = options.output;
  if (output.kind === 'records') {
    if (output.format === 'ndjson') {
      const version = catalogue.version;
      format = (record) => ndjsonLine(record, version);
    } else {
      const { createPrettyFormatter } = await import('../report/pretty.js');
      format = createPrettyFormatter({ color: output.color ?? false, explain: output.explain ?? false, utc: output.utc ?? false });
    }
  }
  let summary: SummaryAccumulator | undefined;
  if (output.kind === 'summary') {
    summary = createSummary(summaryOptions(output));
    summary.setCatalogue({ version: catalogue.version });
  }
  return { options, catalogue, extractor, filter, format, summary, accounting: zeroAccounting(), shard: new ShardBuffer() };
}

/** The thread's summary of every task it ran (summary output), its accounting theirs. */
export function threadSummary(env: TaskEnv): SummaryJson | undefined {
  env.summary?.setAccounting(env.accounting);
  return env.summary?.toJSON();
}

/** An accounting of nothing. */
export function zeroAccounting(): LineAccounting {
  return { linesRead: 0, linesWithHits: 0, linesWithoutHits: 0, linesTooLong: 0, linesUndecodable: 0, records: 0, recordsWithHits: 0, hits: 0 };
}

/** Adds `more` to `total`. */
export function addAccounting(total: LineAccounting, more: LineAccounting): void {
  for (const key of Object.keys(total) as (keyof LineAccounting)[]) total[key] += more[key];
}

/** How a task talks to whoever runs it. */
export interface TaskHooks {
  /** Stops reading; what was read is still scanned, flushed and reported. */
  readonly signal: AbortSignal;
  /** Takes a batch of formatted text; the task goes on when the promise settles (flow control). */
  batch(text: string): Promise<void>;
  /** A shard before the last tells how many lines it holds, before it scans them. */
  lines(count: number): void;
  /** A shard after the first waits for the number of lines before it. */
  lineOffset(): Promise<number>;
  /** Raw bytes read so far in this task, told now and then. */
  progress(bytes: number): void;
  /** What "-" reads (in-process tasks). */
  readonly stdin?: () => Readable;
  /** Formatted bytes per batch. */
  readonly batchBytes: number;
  /**
   * Let the event loop turn every millisecond or so, also while a shard is fed from memory: the main thread must go
   * on answering its workers (one waiting for its next task or an acknowledgement idles). Default false.
   */
  readonly yieldOften?: boolean;
}

/** Reports raw bytes to `hooks.progress` at most every this many bytes. */
const PROGRESS_STEP = 1024 * 1024;

/** The text a record leaves as context in a summary (as `report/summary.ts` keeps it). */
export function contextText(text: string): string {
  return text.length <= MAX_CONTEXT_CHARS ? text : `${text.slice(0, MAX_CONTEXT_CHARS)}…`;
}

/** Plain data for an error, to cross the thread boundary. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof ErrlensError) {
    return { code: err.code, what: err.what, ...(err.where !== undefined ? { where: err.where } : {}), message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) };
  }
  if (err instanceof Error) return { message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) };
  return { message: String(err) };
}

interface Source {
  readonly stream: Readable;
  close(): void;
  /** For a summary of a whole input: name, size and SHA-256 of the raw bytes, once read. */
  readonly finishInput?: () => void;
}

/** Chunks of a shard as the scanner takes them: the size the single-thread CLI reads a file in. */
const SHARD_CHUNK_BYTES = 64 * 1024;

/** Chunks fed from memory between two turns of the event loop (with `hooks.yieldOften`): about a millisecond. */
const CHUNKS_PER_TURN = 2;

/**
 * A shard's bytes in the chunks a file stream would give. Fed from memory, a scan never waits for a read and runs a
 * whole shard without letting the event loop turn; with `yieldOften` every few chunks wait for the next turn.
 */
async function* slices(bytes: Buffer, size: number, count: (n: number) => void, yieldOften: boolean): AsyncGenerator<Buffer> {
  let n = 0;
  for (let at = 0; at < bytes.length; at += size) {
    if (yieldOften && ++n % CHUNKS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const chunk = bytes.subarray(at, at + size);
    count(chunk.length);
    yield chunk;
  }
}

/**
 * The bytes [start, end) of a file, or those there are when it has shrunk, in the thread's shard buffer. A shard
 * before the last is read whole before it is scanned: its lines must be counted first (the next shard's line numbers
 * depend on them), and reading it once costs less than reading it twice. It is at most `maxShardBytes` of the plan;
 * the buffer is kept for the next shard, as a new one per shard would be garbage only a full collection frees.
 */
async function readRange(env: TaskEnv, name: string, start: number, end: number, signal: AbortSignal): Promise<Buffer> {
  const bytes = env.shard.bytes(Math.max(0, end - start));
  const handle = await open(name, 'r');
  try {
    let filled = 0;
    while (filled < bytes.length && !signal.aborted) {
      const { bytesRead } = await handle.read(bytes, filled, Math.min(READ_STEP, bytes.length - filled), start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** Bytes per read of {@link readRange}: large reads, few calls. */
const READ_STEP = 1024 * 1024;

async function openSource(task: ScanTask, hooks: TaskHooks, summary: SummaryAccumulator | undefined, bytes: Buffer | undefined): Promise<Source> {
  let pending = 0;
  const count = (n: number): void => {
    pending += n;
    if (pending >= PROGRESS_STEP) {
      hooks.progress(pending);
      pending = 0;
    }
  };
  const flushProgress = (): void => {
    if (pending > 0) hooks.progress(pending);
    pending = 0;
  };
  if (task.kind === 'shard' && bytes !== undefined) {
    // A shard before the last, read whole already (to count its lines): fed to the scanner in the chunks a file
    // stream would give.
    const stream = Readable.from(slices(bytes, SHARD_CHUNK_BYTES, count, hooks.yieldOften === true), { objectMode: false });
    return {
      stream,
      close: () => {
        stream.destroy();
        flushProgress();
      },
    };
  }
  if (task.kind === 'shard') {
    const raw = createReadStream(task.name, { start: task.start, highWaterMark: SHARD_CHUNK_BYTES });
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of raw) {
        count((chunk as Buffer).length);
        yield chunk as Buffer;
      }
    }
    const stream = Readable.from(counted(), { objectMode: false });
    return {
      stream,
      close: () => {
        stream.destroy();
        raw.destroy();
        flushProgress();
      },
    };
  }
  const hash = summary !== undefined ? createHash('sha256') : undefined;
  let size = 0;
  const input = await openInput(task.name, {
    ...(hooks.stdin !== undefined ? { stdin: hooks.stdin } : {}),
    onRawChunk: (chunk) => {
      count(chunk.length);
      if (hash !== undefined) {
        hash.update(chunk);
        size += chunk.length;
      }
    },
  });
  return {
    stream: input.stream,
    close: () => {
      input.close();
      flushProgress();
    },
    ...(summary !== undefined && hash !== undefined
      ? { finishInput: () => summary.addInput({ name: task.name, size, sha256: hash.digest('hex') }) }
      : {}),
  };
}

/**
 * Runs one task to its end (or until `hooks.signal` aborts) and returns what it counted. Never rejects for an input
 * error: that comes back as `result.error`, with the accounting of what was read before it. A shard's records carry
 * their line numbers in the whole file: a shard before the last first counts its lines (`hooks.lines`); a shard after
 * the first starts scanning at once, and its first record waits for the number of lines before it
 * (`hooks.lineOffset`), which is added to every record before the filter, the formatter and the summary (whose sample
 * ranks hash the line number) see it.
 */
export async function runTask(task: ScanTask, env: TaskEnv, hooks: TaskHooks): Promise<TaskResult> {
  const { options, summary } = env;
  const output = options.output;
  const contextLines = output.kind === 'summary' ? Math.max(0, Math.floor(output.contextLines ?? DEFAULT_CONTEXT_LINES)) : 0;
  const head: string[] = [];
  const tail: string[] = [];
  let records = 0;
  let found = 0;
  let batch = '';
  let lineOffset = 0;
  /** Until the number of lines before this shard is known. */
  let offsetWait: Promise<void> | undefined;

  const scanner = createErrlensStream({
    catalogue: env.catalogue,
    extractor: env.extractor,
    source: task.name,
    // As the single-thread CLI: every record only with `--all`; a summary gets the records around each hit and the
    // first and last line (the stream's fast path skips the rest).
    all: options.all,
    ...(summary !== undefined ? { context: Math.max(1, contextLines) } : {}),
    unknown: options.unknown,
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.tz !== undefined ? { tz: options.tz } : {}),
    ...(task.mtimeMs !== undefined ? { fileMtime: new Date(task.mtimeMs) } : {}),
    ...(options.maxLineLength !== undefined ? { maxLineLength: options.maxLineLength } : {}),
    // Files are read in batch: their output must not depend on read timing. Standard input may be live
    // (`tail -f | errlens`): a held record goes out after the stream's idle time, as in the single-thread CLI.
    idleFlushMs: task.name === STDIN_NAME ? DEFAULT_IDLE_FLUSH_MS : Number.POSITIVE_INFINITY,
  });

  const take = (record: LogRecord): string | undefined => {
    // Records are fresh objects that only this task holds (RecordBuilder makes one per record): renumbered in place
    // rather than copied, as a summary sees every record of a large file.
    if (lineOffset !== 0) (record as { line: number }).line += lineOffset;
    records++;
    const kept = env.filter(record);
    if (summary !== undefined) {
      summary.addRecord(kept || record.hits.length === 0 ? record : { ...record, hits: [] });
      if (contextLines > 0) {
        const text = contextText(record.text);
        if (head.length < contextLines) head.push(text);
        tail.push(text);
        if (tail.length > contextLines) tail.shift();
      }
    }
    if (!kept) return undefined;
    if (record.hits.length > 0) found++;
    return env.format?.(record);
  };

  /** Takes one record: counted, filtered, formatted and batched; `callback` when the batch may grow again. */
  const handle = (raw: LogRecord, callback: (error?: Error | null) => void): void => {
    const text = take(raw);
    if (text === undefined) {
      callback();
      return;
    }
    batch += text;
    if (batch.length < hooks.batchBytes) {
      callback();
      return;
    }
    const out = batch;
    batch = '';
    hooks.batch(out).then(() => callback(), callback);
  };

  const sink = new Writable({
    objectMode: true,
    highWaterMark: 64,
    write: (raw: LogRecord, _encoding, callback) => {
      const wait = offsetWait;
      if (wait === undefined) {
        handle(raw, callback);
        return;
      }
      // The first record of a shard after the first: scanning went on while the shards before it counted their
      // lines; records wait here (the stream pauses behind them) until their line numbers are known.
      wait.then(() => {
        offsetWait = undefined;
        handle(raw, callback);
      }, callback);
    },
    final: (callback) => {
      const out = batch;
      batch = '';
      if (out === '') callback();
      else hooks.batch(out).then(() => callback(), callback);
    },
  });

  let error: SerializedError | undefined;
  let source: Source | undefined;
  try {
    let shardBytes: Buffer | undefined;
    if (task.kind === 'shard') {
      if (task.end !== undefined) {
        const { name, start, end } = task;
        const bytes = await readRange(env, name, start, end, hooks.signal).catch((err: unknown) => Promise.reject(toInputError(name, err)));
        hooks.lines(env.shard.countLines(bytes.length));
        shardBytes = bytes;
      }
      if (task.shard > 0) {
        offsetWait = hooks.lineOffset().then((offset) => {
          lineOffset = offset;
        });
        // Awaited by the first record (or below); a stop rejects it.
        offsetWait.catch(() => undefined);
      }
    }
    source = await openSource(task, hooks, summary, shardBytes);
    // A read error ends the input as its end would (as in the single-thread CLI): the scanner flushes and the records
    // decoded before it are still written and counted. It is reported after them.
    let readError: ErrlensError | undefined;
    const bytes = untilAborted(source.stream, hooks.signal, task.name, () => source?.close(), (err) => {
      readError = err;
    });
    await pipeline(bytes, scanner, sink);
    // A shard without records still needs its line numbers settled (nothing depends on them then but a stop).
    await offsetWait;
    if (readError !== undefined) throw readError;
  } catch (err) {
    // After a stop, stream errors are the echo of the teardown, not news (as in the CLI).
    if (!(hooks.signal.aborted && !(err instanceof ErrlensError))) error = serializeError(err);
  } finally {
    source?.finishInput?.();
    // The next task this thread runs is not this one's neighbour: end the context here (see seams.ts).
    if (summary !== undefined) for (let i = 0; i < contextLines; i++) summary.addRecord(seamRecord(task.name));
  }
  const accounting = { ...scanner.stats };
  addAccounting(env.accounting, accounting);
  return {
    accounting,
    found,
    records,
    ...(summary !== undefined && task.kind === 'shard' ? { head, tail } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

function summaryOptions(output: { sampleLimit?: number; contextLines?: number; redact?: boolean }): {
  sampleLimit?: number;
  contextLines?: number;
  redact?: boolean;
} {
  return {
    ...(output.sampleLimit !== undefined ? { sampleLimit: output.sampleLimit } : {}),
    ...(output.contextLines !== undefined ? { contextLines: output.contextLines } : {}),
    ...(output.redact !== undefined ? { redact: output.redact } : {}),
  };
}
