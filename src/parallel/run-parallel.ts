/**
 * `runParallel`: the tasks of a plan on a pool of worker threads, with the output the single-thread scan would give.
 *
 * - Threads: `jobs` threads scan: this one and `jobs - 1` workers (`scanHere`), or `jobs` workers. Each takes the
 *   next task in plan order as it frees up (this thread also the tasks that cannot run in a worker: standard input,
 *   unreadable paths), so with the many small shards of `plan.ts` the load balances itself, also when other work
 *   slows one core. This thread also hands out the tasks, writes all the output and, for a summary, hashes the
 *   sharded files and merges at the end. Workers are capped (`resourceLimits`) so their heaps stay small; this
 *   thread's cannot be. Measured on 1 GiB with two jobs: with records, this thread scanning too costs 6% less CPU (a
 *   worker less to start, and this thread's young generation, not capped, collects less often) and peaks no higher
 *   (130 MB against 132); but with a summary, whose end this thread carries, it peaks higher (156 MB against 147),
 *   and with every record (`all`: 5 bytes of NDJSON per byte read, all written here) 202 MB against 178 on 200 MiB
 *   for the same CPU time: hence the default.
 * - Records: each task's formatted text is written in task order, so every file keeps its order and files come in
 *   the order given. Text of tasks whose turn has not come is buffered, up to `maxBufferedBytes` in all; past that
 *   their threads are not acknowledged and wait (so memory stays bounded) until there is room or their turn comes.
 *   The task whose turn it is always runs (tasks are taken in order), so nothing waits for ever.
 * - Summary: each thread keeps one summary of every task it runs (shards' line numbers already those of the whole
 *   file); once all tasks have ended the threads' summaries are merged with `mergeSummaries`, and the context of
 *   samples next to shard seams is completed (`seams.ts`). The result equals the single-thread summary but for
 *   `accounting.records`, which the stream's fast path counts approximately anyway: a shard's first and last lines
 *   are edge lines that go through the folder, so a stack trace there counts as one record where the single-thread
 *   scan skipped its lines as one record each.
 * - Line numbers of shards: a shard before the last counts its lines first and reports the count; a shard after the
 *   first is told the number of lines before it (the sum of its predecessors' counts) before its first record.
 * - Errors: an input that fails is reported once through `onError` (in task order), the other inputs go on.
 * - Stop (`signal`): threads stop reading, flush what they hold and report; tasks not started are skipped. Output is
 *   written in order up to and including the first task cut short, so it is always the start of the full output (as
 *   a single-thread scan stopped at that point); later tasks' text is dropped. Workers that do not answer within
 *   `stopTimeoutMs` are terminated.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { ErrlensError, type ErrlensErrorCode } from '../errors.js';
import { mergeSummaries, type SummaryJson } from '../report/summary-json.js';
import { createSummary } from '../report/summary.js';
import type { LineAccounting } from '../types.js';
import type { ScanTask } from './plan.js';
import type { FromWorker, SerializedError, SummaryOutput, TaskResult, TaskScanOptions, ToWorker, WorkerData } from './protocol.js';
import { addAccounting, createTaskEnv, runTask, serializeError, threadSummary, zeroAccounting, type TaskEnv, type TaskHooks } from './run-task.js';
import { patchSeams, type ShardSeam } from './seams.js';

/** Default of {@link RunParallelOptions.maxBufferedBytes}: 8 MiB in all. */
export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Default of {@link RunParallelOptions.batchBytes}: 64 KiB. */
export const DEFAULT_BATCH_BYTES = 64 * 1024;
/**
 * Default of {@link RunParallelOptions.window}: 16 batches (1 MiB at the default batch size). A main thread that scans
 * too answers between its own chunks, a millisecond or more later; with 4, a worker on NDJSON waited for
 * acknowledgements 60% of its time.
 */
export const DEFAULT_WINDOW = 16;
/**
 * Default of {@link RunParallelOptions.workerYoungGenerationMb}: 12 MB. V8 grows a scanning thread's young generation
 * to 48 MB; a third of that costs a few percent more scavenges and saves tens of MB per worker.
 */
