/**
 * One task of a parallel scan, wherever it runs: in a worker (`worker.ts` wires it to the message port) or in the
 * main thread (standard input). The scan itself is the single-thread one: `createErrlensStream` over the task's
 * bytes, with the same options; what differs is only where the bytes come from and where the results go.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Catalogue } from '../catalogue/catalogue.js';
import { loadCatalogue } from '../catalogue/load.js';
import { ErrlensError } from '../errors.js';
import { createExtractor, type Extractor } from '../extract/index.js';
import { toInputError } from '../input/input-error.js';
import { openInput, STDIN_NAME } from '../input/open-input.js';
import { untilAborted } from '../input/until-aborted.js';
import { toNdjsonObject } from '../report/ndjson.js';
import { createRecordFilter, type RecordFilter } from '../report/record-filter.js';
import { createSummary, DEFAULT_CONTEXT_LINES, MAX_CONTEXT_CHARS, type SummaryAccumulator } from '../report/summary.js';
import { createErrlensStream, DEFAULT_IDLE_FLUSH_MS } from '../stream.js';
import type { LogRecord } from '../types.js';
import { countLinesInRange } from './count-lines.js';
import type { ScanTask } from './plan.js';
import type { SerializedError, TaskResult, TaskScanOptions } from './protocol.js';

/** What a worker builds once and reuses for every task. */
export interface TaskEnv {
  readonly options: TaskScanOptions;
  readonly catalogue: Catalogue;
  readonly extractor: Extractor;
  readonly filter: RecordFilter;
  /** Records output only. */
  readonly format: ((record: LogRecord) => string) | undefined;
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
      format = (record) => `${JSON.stringify(toNdjsonObject(record, version))}\n`;
    } else {
      const { createPrettyFormatter } = await import('../report/pretty.js');
      format = createPrettyFormatter({ color: output.color ?? false, explain: output.explain ?? false, utc: output.utc ?? false });
    }
  }
  return { options, catalogue, extractor, filter, format };
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

async function openSource(task: ScanTask, hooks: TaskHooks, summary: SummaryAccumulator | undefined): Promise<Source> {
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
  if (task.kind === 'shard') {
    const raw = createReadStream(task.name, {
      start: task.start,
      ...(task.end !== undefined ? { end: task.end - 1 } : {}),
      highWaterMark: 64 * 1024,
    });
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
  const { options } = env;
  const output = options.output;
  const summary = output.kind === 'summary' ? createSummary(summaryOptions(output)) : undefined;
  summary?.setCatalogue({ version: env.catalogue.version });
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
    if (task.kind === 'shard') {
      if (task.end !== undefined) {
        const { name, start, end } = task;
        hooks.lines(await countLinesInRange(name, start, end, hooks.signal).catch((err: unknown) => Promise.reject(toInputError(name, err))));
      }
      if (task.shard > 0) {
        offsetWait = hooks.lineOffset().then((offset) => {
          lineOffset = offset;
        });
        // Awaited by the first record (or below); a stop rejects it.
        offsetWait.catch(() => undefined);
      }
    }
    source = await openSource(task, hooks, summary);
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
  }
  const accounting = scanner.stats;
  if (summary !== undefined) summary.setAccounting(accounting);
  return {
    accounting,
    found,
    records,
    ...(summary !== undefined ? { summary: summary.toJSON(), head, tail } : {}),
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
