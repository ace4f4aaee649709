import { stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Catalogue } from '../catalogue/catalogue.js';
import { loadCatalogue } from '../catalogue/load.js';
import { ErrlensError } from '../errors.js';
import { expandGlobs } from '../input/expand-globs.js';
import { openInput, STDIN_NAME } from '../input/open-input.js';
import { untilAborted } from '../input/until-aborted.js';
import { resolveColor } from '../report/pretty-color.js';
import { createRecordFilter, type RecordFilter } from '../report/record-filter.js';
import { createExtractor, type Extractor } from '../extract/index.js';
import { createErrlensStream, DEFAULT_IDLE_FLUSH_MS, type ErrlensStream } from '../stream.js';
import type { LineAccounting, LogRecord } from '../types.js';
import type { CliIo } from './cli-io.js';
import { exitStatus } from './exit-status.js';
import { addAccounting, formatAccounting, zeroAccounting } from './line-stats.js';
import { DEFAULT_CONTEXT_LINES } from '../report/context-lines.js';
import { SUMMARY_FORMATS } from './options.js';
import { OutputChannel } from './output-channel.js';
import type { Progress } from './progress.js';
import { createRecordFormatter, type RecordFormatter } from './record-formatter.js';
import { reportError, writeNotice } from './report-error.js';
import type { ScanSettings } from './scan-settings.js';
import { onStopSignal, type StopSignal } from './signals.js';
import type { SummaryOutput } from './summary-output.js';
import { readVersion } from './version.js';

/**
 * How long a record may wait for continuation lines on a live input (stdin, --follow) before it is written: the
 * scanner's default (100 ms), so `tail -f app.log | errlens | grep 2302` shows a hit at once. Files read in batch
 * never let go early, so their output does not depend on read timing.
 */
const LIVE_IDLE_FLUSH_MS = DEFAULT_IDLE_FLUSH_MS;
const BATCH_IDLE_FLUSH_MS = Number.POSITIVE_INFINITY;
/** Records of context the stream hands a summary around each hit: as many as the summary keeps (its default). */
const SUMMARY_CONTEXT_LINES = DEFAULT_CONTEXT_LINES;

/** Why reading stopped early. */
type StopReason = StopSignal | 'epipe' | 'output-error' | 'quiet';

type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

function isSummaryFormat(format: string): format is SummaryFormat {
  return (SUMMARY_FORMATS as readonly string[]).includes(format);
}

/**
 * One scan: the inputs, the shared output, and what is counted on the way. Inputs are read one after another
 * (or followed all at once), each through its own scanner, all writing to the same output.
 */
class Scan {
  private readonly settings: ScanSettings;
  private readonly io: CliIo;
  private readonly catalogue: Catalogue;
  /** Built once and shared by the scanners of all inputs: building one indexes the whole catalogue. */
  private readonly extractor: Extractor;
  private readonly filter: RecordFilter;
  private readonly formatter: RecordFormatter | undefined;
  private readonly summary: SummaryOutput | undefined;
  private readonly output: OutputChannel;
  private readonly controller = new AbortController();
  private readonly accounting: LineAccounting = zeroAccounting();
  private progress: Progress | undefined;
  private stopReason: StopReason | undefined;
  private errors = 0;
  private found = 0;

  constructor(
    settings: ScanSettings,
    io: CliIo,
    catalogue: Catalogue,
    formatter: RecordFormatter | undefined,
    summary: SummaryOutput | undefined,
  ) {
    this.settings = settings;
    this.io = io;
    this.catalogue = catalogue;
    this.extractor = createExtractor(catalogue, { unknown: settings.unknown });
    this.formatter = formatter;
    this.summary = summary;
    this.filter = createRecordFilter({
      codes: settings.codes,
      modules: settings.modules,
      levels: settings.levels,
      ...(settings.since !== undefined ? { since: settings.since } : {}),
      ...(settings.until !== undefined ? { until: settings.until } : {}),
    });
    this.output = new OutputChannel(
      io.stdout,
      (reason) => this.stop(reason === 'epipe' ? 'epipe' : 'output-error'),
      // Only output that shares the terminal with the bar needs the bar's line cleared first.
      () => {
        if (io.stdout.isTTY === true) this.progress?.clearLine();
      },
    );
  }