export const DEFAULT_WORKER_YOUNG_GENERATION_MB = 12;
/**
 * Default of {@link RunParallelOptions.workerOldGenerationMb}: 256 MB. Far above what a worker keeps (its catalogue,
 * one shard's records, its summary: about 10 MB), it is there for its side effect: V8 lets a heap this small grow
 * only 1.3 times its live size between full collections, where by default (a limit in GB) it grows 4 times, which is
 * garbage held in every worker.
 */
export const DEFAULT_WORKER_OLD_GENERATION_MB = 256;
/** Default of {@link RunParallelOptions.stopTimeoutMs}. */
export const DEFAULT_STOP_TIMEOUT_MS = 2000;

/** Options of {@link runParallel}. */
export interface RunParallelOptions {
  /** Threads that scan: this thread and `jobs - 1` workers with `scanHere`, else `jobs` workers (at least 1). */
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
  /**
   * Formatted characters buffered in all for tasks whose turn has not come; past that their threads wait. Default
   * 8 MiB.
   */
  readonly maxBufferedBytes?: number;
  /** Characters per batch a worker sends. Default 64 KiB. */
  readonly batchBytes?: number;
  /** Batches a worker may send ahead of acknowledgement. Default 4. */
  readonly window?: number;
  /** After a stop, how long workers get to report before they are terminated. Default 2000 ms. */
  readonly stopTimeoutMs?: number;
  /**
   * This thread scans too (`jobs - 1` workers), or only runs what must run here (`jobs` workers). Default: true, but
   * false for summary output and with `scan.all` (see the module comment).
   */
  readonly scanHere?: boolean;
  /** Most MB of a worker's young generation (V8 `maxYoungGenerationSizeMb`); 0 leaves V8's default. Default 12. */
  readonly workerYoungGenerationMb?: number;
  /** Most MB of a worker's old generation (V8 `maxOldGenerationSizeMb`); 0 leaves V8's default. Default 256. */
  readonly workerOldGenerationMb?: number;
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
  /** Line count reported by a shard before the last. */
  lines: number | undefined;
  /** The number of lines before the shard was given to the thread that runs it. */
  offsetSent: boolean;
  runner: Runner | undefined;
  /** A shard run in this thread, waiting for the number of lines before it. */
  offsetWaiter: ((offset: number) => void) | undefined;
  result: TaskResult | undefined;
  /** The task was stopped (or never started) before its end: later shards of its file are not written. */
  cut: boolean;
  finished: boolean;
}

/** A thread that runs tasks, one at a time: a worker, or this thread. */
interface Runner {
  /** Undefined for this thread. */
  readonly worker: Worker | undefined;
  current: TaskState | undefined;
  /**
   * A worker's next task, sent while the current one runs: it starts without waiting for this thread to answer
   * 'done', which a thread busy scanning does a millisecond or more later, every task.
   */
  queued: TaskState | undefined;
  dead: boolean;
  /** The worker built its scan environment: a failure before that is the same for every worker. */
  ready: boolean;
  /** Waits for the worker's answer to 'finish'. */
  onSummary: ((summary: SummaryJson | undefined) => void) | undefined;
  /** Settles once the worker is ready or lost. */
  readonly started: Promise<void>;
  settleStarted: () => void;
}

