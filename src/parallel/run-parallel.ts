/**
 * `runParallel`: the tasks of a plan on a pool of worker threads, with the output the single-thread scan would give.
 *
 * - Records: each task's formatted text is written in task order, so every file keeps its order and files come in
 *   the order given. A task whose turn has not come is buffered, up to `maxBufferedBytes`; past that its worker is
 *   not acknowledged and waits (so memory stays bounded) until its turn.
 * - Summary: each task's summary comes back whole; they are merged with `mergeSummaries` in task order after the
 *   seams between shards are patched (`seams.ts`); shards' line numbers are already those of the whole file. The
 *   result equals the single-thread summary but for `accounting.records`, which the stream's fast path counts
 *   approximately anyway: a shard's first and last lines are edge lines that go through the folder, so a stack
 *   trace there counts as one record where the single-thread scan skipped its lines as one record each.
 * - Line numbers of shards: a shard before the last counts its lines first and reports the count; a shard after the
 *   first is told the number of lines before it (the sum of its predecessors' counts) before it scans.
 * - Errors: an input that fails is reported once through `onError` (in task order), the other inputs go on.
 * - Stop (`signal`): workers stop reading, flush what they hold and report; tasks not started are skipped. Output is
 *   written in order up to and including the first task cut short, so it is always the start of the full output (as
 *   a single-thread scan stopped at that point); later tasks' text is dropped. Workers that do not answer within
 *   `stopTimeoutMs` are terminated.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { ErrlensError, type ErrlensErrorCode } from '../errors.js';
import { mergeSummaries, type SummaryJson } from '../report/summary-json.js';
import { createSummary } from '../report/summary.js';
import type { LineAccounting } from '../types.js';
import type { ScanTask } from './plan.js';
import type { FromWorker, SerializedError, SummaryOutput, TaskResult, TaskScanOptions, ToWorker, WorkerData } from './protocol.js';
import { createTaskEnv, runTask, serializeError, type TaskEnv } from './run-task.js';
import { patchSeams, type ShardPart } from './seams.js';

/** Default of {@link RunParallelOptions.maxBufferedBytes}: 32 MiB per task. */
export const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Default of {@link RunParallelOptions.batchBytes}: 64 KiB. */
export const DEFAULT_BATCH_BYTES = 64 * 1024;
/** Default of {@link RunParallelOptions.window}. */
export const DEFAULT_WINDOW = 4;
/** Default of {@link RunParallelOptions.stopTimeoutMs}. */
export const DEFAULT_STOP_TIMEOUT_MS = 2000;

/** Options of {@link runParallel}. */
export interface RunParallelOptions {
  /** Most worker threads (at least 1). */
  readonly jobs: number;
  /**
   * The worker script: `dist/parallel/worker.js`. ESM code finds it with
   * `new URL('../parallel/worker.js', import.meta.url)` from a module in `dist/cli/`.
   */
  readonly workerPath: string | URL;
  /** How every task is scanned and what it outputs. */
  readonly scan: TaskScanOptions;
  /** Records output: takes the text in order; the next write waits for the promise (backpressure). */
  readonly write?: (text: string) => Promise<void> | void;
  /** Told once per failed input, in task order, e.g. `errlens: cannot read a.log: permission denied`. */
  readonly onError?: (error: Error, task: ScanTask) => void;
  /** Raw bytes read, told now and then (for a progress bar). */
  readonly onProgress?: (bytes: number) => void;
  /** Stops the scan; what is complete is still written. */
  readonly signal?: AbortSignal;
  /** What "-" reads. Default `process.stdin`. */
  readonly stdin?: () => Readable;
  /** Formatted bytes buffered per task whose turn has not come before its worker waits. Default 32 MiB. */
  readonly maxBufferedBytes?: number;
  /** Characters per batch a worker sends. Default 64 KiB. */
  readonly batchBytes?: number;
  /** Batches a worker may send ahead of acknowledgement. Default 4. */
  readonly window?: number;
  /** After a stop, how long workers get to report before they are terminated. Default 2000 ms. */
  readonly stopTimeoutMs?: number;
}

/** What {@link runParallel} resolves to. */
export interface ParallelResult {
  /** The sum of every task's accounting. */
  readonly accounting: LineAccounting;
  /** Kept records with hits. */
  readonly found: number;
  /** Inputs that failed (each reported once through `onError`). */
  readonly errors: number;
  /** Summary output: the merged summary, its accounting the total. */
  readonly summary?: SummaryJson;
}