  stop(reason: StopReason): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.controller.abort();
  }

  /** Runs the scan to its end and returns the exit status. */
  async run(): Promise<number> {
    const removeSignalHandlers = onStopSignal((signal) => this.stop(signal));
    try {
      if (this.settings.follow) await this.followAll();
      else await this.readAll();
      if (this.summary !== undefined && !this.output.isClosed) await this.output.write(this.summary.render(this.accounting));
    } finally {
      removeSignalHandlers();
      this.progress?.stop();
    }
    if (this.output.failure !== undefined) this.fail(this.output.failure);
    if (this.settings.stats) this.io.stderr.write(formatAccounting(this.accounting));
    const reason = this.stopReason;
    return exitStatus({
      ...(reason === 'SIGINT' || reason === 'SIGTERM' ? { signal: reason } : {}),
      outputClosed: reason === 'epipe',
      quietHit: reason === 'quiet',
      errors: this.errors,
      found: this.found,
      exitZero: this.settings.exitZero,
    });
  }

  private fail(err: unknown): void {
    this.errors += 1;
    this.progress?.clearLine();
    reportError(this.io.stderr, err, this.settings.debug);
  }

  /**
   * Takes one record: filters, counts, formats. Returns undefined when the next record may follow at once, or a
   * promise to wait for when the output is full (backpressure). Synchronous on the common path: a promise per record
   * costs more than the rest of the work for most records.
   */
  private readonly onRecord = (record: LogRecord): Promise<void> | undefined => {
    const kept = this.filter(record);
    this.summary?.add(record, kept);
    if (!kept) return undefined;
    if (record.hits.length > 0) {
      this.found += 1;
      if (this.settings.quiet) this.stop('quiet');
    }
    return this.formatter === undefined ? undefined : this.output.append(this.formatter(record));
  };

  /** Takes a batch of records from a scanner (its `onRecords`): a promise when the output asks to wait. */
  private readonly onRecords = (records: LogRecord[]): Promise<void> | undefined => {
    let wait: Promise<void> | undefined;
    for (const record of records) wait = this.onRecord(record) ?? wait;
    return wait;
  };

  /**
   * The end of each input's pipeline: the scanner hands records straight to {@link onRecords}, so nothing is written
   * here; at the end it waits until everything this input produced is written, before the next input starts or the
   * summary goes out.
   */
  private sink(): Writable {
    return new Writable({
      objectMode: true,
      write: (_record: LogRecord, _encoding, callback) => callback(),
      final: (callback) => {
        this.output.flush().then(() => callback(), callback);
      },
    });
  }

  private scanner(source: string, live: boolean, mtimeMs: number | undefined): ErrlensStream {
    const { settings } = this;
    return createErrlensStream({
      catalogue: this.catalogue,
      extractor: this.extractor,
      source,
      all: settings.all,
      // A summary needs the lines around each hit (sample context) and the first and last line (the time span);
      // the stream hands over just those instead of every record.
      ...(this.summary !== undefined ? { context: SUMMARY_CONTEXT_LINES } : {}),
      unknown: settings.unknown,
      ...(settings.year !== undefined ? { year: settings.year } : {}),
      ...(settings.tz !== undefined ? { tz: settings.tz } : {}),
      ...(mtimeMs !== undefined ? { fileMtime: new Date(mtimeMs) } : {}),
      idleFlushMs: live ? LIVE_IDLE_FLUSH_MS : BATCH_IDLE_FLUSH_MS,
      onRecords: this.onRecords,
    });
  }

  private async readAll(): Promise<void> {
    const names = await expandGlobs(this.settings.files, this.io.cwd);
    const files = names.filter((n) => n !== STDIN_NAME);
    if (files.length > 0 && this.io.stderr.isTTY === true && !this.settings.quiet) {
      const { startProgress } = await import('./progress.js');
      this.progress = await startProgress(await totalSize(files), this.io.stderr);
    }
    if (this.settings.jobs > 1 && !this.settings.quiet && files.length > 0 && (await this.readParallel(names))) return;
    for (const name of names) {
      if (this.controller.signal.aborted) break;
      try {
        await this.readOne(name);
      } catch (err) {
        // After a stop, stream errors are the echo of the teardown, not news.
        if (this.stopReason !== undefined && !(err instanceof ErrlensError)) continue;
        this.fail(err);
      }
    }
  }

  /**
   * Reads every input with worker threads (`--jobs`) when that pays (see `worthParallel`): records are written in
   * the order the loop in `readAll` would write them, a summary is merged from the workers' summaries. Resolves to
   * false, having read nothing, when the inputs are better read in this thread.
   */
  private async readParallel(names: readonly string[]): Promise<boolean> {
    const { settings, io } = this;
    // The planner is small; the pool (workers, summary merging) loads only for a run that uses it.
    const { inspectInputs, planTasks, worthParallel } = await import('../parallel/plan.js');
    const inputs = await inspectInputs(names);
    const tasks = await planTasks(inputs, { jobs: settings.jobs });
    // Records (NDJSON, pretty) are written by this thread in input order; a summary or a count is merged at the end.
    if (!worthParallel(tasks, inputs, settings.jobs, undefined, this.formatter !== undefined)) return false;
    const { runParallel } = await import('../parallel/run-parallel.js');
    let result: Awaited<ReturnType<typeof runParallel>>;
    try {
      result = await runParallel(tasks, {
        jobs: settings.jobs,
        // dist/cli/scan-command.js -> dist/parallel/worker.js (import.meta is allowed in src/cli only).
        workerPath: new URL('../parallel/worker.js', import.meta.url),
        scan: {
          catalogs: settings.catalogs,
          defaultCatalogue: settings.defaultCatalog,
          all: settings.all,
          unknown: settings.unknown,
          ...(settings.year !== undefined ? { year: settings.year } : {}),
          ...(settings.tz !== undefined ? { tz: settings.tz } : {}),
          filter: {
            codes: settings.codes,
            modules: settings.modules,
            levels: settings.levels,
            ...(settings.since !== undefined ? { since: settings.since } : {}),
            ...(settings.until !== undefined ? { until: settings.until } : {}),
          },
          output:
            this.summary !== undefined
              ? { kind: 'summary', contextLines: SUMMARY_CONTEXT_LINES }
              : this.formatter !== undefined
                ? {
                    kind: 'records',
                    format: settings.format === 'pretty' ? 'pretty' : 'ndjson',
                    color: resolveColor(settings.color, io.stdout.isTTY === true, io.env),
                    explain: settings.explain,
                    utc: settings.tz !== undefined && /^(utc|z|gmt|etc\/utc)$/i.test(settings.tz.trim()),
                  }
                : { kind: 'count' },
        },
        write: (text) => this.output.write(text),
        onError: (err) => this.fail(err),
        onProgress: (bytes) => this.progress?.add(bytes),
        signal: this.controller.signal,
        stdin: io.stdin,
      });
    } catch (err) {
      // The workers could not start (a broken install, a catalogue that vanished since it was loaded here).
      this.fail(err);
      return true;
    }
    addAccounting(this.accounting, result.accounting);
    this.found += result.found;
    if (result.summary !== undefined) this.summary?.absorb(result.summary);
    return true;
  }

  /** Reads one input to its end (or until the scan stops), writing its records as they are found. */
  private async readOne(name: string): Promise<void> {
    const progress = name === STDIN_NAME ? undefined : this.progress;
    const hashing = this.summary?.input(name);
    if (name === STDIN_NAME && !this.settings.quiet && this.io.stderr.isTTY === true && (this.io.stdin() as { isTTY?: boolean }).isTTY === true) {
      // `errlens` typed alone waits on the keyboard: say so, as a silent wait looks like a hang.
      this.io.stderr.write('errlens: reading standard input (end with Ctrl-D; errlens --help for usage)\n');
    }
    const input = await openInput(name, {
      stdin: this.io.stdin,
      ...(progress !== undefined || hashing !== undefined
        ? {
            onRawChunk: (chunk: Buffer) => {
              progress?.add(chunk.length);
              hashing?.chunk(chunk);
            },
          }
        : {}),
    });
    const scanner = this.scanner(name, name === STDIN_NAME, input.mtimeMs);
    // A read error ends the source like its end would: the scanner flushes and the sink writes the records decoded
    // before it, which a rethrow inside the pipeline would destroy. It is reported once they are out.
    let readError: ErrlensError | undefined;
    const source = untilAborted(input.stream, this.controller.signal, name, () => input.close(), (err) => {
      readError = err;
    });
    try {
      await pipeline(source, scanner, this.sink());
    } finally {
      addAccounting(this.accounting, scanner.stats);
      hashing?.done();
    }
    if (readError !== undefined) throw readError;
  }

  private async followAll(): Promise<void> {
    await Promise.all(
      this.settings.files.map((name) => this.followOne(name).catch((err: unknown) => this.fail(err))),
    );
  }

  /** Follows one file until the scan stops (a signal, a closed output or `--quiet`'s first hit). */
  private async followOne(name: string): Promise<void> {
    // Loaded here: only --follow needs it.
    const { followFile } = await import('../input/follow.js');
    const source = followFile(name, {
      fromStart: this.settings.fromStart,
      signal: this.controller.signal,
      onNotice: (message) => {
        if (this.settings.quiet) return;
        // The message names the file, which may hold anything a file name can.
        writeNotice(this.io.stderr, message);
      },
    });
    const scanner = this.scanner(name, true, undefined);
    try {
      await pipeline(source, scanner, this.sink());
    } finally {
      addAccounting(this.accounting, scanner.stats);
    }
  }
}