function newRunner(worker: Worker | undefined): Runner {
  let settle: () => void = () => undefined;
  const started = worker === undefined ? Promise.resolve() : new Promise<void>((resolve) => (settle = resolve));
  return { worker, current: undefined, queued: undefined, dead: false, ready: worker === undefined, onSummary: undefined, started, settleStarted: settle };
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

/** Bytes per read when hashing a sharded file. */
const HASH_READ_BYTES = 1024 * 1024;

/**
 * SHA-256 and size of a file, for the summary's inputs (a sharded file is read whole by no one task). One buffer for
 * every read: a stream would allocate each chunk anew, and a megabyte freed is kept by the allocator.
 */
async function hashFile(name: string, signal: AbortSignal): Promise<{ name: string; size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    const handle = await open(name, 'r');
    try {
      const buffer = Buffer.allocUnsafeSlow(HASH_READ_BYTES);
      while (!signal.aborted) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, size);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        size += bytesRead;
      }
    } finally {
      await handle.close();
    }
  } catch {
    // A read error the shards report themselves: the input is listed with what was read.
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
  private readonly runners: Runner[] = [];
  private readonly here: Runner = newRunner(undefined);
  private readonly controller = new AbortController();
  private readonly maxBuffered: number;
  private readonly scanHere: boolean;
  /** Characters of formatted text held in all tasks' chunks. */
  private buffered = 0;
  /** Chunks of tasks whose turn has not come, not acknowledged because the buffer was full: oldest first. */
  private readonly held: Chunk[] = [];
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
  private hereEnv: Promise<TaskEnv> | undefined;
  /** Resolves this thread's wait for room in the output (see hereBehind). */
  private wakeHere: (() => void) | undefined;
  private readonly reportedInputs = new Set<number>();
  private readonly allDone: Promise<void>;
  private resolveAllDone: () => void = () => undefined;

  constructor(tasks: readonly ScanTask[], options: RunParallelOptions) {
    this.options = options;
    this.maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.scanHere = options.scanHere ?? (options.scan.output.kind !== 'summary' && !options.scan.all);
    this.states = tasks.map((task) => ({
      task,
      chunks: [],
      lines: undefined,
      offsetSent: false,
      runner: undefined,
      offsetWaiter: undefined,
      result: undefined,
      cut: false,
      finished: false,
    }));
    this.pending = [...this.states];
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
      // This thread takes its first task before any worker exists: it starts at once, the workers when ready.
      const here = this.runHere();
      const forWorkers = this.pending.filter((s) => mayRunInWorker(s.task)).length;
      const workerCount = Math.min(Math.max(1, Math.floor(this.options.jobs)) - (this.scanHere ? 1 : 0), forWorkers);
      for (let i = 0; i < workerCount && !this.signal.aborted; i++) this.startWorker();
      this.checkAllDone();
      await here;
      await this.allDone;
      // A worker still starting: whether it can start decides the run, however fast the other threads were (a broken
      // install fails every run, not only the long ones).
      await Promise.all(this.runners.map((r) => r.started));
      const threads = summaryOutput ? await this.threadSummaries() : [];
      // Their heaps go before the rest is written or merged (and before the caller renders): the run peaks lower.
      await this.endWorkers();
      await this.pump();
      if (this.writeFailure !== undefined) throw this.writeFailure;
      if (this.fatal !== undefined) throw this.fatal;
      return {
        accounting: { ...this.accounting },
        found: this.found,
        errors: this.errors,
        ...(summaryOutput ? { summary: this.mergedSummary(threads, await Promise.all(hashes)) } : {}),
      };
    } finally {
      outer?.removeEventListener('abort', onAbort);
      void this.endWorkers();
    }
  }

  /** Terminates every worker; resolves once they have exited. */
  private async endWorkers(): Promise<void> {
    const exits: Promise<number>[] = [];
    for (const runner of this.runners) {
      runner.dead = true;
      runner.settleStarted();
      if (runner.worker !== undefined) exits.push(runner.worker.terminate());
    }
    await Promise.all(exits);
  }

  /** Stops reading everywhere; the tasks report what they read. */
  private stop(): void {
    if (this.signal.aborted) return;
    this.controller.abort();
    this.wake();
    this.skipPending();
    for (const runner of this.runners) {
      if (!runner.dead) runner.worker?.postMessage({ type: 'stop' } satisfies ToWorker);
    }
    const timeout = this.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    const timer = setTimeout(() => {
      for (const runner of this.runners) {
        if (runner.current !== undefined) this.workerLost(runner, undefined);
      }
    }, timeout);
    timer.unref();
    // Buffered chunks whose thread waits for an ack: release them all, the threads are stopping.
    for (const state of this.states) for (const chunk of state.chunks) this.release(chunk);
    this.held.length = 0;
  }

  private skipPending(): void {
    for (const state of this.pending.splice(0)) this.finish(state, undefined, true);
    this.checkAllDone();
  }

  /** The sharded files hashed one after another (at once, they would only compete for this thread). */
  private hashShardedFiles(): Promise<{ name: string; size: number; sha256: string }>[] {
    const out: Promise<{ name: string; size: number; sha256: string }>[] = [];
    let previous: Promise<unknown> = Promise.resolve();
    for (const state of this.states) {
      const t = state.task;
      if (t.kind !== 'shard' || t.shard !== 0) continue;
      const next = previous.then(() => hashFile(t.name, this.signal));
      out.push(next);
      previous = next;
    }
    return out;
  }

  /**
   * The next pending task in plan order that `runner` may run, now its own; undefined when there is none. A worker
   * takes any task but those that must run here; this thread only those, unless it scans too. Taken in order, the
   * first unfinished task always runs somewhere, so a task waiting for its turn never waits for ever.
   */
  private take(runner: Runner): TaskState | undefined {
    if (this.signal.aborted || runner.dead) return undefined;
    const inWorker = runner.worker !== undefined;
    const index = !inWorker && this.scanHere ? 0 : this.pending.findIndex((s) => mayRunInWorker(s.task) === inWorker);
    if (index < 0 || index >= this.pending.length) return undefined;
    const [state] = this.pending.splice(index, 1) as [TaskState];
    state.runner = runner;
    return state;
  }

  /** Puts a task a lost worker had not started back among the pending ones, in plan order. */
  private untake(state: TaskState): void {
    state.runner = undefined;
    state.offsetSent = false;
    const at = this.pending.findIndex((s) => s.task.id > state.task.id);
    this.pending.splice(at < 0 ? this.pending.length : at, 0, state);
  }

  /**
   * This thread's share: tasks one after another, until none it may run is left. (A task given back by a lost worker
   * goes to the worker started in its place.)
   */
  private async runHere(): Promise<void> {
    const runner = this.here;
    for (;;) {
      while (this.hereBehind()) await new Promise<void>((resolve) => (this.wakeHere = resolve));
      const state = this.take(runner);
      if (state === undefined) return;
      runner.current = state;
      let result: TaskResult;
      try {
        this.hereEnv ??= createTaskEnv(this.options.scan);
        const env = await this.hereEnv;
        result = await runTask(state.task, env, this.hooksHere(state));
      } catch (err) {
        // The scan environment cannot be built: no thread will do better.
        this.fatal ??= err instanceof Error ? err : new Error(String(err));
        runner.current = undefined;
        this.finish(state, undefined, true);
        this.stop();
        return;
      }
      runner.current = undefined;
      this.finish(state, result, this.signal.aborted);
      this.checkAllDone();
    }
  }

  /**
   * Whether this thread, scanning too, should leave the next task to the workers for now. It writes every task's
   * text: when the text of tasks whose turn has not come piles up, the workers are ahead of it (output several times
   * the input, as pretty with explanations), and another shard here would only make them wait for room in the
   * buffer. It catches up with the writing first. What only this thread may run, it runs; and a worker must be there.
   */
  private hereBehind(): boolean {
    if (!this.scanHere || this.signal.aborted || this.buffered <= this.maxBuffered / 2) return false;
    const next = this.pending[0];
    return next !== undefined && mayRunInWorker(next.task) && this.runners.some((r) => !r.dead && r.ready);
  }

  /** Lets this thread look again whether to take a task (after output was written, a task ended or a stop). */
  private wake(): void {
    const wake = this.wakeHere;
    this.wakeHere = undefined;
    wake?.();
  }

  private hooksHere(state: TaskState): TaskHooks {
    return {
      signal: this.signal,
      batchBytes: this.options.batchBytes ?? DEFAULT_BATCH_BYTES,
      yieldOften: true,
      batch: (text) => new Promise<void>((resolve) => this.takeBatch(state, text, resolve)),
      lines: (count) => this.setLines(state, count),
      lineOffset: () => this.offsetHere(state),
      progress: (bytes) => this.options.onProgress?.(bytes),
      ...(this.options.stdin !== undefined ? { stdin: this.options.stdin } : {}),
    };
  }

  /** The number of lines before a shard run in this thread, once known; rejects on a stop (as in a worker). */
  private offsetHere(state: TaskState): Promise<number> {
    const t = state.task;
    const offset = t.kind === 'shard' && t.shard > 0 ? this.offsetFor(state) : 0;
    if (offset !== undefined) {
      state.offsetSent = true;
      return Promise.resolve(offset);
    }
    if (this.signal.aborted) return Promise.reject(new Error('stopped'));
    return new Promise<number>((resolve, reject) => {
      const onAbort = (): void => {
        state.offsetWaiter = undefined;
        reject(new Error('stopped'));
      };
      this.signal.addEventListener('abort', onAbort, { once: true });
      state.offsetWaiter = (n) => {
        this.signal.removeEventListener('abort', onAbort);
        resolve(n);
      };
    });
  }

  private startWorker(): void {
    const data: WorkerData = {
      kind: 'errlens-scan-worker',
      options: this.options.scan,
      batchBytes: this.options.batchBytes ?? DEFAULT_BATCH_BYTES,
      window: this.options.window ?? DEFAULT_WINDOW,
    };
    const youngMb = this.options.workerYoungGenerationMb ?? DEFAULT_WORKER_YOUNG_GENERATION_MB;
    const oldMb = this.options.workerOldGenerationMb ?? DEFAULT_WORKER_OLD_GENERATION_MB;
    const worker = new Worker(this.options.workerPath, {
      workerData: data,
      resourceLimits: {
        ...(youngMb > 0 ? { maxYoungGenerationSizeMb: youngMb } : {}),
        ...(oldMb > 0 ? { maxOldGenerationSizeMb: oldMb } : {}),
      },
    });
    const runner = newRunner(worker);
    this.runners.push(runner);
    worker.on('message', (message: FromWorker) => this.onMessage(runner, message));
    worker.on('error', (err) => this.workerLost(runner, err));
    worker.on('exit', () => {
      if (!runner.dead) this.workerLost(runner, runner.current !== undefined || !runner.ready ? new Error('scan worker exited') : undefined);
    });
  }

  /** A worker died or was given up on: its task ends with what is known, a new worker takes the rest. */
  private workerLost(runner: Runner, err: Error | undefined): void {
    if (runner.dead) return;
    runner.dead = true;
    this.wake();
    runner.settleStarted();
    runner.onSummary?.(undefined);
    void runner.worker?.terminate();
    if (!runner.ready && err !== undefined) {
      // The script did not load (a wrong workerPath, a broken build): no worker will do better.
      this.fatal ??= err;
      this.dropTasks(runner);
      this.stop();
      this.checkAllDone();
      return;
    }
    const state = runner.current;
    const queued = runner.queued;
    runner.current = undefined;
    runner.queued = undefined;
    // Not started: another worker runs it (after a stop, nothing does).
    if (queued !== undefined && !queued.finished) {
      if (this.signal.aborted) this.finish(queued, undefined, true);
      else this.untake(queued);
    }
    if (state !== undefined && !state.finished) {
      // A crash fails its task as a read error would: reported in its place, the rest of its file not written, the
      // other inputs go on. A worker given up on after a stop ends its task cut short.
      const result: TaskResult | undefined =
        err !== undefined ? { accounting: zeroAccounting(), found: 0, records: 0, error: serializeError(err) } : undefined;
      this.finish(state, result, result === undefined || this.signal.aborted);
    }
    if (this.pending.some((s) => mayRunInWorker(s.task)) && !this.signal.aborted && this.fatal === undefined) this.startWorker();
    this.checkAllDone();
  }

  /** Ends the tasks a worker held as cut short (it can run none). */
  private dropTasks(runner: Runner): void {
    for (const state of [runner.current, runner.queued]) if (state !== undefined) this.finish(state, undefined, true);
    runner.current = undefined;
    runner.queued = undefined;
  }

  /** Gives a ready worker a task to run and one to run next, as far as there are any. */
  private dispatch(runner: Runner): void {
    const worker = runner.worker;
    if (worker === undefined || !runner.ready) return;
    while (runner.current === undefined || runner.queued === undefined) {
      const state = this.take(runner);
      if (state === undefined) break;
      if (runner.current === undefined) runner.current = state;
      else runner.queued = state;
      const offset = this.offsetFor(state);
      if (offset !== undefined) state.offsetSent = true;
      worker.postMessage({ type: 'task', task: state.task, ...(offset !== undefined ? { lineOffset: offset } : {}) } satisfies ToWorker);
    }
    this.checkAllDone();
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

  private onMessage(runner: Runner, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        runner.ready = true;
        runner.settleStarted();
        this.dispatch(runner);
        break;
      case 'fatal':
        // The scan environment cannot be built (same options as this thread's): nothing can run.
        this.fatal ??= deserializeError(message.error);
        runner.dead = true;
        runner.settleStarted();
        runner.onSummary?.(undefined);
        void runner.worker?.terminate();
        this.dropTasks(runner);
        this.stop();
        this.checkAllDone();
        break;
      case 'lines': {
        const state = this.states[message.id];
        if (state !== undefined) this.setLines(state, message.count);
        break;
      }
      case 'batch': {
        const state = this.states[message.id];
        if (state === undefined) break;
        this.takeBatch(state, message.text, () => {
          if (!runner.dead) runner.worker?.postMessage({ type: 'ack', id: message.id } satisfies ToWorker);
        });
        break;
      }
      case 'progress':
        this.options.onProgress?.(message.bytes);
        break;
      case 'summary':
        runner.onSummary?.(message.summary);
        break;
      case 'done': {
        const state = this.states[message.id];
        if (runner.current === state) {
          runner.current = runner.queued;
          runner.queued = undefined;
        }
        if (state !== undefined) this.finish(state, message.result, this.signal.aborted);
        this.dispatch(runner);
        this.checkAllDone();
        break;
      }
    }
  }

  private setLines(state: TaskState, count: number): void {
    state.lines = count;
    this.sendOffsets(state.task);
  }

  /** Tells the shards of `task`'s file that were waiting the number of lines before them. */
  private sendOffsets(task: ScanTask): void {
    if (task.kind !== 'shard') return;
    const firstId = task.id - task.shard;
    for (let id = firstId + 1; id < firstId + task.shards; id++) {
      const state = this.states[id];
      if (state === undefined || state.offsetSent || state.runner === undefined || state.finished) continue;
      // A shard in this thread asks when it needs it (offsetHere); only one already waiting is told here.
      if (state.runner.worker === undefined && state.offsetWaiter === undefined) continue;
      const offset = this.offsetFor(state);
      if (offset === undefined) break;
      state.offsetSent = true;
      if (state.runner.worker === undefined) {
        const waiter = state.offsetWaiter;
        state.offsetWaiter = undefined;
        waiter?.(offset);
      } else if (!state.runner.dead) {
        state.runner.worker.postMessage({ type: 'offset', id, lineOffset: offset } satisfies ToWorker);
      }
    }
  }

  /** Queues a batch; `ack` is called when the task may send more. */
  private takeBatch(state: TaskState, text: string, ack: () => void): void {
    const chunk: Chunk = { text, release: ack };
    state.chunks.push(chunk);
    this.buffered += text.length;
    // A task whose turn has not come is acknowledged at once while the buffer has room; the current task only when
    // its text is written, so a slow output slows the scan.
    if (this.signal.aborted) this.release(chunk);
    else if (this.states[this.cursor] !== state) {
      if (this.buffered <= this.maxBuffered) this.release(chunk);
      else this.held.push(chunk);
    }
    void this.pump();
  }

  private release(chunk: Chunk): void {
    const release = chunk.release;
    chunk.release = undefined;
    release?.();
  }

  /** Acknowledges held chunks, oldest first, while the buffer has room. */
  private releaseHeld(): void {
    while (this.buffered <= this.maxBuffered) {
      const chunk = this.held.shift();
      if (chunk === undefined) return;
      this.release(chunk);
    }
  }

  private finish(state: TaskState, result: TaskResult | undefined, stopped: boolean): void {
    if (state.finished) return;
    state.finished = true;
    this.wake();
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
    if (this.here.current !== undefined || this.runners.some((r) => r.current !== undefined || r.queued !== undefined)) return;
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
        if (!this.skipOutput(state)) await this.writeOut(chunk.text);
        this.buffered -= chunk.text.length;
        // The current task's chunks, and chunks held back when the buffer was full, are acknowledged once written.
        this.release(chunk);
        this.releaseHeld();
        if (this.wakeHere !== undefined && !this.hereBehind()) this.wake();
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

  /**
   * Every thread's summary of the tasks it ran, asked for once all tasks have ended: each worker's in turn, the
   * worker ended as soon as it has answered, then this thread's. Making a summary and passing it on takes memory; one
   * thread at a time, with the workers already answered gone, the run peaks lower.
   */
  private async threadSummaries(): Promise<SummaryJson[]> {
    const out: SummaryJson[] = [];
    for (const runner of this.runners) {
      if (runner.dead || !runner.ready || runner.worker === undefined) continue;
      const worker = runner.worker;
      const summary = await new Promise<SummaryJson | undefined>((resolve) => {
        runner.onSummary = resolve;
        worker.postMessage({ type: 'finish' } satisfies ToWorker);
      });
      runner.dead = true;
      await worker.terminate();
      if (summary !== undefined) out.push(summary);
    }
    await this.endWorkers();
    const env = this.hereEnv === undefined ? undefined : await this.hereEnv.catch(() => undefined);
    const here = env === undefined ? undefined : threadSummary(env);
    if (here !== undefined) out.push(here);
    return out;
  }

  private mergedSummary(threads: readonly SummaryJson[], inputs: readonly { name: string; size: number; sha256: string }[]): SummaryJson {
    const output = this.options.scan.output;
    const opts: Partial<SummaryOutput> = output.kind === 'summary' ? output : {};
    // The inputs of sharded files, and an empty summary so there is always one to merge into.
    const base = createSummary({
      ...(opts.sampleLimit !== undefined ? { sampleLimit: opts.sampleLimit } : {}),
      ...(opts.contextLines !== undefined ? { contextLines: opts.contextLines } : {}),
      ...(opts.redact !== undefined ? { redact: opts.redact } : {}),
    });
    for (const input of inputs) base.addInput(input);
    base.setAccounting(zeroAccounting());
    const merged = mergeAll([base.toJSON(), ...threads]);
    return { ...patchSeams(merged, this.shardSeams()), accounting: { ...this.accounting } };
  }

  /** Each sharded file's shards in order: first line, and the context texts of their first and last records. */
  private shardSeams(): Map<string, ShardSeam[]> {
    const files = new Map<string, ShardSeam[]>();
    let firstLine = 1;
    for (const state of this.states) {
      const t = state.task;
      if (t.kind !== 'shard') continue;
      if (t.shard === 0) {
        firstLine = 1;
        // The same file twice: its shards are the same, the first list serves both.
        if (files.has(t.name)) continue;
        files.set(t.name, []);
      }
      const shards = files.get(t.name);
      if (shards === undefined || shards.length !== t.shard) continue;
      shards.push({ firstLine, head: state.result?.head ?? [], tail: state.result?.tail ?? [] });
      firstLine += state.lines ?? 0;
    }
    return files;
  }
}

/**
 * Merges summaries in a balanced tree of neighbours rather than one after another. Each merge costs about the size of
 * its operands (the "A then B" search of `finishSummary` runs over their histograms), so folding many shards into
 * one growing summary costs the shard count times the whole; a tree costs its depth times the whole.
 */
function mergeAll(parts: readonly SummaryJson[]): SummaryJson {
  let level = parts;
  while (level.length > 1) {
    const next: SummaryJson[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as SummaryJson;
      const b = level[i + 1];
      next.push(b === undefined ? a : mergeSummaries(a, b));
    }
    level = next;
  }
  return level[0] as SummaryJson;
}

/** Standard input and unreadable paths run in this thread only (see `plan.ts`). */
function mayRunInWorker(task: ScanTask): boolean {
  return !(task.kind === 'whole' && task.inProcess);
}