interface Chunk {
  readonly text: string;
  /** Acknowledges the batch to its worker (flow control); called once. */
  release: (() => void) | undefined;
}

interface TaskState {
  readonly task: ScanTask;
  readonly chunks: Chunk[];
  bufferedBytes: number;
  /** Line count reported by a shard before the last. */
  lines: number | undefined;
  offsetSent: boolean;
  slot: Slot | undefined;
  result: TaskResult | undefined;
  /** The task was stopped (or never started) before its end: later shards of its file are not written. */
  cut: boolean;
  finished: boolean;
}

interface Slot {
  readonly worker: Worker;
  current: TaskState | undefined;
  dead: boolean;
  /** The worker built its scan environment: a failure before that is the same for every worker. */
  ready: boolean;
}

function zeroAccounting(): LineAccounting {
  return { linesRead: 0, linesWithHits: 0, linesWithoutHits: 0, linesTooLong: 0, linesUndecodable: 0, records: 0, recordsWithHits: 0, hits: 0 };
}

function addAccounting(total: LineAccounting, more: LineAccounting): void {
  for (const key of Object.keys(total) as (keyof LineAccounting)[]) total[key] += more[key];
}

/** An Error rebuilt from its serialised form: an ErrlensError when it was one, with the worker's stack. */
export function deserializeError(e: SerializedError): Error {
  const err =
    e.code !== undefined && e.what !== undefined
      ? new ErrlensError(e.code as ErrlensErrorCode, e.what, e.where)
      : new Error(e.message);
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}

/** SHA-256 and size of a file, for the summary's inputs (a sharded file is read whole by no one task). */
async function hashFile(name: string, signal: AbortSignal): Promise<{ name: string; size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(name, { highWaterMark: 1024 * 1024, signal })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch {
    // A stop, or a read error the shards report themselves: the input is listed with what was read.
  }
  return { name, size, sha256: hash.digest('hex') };
}

/**
 * Runs `tasks` (from `planTasks`, in order) on up to `options.jobs` workers and in-process (standard input), and
 * resolves when every task has ended or been skipped after a stop. Rejects only when a worker cannot start its
 * scan environment (e.g. the catalogue cannot be loaded), or when `write` throws.
 */
export async function runParallel(tasks: readonly ScanTask[], options: RunParallelOptions): Promise<ParallelResult> {
  const run = new ParallelRun(tasks, options);
  return run.run();
}

class ParallelRun {
  private readonly options: RunParallelOptions;
  private readonly states: TaskState[];
  private readonly pending: TaskState[];
  private readonly slots: Slot[] = [];
  private readonly controller = new AbortController();
  private readonly maxBuffered: number;
  private readonly accounting = zeroAccounting();
  private found = 0;
  private errors = 0;
  private cursor = 0;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  /** A task was cut short by a stop: nothing after it is written. */
  private truncated = false;
  private fatal: Error | undefined;
  private writeFailure: Error | undefined;
  private inProcessEnv: Promise<TaskEnv> | undefined;
  private readonly reportedInputs = new Set<number>();
  private readonly allDone: Promise<void>;
  private resolveAllDone: () => void = () => undefined;

