/**
 * The scan worker's entry point (`new Worker(<dist>/parallel/worker.js, { workerData })`). It builds the scan
 * environment once from `workerData`, then runs the tasks the main thread sends, one at a time, with
 * {@link runTask}: formatted records go back in batches of about `batchBytes` characters, at most `window` of them
 * unacknowledged, so a slow output (or a file whose turn has not come) pauses the worker instead of filling memory.
 * With summary output the worker keeps one summary of all its tasks and sends it when told every task has ended
 * ('finish').
 *
 * Importing this module anywhere but in a worker started with that `workerData` does nothing.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ScanTask } from './plan.js';
import type { FromWorker, ToWorker, WorkerData } from './protocol.js';
import { createTaskEnv, runTask, serializeError, threadSummary, type TaskEnv } from './run-task.js';

function isWorkerData(value: unknown): value is WorkerData {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'errlens-scan-worker';
}

/** The state of the task being run. */
interface Current {
  readonly id: number;
  readonly controller: AbortController;
  inFlight: number;
  /** Resolved by the next ack while the window is full. */
  wake: (() => void) | undefined;
  offset: number | undefined;
  offsetWaiter: ((offset: number) => void) | undefined;
}

function serve(port: MessagePort, data: WorkerData): void {
  const post = (message: FromWorker): void => port.postMessage(message);
  let env: TaskEnv | undefined;
  let stopped = false;
  let current: Current | undefined;
  const queue: { task: ScanTask; lineOffset?: number }[] = [];
  let running = false;

  const ready = createTaskEnv(data.options).then(
    (built) => {
      env = built;
      post({ type: 'ready' });
    },
    (err: unknown) => {
      post({ type: 'fatal', error: serializeError(err) });
    },
  );

  async function runQueue(): Promise<void> {
    if (running) return;
    running = true;
    await ready;
    while (env !== undefined) {
      const next = queue.shift();
      if (next === undefined) break;
      const cur: Current = {
        id: next.task.id,
        controller: new AbortController(),
        inFlight: 0,
        wake: undefined,
        offset: next.lineOffset,
        offsetWaiter: undefined,
      };
      current = cur;
      if (stopped) cur.controller.abort();
      const signal = cur.controller.signal;
      const result = await runTask(next.task, env, {
        signal,
        batchBytes: data.batchBytes,
        batch: (text) => {
          post({ type: 'batch', id: cur.id, text });
          cur.inFlight++;
          if (cur.inFlight < data.window || signal.aborted) return Promise.resolve();
          return new Promise<void>((resolve) => {
            cur.wake = resolve;
          });
        },
        lines: (count) => post({ type: 'lines', id: cur.id, count }),
        lineOffset: () =>
          cur.offset !== undefined
            ? Promise.resolve(cur.offset)
            : new Promise<number>((resolve, reject) => {
                if (signal.aborted) {
                  reject(new Error('stopped'));
                  return;
                }
                cur.offsetWaiter = resolve;
                signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
              }),
        progress: (bytes) => post({ type: 'progress', id: cur.id, bytes }),
      });
      current = undefined;
      post({ type: 'done', id: cur.id, result });
    }
    running = false;
  }

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'task':
        queue.push({ task: message.task, ...(message.lineOffset !== undefined ? { lineOffset: message.lineOffset } : {}) });
        void runQueue();
        break;
      case 'offset': {
        // It may come before the task starts (the environment may still be loading): kept until then.
        const queued = queue.find((q) => q.task.id === message.id);
        if (queued !== undefined) queued.lineOffset = message.lineOffset;
        if (current?.id === message.id) {
          current.offset = message.lineOffset;
          const waiter = current.offsetWaiter;
          current.offsetWaiter = undefined;
          waiter?.(message.lineOffset);
        }
        break;
      }
      case 'ack':
        if (current?.id === message.id) {
          current.inFlight--;
          const wake = current.wake;
          current.wake = undefined;
          wake?.();
        }
        break;
      case 'finish':
        // Sent once every task has ended: nothing runs now.
        post({ type: 'summary', summary: env !== undefined ? threadSummary(env) : undefined });
        break;
      case 'stop': {
        stopped = true;
        const cur = current;
        if (cur !== undefined) {
          cur.controller.abort();
          // A full window must not hold the task: what it still produces is taken without acks.
          const wake = cur.wake;
          cur.wake = undefined;
          wake?.();
        }
        break;
      }
    }
  });
}

if (!isMainThread && parentPort !== null && isWorkerData(workerData)) serve(parentPort, workerData);