/** Sum of the sizes of the regular files among `names`, for the progress bar; unreadable ones count 0. */
async function totalSize(names: readonly string[]): Promise<number> {
  let total = 0;
  for (const name of names) {
    try {
      const st = await stat(name);
      if (st.isFile()) total += st.size;
    } catch {
      // Reported when the file is opened.
    }
  }
  return total;
}

/**
 * Runs the scan command: reads every input in turn (or follows them all at once), writes each record as soon as it
 * is found (or one summary at the end), reports input errors without stopping, and returns the exit status.
 * Stops early, flushing what is pending, on SIGINT/SIGTERM (130/143), a closed stdout (0) or `--quiet`'s first hit.
 */
export async function runScan(settings: ScanSettings, io: CliIo): Promise<number> {
  let catalogue: Catalogue;
  try {
    catalogue = await loadCatalogue({
      catalogs: settings.catalogs,
      defaultCatalogue: settings.defaultCatalog,
      onSkip: (skipped) => {
        if (!settings.quiet) writeNotice(io.stderr, `skipped ${skipped.file}: ${skipped.reason}`);
      },
    });
  } catch (err) {
    reportError(io.stderr, err, settings.debug);
    return exitStatus({ outputClosed: false, errors: 1, found: 0, exitZero: settings.exitZero });
  }
  let formatter: RecordFormatter | undefined;
  let summary: SummaryOutput | undefined;
  if (!settings.quiet) {
    if (isSummaryFormat(settings.format)) {
      const { createSummaryOutput } = await import('./summary-output.js');
      summary = await createSummaryOutput(settings.format, catalogue.version, readVersion());
    } else {
      formatter = await createRecordFormatter(settings.format, {
        catalogueVersion: catalogue.version,
        color: resolveColor(settings.color, io.stdout.isTTY === true, io.env),
        explain: settings.explain,
        utc: settings.tz !== undefined && /^(utc|z|gmt|etc\/utc)$/i.test(settings.tz.trim()),
      });
    }
  }
  return new Scan(settings, io, catalogue, formatter, summary).run();
}