  constructor(tasks: readonly ScanTask[], options: RunParallelOptions) {
    this.options = options;
    this.maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.states = tasks.map((task) => ({
      task,
      chunks: [],
      bufferedBytes: 0,
      lines: undefined,
      offsetSent: false,
      slot: undefined,
      result: undefined,
      cut: false,
      finished: false,
    }));
    this.pending = this.states.filter((s) => !(s.task.kind === 'whole' && s.task.inProcess));
    this.allDone = new Promise((resolve) => {
      this.resolveAllDone = resolve;
    });
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  async run(): Promise<ParallelResult> {
    const outer = this.options.signal;
    const onAbort = (): void => this.stop();
    if (outer !== undefined) {
      if (outer.aborted) this.stop();
      else outer.addEventListener('abort', onAbort, { once: true });
    }
    const summaryOutput = this.options.scan.output.kind === 'summary';
    // Inputs of sharded files, hashed here while the shards are scanned.
    const hashes = summaryOutput ? this.hashShardedFiles() : [];
    try {
      const workerCount = Math.min(Math.max(1, Math.floor(this.options.jobs)), this.pending.length);
      for (let i = 0; i < workerCount && !this.signal.aborted; i++) this.startWorker();
      this.checkAllDone();
      const inProcess = this.runInProcess();
      if (this.signal.aborted) this.skipPending();
      await this.allDone;
      await inProcess;
      await this.pump();
      if (this.writeFailure !== undefined) throw this.writeFailure;
      if (this.fatal !== undefined) throw this.fatal;
      return {
        accounting: { ...this.accounting },
        found: this.found,
        errors: this.errors,
        ...(summaryOutput ? { summary: this.mergedSummary(await Promise.all(hashes)) } : {}),
      };
    } finally {
      outer?.removeEventListener('abort', onAbort);
      for (const slot of this.slots) void slot.worker.terminate();
    }
  }

  /** Stops reading everywhere; the tasks report what they read. */
  private stop(): void {
    if (this.signal.aborted) return;
    this.controller.abort();
    this.skipPending();
    for (const slot of this.slots) {
      if (!slot.dead) slot.worker.postMessage({ type: 'stop' } satisfies ToWorker);
    }
    const timeout = this.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    const timer = setTimeout(() => {
      for (const slot of this.slots) {
        if (slot.current !== undefined) this.workerLost(slot, undefined);
      }
    }, timeout);
    timer.unref();
    // Buffered chunks of tasks whose worker waits for an ack: release them all, the workers are stopping.
    for (const state of this.states) for (const chunk of state.chunks) this.release(chunk);
  }

  private skipPending(): void {
    for (const state of this.pending.splice(0)) this.finish(state, undefined, true);
  }

  private hashShardedFiles(): Promise<{ name: string; size: number; sha256: string }>[] {
    const out: Promise<{ name: string; size: number; sha256: string }>[] = [];
    for (const state of this.states) {
      const t = state.task;
      if (t.kind === 'shard' && t.shard === 0) out.push(hashFile(t.name, this.signal));
    }
    return out;
  }

  private startWorker(): void {
    const data: WorkerData = {
      kind: 'errlens-scan-worker',
      options: this.options.scan,
      batchBytes: this.options.batchBytes ?? DEFAULT_BATCH_BYTES,
      window: this.options.window ?? DEFAULT_WINDOW,
    };
    const worker = new Worker(this.options.workerPath, { workerData: data });
    const slot: Slot = { worker, current: undefined, dead: false, ready: false };
    this.slots.push(slot);
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (err) => this.workerLost(slot, err));
    worker.on('exit', () => {
      if (!slot.dead) this.workerLost(slot, slot.current !== undefined ? new Error('scan worker exited') : undefined);
    });
    this.dispatch(slot);
  }

  /** A worker died or was given up on: its task ends with what is known, a new worker takes the rest. */
  private workerLost(slot: Slot, err: Error | undefined): void {
    if (slot.dead) return;
    slot.dead = true;
    void slot.worker.terminate();
    if (!slot.ready && err !== undefined) {
      // The script did not load (a wrong workerPath, a broken build): no worker will do better.
      this.fatal ??= err;
      if (slot.current !== undefined) this.finish(slot.current, undefined, true);
      slot.current = undefined;
      this.stop();
      this.checkAllDone();
      return;
    }
    const state = slot.current;
    slot.current = undefined;
    if (state !== undefined && !state.finished) {
      const result: TaskResult | undefined =
        err !== undefined ? { accounting: zeroAccounting(), found: 0, records: 0, error: serializeError(err) } : undefined;
      this.finish(state, result, true);
    }
    if (this.pending.length > 0 && !this.signal.aborted && this.fatal === undefined) this.startWorker();
    this.checkAllDone();
  }

  private dispatch(slot: Slot): void {
    if (slot.dead || slot.current !== undefined) return;
    const state = this.pending.shift();
    if (state === undefined) {
      this.checkAllDone();
      return;
    }
    slot.current = state;
    state.slot = slot;
    const offset = this.offsetFor(state);
    if (offset !== undefined) state.offsetSent = true;
    slot.worker.postMessage({ type: 'task', task: state.task, ...(offset !== undefined ? { lineOffset: offset } : {}) } satisfies ToWorker);
  }

