/**
 * The worker protocol, against the build: the worker script is `dist/parallel/worker.js` (jest's transform does not
 * reach into worker threads), driven here message by message.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, TaskResult, ToWorker, WorkerData } from '../../src/parallel/protocol.js';
import type { ShardTask } from '../../src/parallel/plan.js';
import { SEAM_TEXT } from '../../src/parallel/seams.js';
import { makeTempDir } from '../cli/helpers/temp-dir.js';

const WORKER = path.join(__dirname, '../../dist/parallel/worker.js');

let tmp: { dir: string; remove: () => void };
beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error('build first: npx tsc -p tsconfig.build.json');
  tmp = makeTempDir('errlens-worker-');
});
afterAll(() => tmp?.remove());

function start(data: Partial<WorkerData> & Pick<WorkerData, 'options'>): { worker: Worker; messages: FromWorker[]; done: Promise<TaskResult> } {
  const worker = new Worker(WORKER, { workerData: { kind: 'errlens-scan-worker', batchBytes: 1, window: 2, ...data } satisfies WorkerData });
  const messages: FromWorker[] = [];
  const done = new Promise<TaskResult>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (m: FromWorker) => {
      messages.push(m);
      if (m.type === 'batch') worker.postMessage({ type: 'ack', id: m.id } satisfies ToWorker);
      if (m.type === 'done') resolve(m.result);
      if (m.type === 'fatal') reject(new Error(m.error.message));
    });
  });
  return { worker, messages, done };
}

const LINES = ['first line', 'request failed, code: 2302001, message: x', 'third line', 'again code: 2302001', ''].join('\n');

describe('scan worker', () => {
  it('takes a line offset sent before it is ready, and numbers records in the whole file', async () => {
    const file = path.join(tmp.dir, 'f.log');
    writeFileSync(file, LINES);
    const start1 = LINES.indexOf('request');
    // Sent at once: the task and its offset arrive while the worker is still loading its catalogue.
    const { worker, messages, done } = start({
      options: { catalogs: [], defaultCatalogue: true, all: false, unknown: false, year: 2026, tz: 'UTC', filter: {}, output: { kind: 'records', format: 'ndjson' } },
    });
    const task: ShardTask = { kind: 'shard', id: 3, input: 0, name: file, shard: 1, shards: 2, start: start1, end: undefined };
    worker.postMessage({ type: 'task', task } satisfies ToWorker);
    worker.postMessage({ type: 'offset', id: 3, lineOffset: 1 } satisfies ToWorker);
    const result = await done;
    await worker.terminate();
    expect(result.error).toBeUndefined();
    expect(result.accounting.linesRead).toBe(3);
    const text = messages.flatMap((m) => (m.type === 'batch' ? [m.text] : [])).join('');
    const lines = text.trim().split('\n').map((l) => (JSON.parse(l) as { errlens: { line: number } }).errlens.line);
    expect(lines).toEqual([2, 4]);
    // Batches of one record each, window 2: every batch acknowledged, none lost.
    expect(messages.filter((m) => m.type === 'batch')).toHaveLength(2);
  });

  it('counts the lines of a shard before the last before it scans it', async () => {
    const file = path.join(tmp.dir, 'g.log');
    writeFileSync(file, LINES);
    const end = LINES.indexOf('third');
    const { worker, messages, done } = start({
      options: { catalogs: [], defaultCatalogue: true, all: false, unknown: false, filter: {}, output: { kind: 'summary' } },
    });
    worker.postMessage({ type: 'task', task: { kind: 'shard', id: 0, input: 0, name: file, shard: 0, shards: 2, start: 0, end } } satisfies ToWorker);
    const result = await done;
    await worker.terminate();
    expect(messages.find((m) => m.type === 'lines')).toEqual({ type: 'lines', id: 0, count: 2 });
    expect(result.accounting.linesRead).toBe(2);
    // One context line each way (the summary's default): the shard's first and last records.
    expect(result.head).toEqual(['first line']);
    expect(result.tail).toEqual(['request failed, code: 2302001, message: x']);
  });

  it('keeps one summary of all its tasks, their context ended by seam records, and sends it when told to finish', async () => {
    const file = path.join(tmp.dir, 's.log');
    writeFileSync(file, LINES);
    const second = LINES.indexOf('again');
    const { worker, messages, done } = start({
      options: { catalogs: [], defaultCatalogue: true, all: false, unknown: false, year: 2026, tz: 'UTC', filter: {}, output: { kind: 'summary' } },
    });
    worker.postMessage({ type: 'task', task: { kind: 'shard', id: 0, input: 0, name: file, shard: 0, shards: 2, start: 0, end: second } } satisfies ToWorker);
    await done;
    const next = new Promise<void>((resolve) => worker.on('message', (m: FromWorker) => m.type === 'done' && resolve()));
    worker.postMessage({ type: 'task', task: { kind: 'shard', id: 1, input: 0, name: file, shard: 1, shards: 2, start: second, end: undefined }, lineOffset: 3 } satisfies ToWorker);
    await next;
    const summary = new Promise<FromWorker>((resolve) => worker.on('message', (m: FromWorker) => m.type === 'summary' && resolve(m)));
    worker.postMessage({ type: 'finish' } satisfies ToWorker);
    const answer = await summary;
    await worker.terminate();
    expect(messages.filter((m) => m.type === 'done')).toHaveLength(2);
    if (answer.type !== 'summary' || answer.summary === undefined) throw new Error('no summary');
    expect(answer.summary.accounting.linesRead).toBe(4);
    const code = answer.summary.codes.find((c) => c.code === '2302001');
    expect(code?.hits).toBe(2);
    // Context within a shard is the neighbouring records; at a shard's edge a seam marker stands for what lies beyond.
    const byLine = new Map(code?.samples.map((x) => [x.line, x]));
    expect(byLine.get(2)?.before).toEqual(['first line']);
    expect(byLine.get(2)?.after).toEqual(['third line']);
    expect(byLine.get(4)?.before).toEqual([SEAM_TEXT]);
    expect(byLine.get(4)?.after).toEqual([SEAM_TEXT]);
  });

  it('reports an unreadable file as the single-thread scan does', async () => {
    const { worker, done } = start({
      options: { catalogs: [], defaultCatalogue: true, all: false, unknown: false, filter: {}, output: { kind: 'count' } },
    });
    const name = path.join(tmp.dir, 'missing.log');
    worker.postMessage({ type: 'task', task: { kind: 'whole', id: 0, input: 0, name, inProcess: false } } satisfies ToWorker);
    const result = await done;
    await worker.terminate();
    expect(result.error?.message).toBe(`cannot read ${name}: no such file or directory`);
    expect(result.error?.code).toBe('E_INPUT_READ');
  });
});