  /** The number of lines before a shard, once every shard before it has counted its lines; 0 for the rest. */
  private offsetFor(state: TaskState): number | undefined {
    const t = state.task;
    if (t.kind !== 'shard' || t.shard === 0) return undefined;
    let sum = 0;
    for (let id = t.id - t.shard; id < t.id; id++) {
      const lines = this.states[id]?.lines;
      if (lines === undefined) return undefined;
      sum += lines;
    }
    return sum;
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        break;
      case 'fatal':
        // The scan environment cannot be built (same options as the main thread's): nothing can run.
        this.fatal ??= deserializeError(message.error);
        slot.dead = true;
        void slot.worker.terminate();
        if (slot.current !== undefined) this.finish(slot.current, undefined, true);
        slot.current = undefined;
        this.stop();
        this.checkAllDone();
        break;
      case 'lines': {
        const state = this.states[message.id];
        if (state === undefined) break;
        state.lines = message.count;
        this.sendOffsets(state.task);
        break;
      }
      case 'batch': {
        const state = this.states[message.id];
        if (state === undefined) break;
        this.takeBatch(state, message.text, () => {
          if (!slot.dead) slot.worker.postMessage({ type: 'ack', id: message.id } satisfies ToWorker);
        });
        break;
      }
      case 'progress':
        this.options.onProgress?.(message.bytes);
        break;
      case 'done': {
        const state = this.states[message.id];
        if (slot.current === state) slot.current = undefined;
        if (state !== undefined) this.finish(state, message.result, this.signal.aborted);
        this.dispatch(slot);
        this.checkAllDone();
        break;
      }
    }
  }

  /** Tells the shards of `task`'s file that were waiting the number of lines before them. */
  private sendOffsets(task: ScanTask): void {
    if (task.kind !== 'shard') return;
    const firstId = task.id - task.shard;
    for (let id = firstId + 1; id < firstId + task.shards; id++) {
      const state = this.states[id];
      if (state === undefined || state.offsetSent || state.slot === undefined || state.finished) continue;
      const offset = this.offsetFor(state);
      if (offset === undefined) continue;
      state.offsetSent = true;
      if (!state.slot.dead) state.slot.worker.postMessage({ type: 'offset', id, lineOffset: offset } satisfies ToWorker);
    }
  }

  /** Queues a batch; `ack` is called when the task may send more. */
  private takeBatch(state: TaskState, text: string, ack: () => void): void {
    const chunk: Chunk = { text, release: ack };
    state.chunks.push(chunk);
    state.bufferedBytes += text.length;
    // A task whose turn has not come is acknowledged at once while its buffer has room; the current task only when
    // its text is written, so a slow output slows the scan.
    const isCurrent = this.states[this.cursor] === state;
    if (this.signal.aborted || (!isCurrent && state.bufferedBytes <= this.maxBuffered)) this.release(chunk);
    void this.pump();
  }

  private release(chunk: Chunk): void {
    const release = chunk.release;
    chunk.release = undefined;
    release?.();
  }

  private finish(state: TaskState, result: TaskResult | undefined, stopped: boolean): void {
    if (state.finished) return;
    state.finished = true;
    state.result = result;
    state.cut = stopped || result === undefined;
    if (result !== undefined) {
      addAccounting(this.accounting, result.accounting);
      this.found += result.found;
    }
    if (state.task.kind === 'shard' && state.lines === undefined) {
      // It failed or stopped before counting: the shards after it must not wait for ever. Their output is dropped
      // (see skipOutput), so the count only needs to be a number.
      state.lines = result?.accounting.linesRead ?? 0;
      this.sendOffsets(state.task);
    }
    void this.pump();
  }

  private checkAllDone(): void {
    if (this.pending.length > 0) return;
    if (this.slots.some((s) => s.current !== undefined)) return;
    this.resolveAllDone();
  }

  /**
   * Writes what can be written, in task order. Calls while a write is under way make that pass look again before it
   * ends; the promise settles when nothing more can be written for now.
   */
  private pump(): Promise<void> {
    this.pumpAgain = true;
    this.pumping ??= this.pumpLoop();
    return this.pumping;
  }

  private async pumpLoop(): Promise<void> {
    for (;;) {
      this.pumpAgain = false;
      try {
        await this.drain();
      } catch (err) {
        this.writeFailure ??= err instanceof Error ? err : new Error(String(err));
      }
      // Checked and cleared in one synchronous step, so no call to pump() can be missed.
      if (!this.pumpAgain) {
        this.pumping = undefined;
        return;
      }
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const state = this.states[this.cursor];
      if (state === undefined) return;
      const chunk = state.chunks.shift();
      if (chunk !== undefined) {
        state.bufferedBytes -= chunk.text.length;
        if (!this.skipOutput(state)) await this.writeOut(chunk.text);
        // Chunks held back past the buffer limit are acknowledged as they are written.
        this.release(chunk);
        continue;
      }
      if (!state.finished) return;
      if (!this.truncated) this.reportError(state);
      // After a stop the output ends with the first task cut short, as a single-thread scan would: it is always the
      // start of the full output.
      if (state.cut) this.truncated = true;
      this.cursor++;
    }
  }

  /** Nothing is written after a task cut short, nor after a shard of the same file that failed. */
  private skipOutput(state: TaskState): boolean {
    if (this.truncated) return true;
    const t = state.task;
    if (t.kind !== 'shard' || t.shard === 0) return false;
    for (let id = t.id - t.shard; id < t.id; id++) {
      const before = this.states[id];
      if (before === undefined || before.cut || before.result?.error !== undefined) return true;
    }
    return false;
  }

  private async writeOut(text: string): Promise<void> {
    const write = this.options.write;
    if (write === undefined || this.writeFailure !== undefined) return;
    try {
      await write(text);
    } catch (err) {
      this.writeFailure = err instanceof Error ? err : new Error(String(err));
      this.stop();
    }
  }

  /** Reports a task's error, once per input. */
  private reportError(state: TaskState): void {
    const error = state.result?.error;
    if (error === undefined || this.reportedInputs.has(state.task.input)) return;
    this.reportedInputs.add(state.task.input);
    this.errors++;
    this.options.onError?.(deserializeError(error), state.task);
  }

  /** Standard input and the inputs that cannot be read, in the main thread, one after another. */
  private async runInProcess(): Promise<void> {
    for (const state of this.states) {
      const t = state.task;
      if (t.kind !== 'whole' || !t.inProcess) continue;
      if (this.signal.aborted) {
        this.finish(state, undefined, true);
        continue;
      }
        let result: TaskResult;
      try {
        this.inProcessEnv ??= createTaskEnv(this.options.scan);
        const env = await this.inProcessEnv;
        result = await runTask(t, env, {
          signal: this.signal,
          batchBytes: this.options.batchBytes ?? DEFAULT_BATCH_BYTES,
          batch: (text) => new Promise<void>((resolve) => this.takeBatch(state, text, resolve)),
          lines: () => undefined,
          lineOffset: () => Promise.resolve(0),
          progress: (bytes) => this.options.onProgress?.(bytes),
          ...(this.options.stdin !== undefined ? { stdin: this.options.stdin } : {}),
        });
      } catch (err) {
        this.fatal ??= err instanceof Error ? err : new Error(String(err));
        this.finish(state, undefined, true);
        this.stop();
        continue;
      }
      this.finish(state, result, this.signal.aborted);
    }
  }

  private mergedSummary(inputs: readonly { name: string; size: number; sha256: string }[]): SummaryJson {
    const output = this.options.scan.output;
    const opts: Partial<SummaryOutput> = output.kind === 'summary' ? output : {};
    const parts: SummaryJson[] = [];
    // The inputs of sharded files, and an empty summary so there is always one to merge into.
    const base = createSummary({
      ...(opts.sampleLimit !== undefined ? { sampleLimit: opts.sampleLimit } : {}),
      ...(opts.contextLines !== undefined ? { contextLines: opts.contextLines } : {}),
      ...(opts.redact !== undefined ? { redact: opts.redact } : {}),
    });
    for (const input of inputs) base.addInput(input);
    base.setAccounting(zeroAccounting());
    parts.push(base.toJSON());
    let i = 0;
    while (i < this.states.length) {
      const state = this.states[i] as TaskState;
      const t = state.task;
      if (t.kind !== 'shard') {
        if (state.result?.summary !== undefined) parts.push(state.result.summary);
        i++;
        continue;
      }
      const shards: ShardPart[] = [];
      for (let k = 0; k < t.shards; k++) {
        const r = this.states[i + k]?.result;
        if (r?.summary !== undefined) shards.push({ summary: r.summary, head: r.head ?? [], tail: r.tail ?? [] });
      }
      parts.push(...patchSeams(shards, t.name));
      i += t.shards;
    }
    const merged = parts.reduce((a, b) => mergeSummaries(a, b));
    return { ...merged, accounting: { ...this.accounting } };
  }
}
