/**
 * `runParallel` from the sources, for what needs no worker thread: tasks that run in the main thread (standard
 * input, unreadable paths, every task with `scanHere` and one job), and a worker script that cannot load. The worker
 * path itself is covered against the build in run-parallel.test.ts and worker.test.ts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inspectInputs, planTasks, type ScanTask } from '../../src/parallel/plan.js';
import type { TaskScanOptions } from '../../src/parallel/protocol.js';
import { runParallel } from '../../src/parallel/run-parallel.js';
import { createErrlensStream } from '../../src/stream.js';
import type { LogRecord } from '../../src/types.js';
import { makeTempDir } from '../cli/helpers/temp-dir.js';

const scan = (output: TaskScanOptions['output']): TaskScanOptions => ({
  catalogs: [],
  defaultCatalogue: true,
  all: false,
  unknown: false,
  year: 2026,
  tz: 'UTC',
  filter: {},
  output,
});

const INPUT = 'ok line\nrequest failed, code: 2302001, message: x\nok\nagain code: 2302001\n';

describe('runParallel in the main thread', () => {
  it('reads standard input and reports an unreadable path once, in task order', async () => {
    const missing = path.join(__dirname, 'no-such-file.log');
    const tasks: ScanTask[] = [
      { kind: 'whole', id: 0, input: 0, name: missing, inProcess: true },
      { kind: 'whole', id: 1, input: 1, name: '-', inProcess: true },
    ];
    const written: string[] = [];
    const errors: string[] = [];
    const result = await runParallel(tasks, {
      jobs: 2,
      workerPath: '/nonexistent/worker.js',
      scan: scan({ kind: 'records', format: 'ndjson' }),
      write: (text) => {
        written.push(text);
      },
      onError: (err) => errors.push(err.message),
      stdin: () => Readable.from([Buffer.from(INPUT)]),
    });
    expect(errors).toEqual([`cannot read ${missing}: no such file or directory`]);
    expect(result.errors).toBe(1);
    expect(result.found).toBe(2);
    expect(result.accounting.linesRead).toBe(4);
    const lines = written.join('').trim().split('\n').map((l) => JSON.parse(l) as { errlens: { line: number; source: string } });
    expect(lines.map((l) => [l.errlens.source, l.errlens.line])).toEqual([
      ['-', 2],
      ['-', 4],
    ]);
  });

  it('merges a summary of standard input', async () => {
    const result = await runParallel([{ kind: 'whole', id: 0, input: 0, name: '-', inProcess: true }], {
      jobs: 2,
      workerPath: '/nonexistent/worker.js',
      scan: scan({ kind: 'summary' }),
      stdin: () => Readable.from([Buffer.from(INPUT)]),
    });
    expect(result.summary?.accounting).toEqual(result.accounting);
    expect(result.summary?.codes.map((c) => [c.code, c.hits])).toEqual([['2302001', 2]]);
    expect(result.summary?.inputs.map((i) => [i.name, i.size])).toEqual([['-', INPUT.length]]);
  });

  it('scans the shards of a file itself with scanHere and one job: line numbers of the whole file, a summary', async () => {
    const tmp = makeTempDir('errlens-here-');
    try {
      const name = path.join(tmp.dir, 'f.log');
      const lines: string[] = [];
      for (let i = 0; i < 400; i++) lines.push(i % 7 === 3 ? `request ${i} failed, code: 2302001, message: x` : `ok ${i} ${'.'.repeat(i % 50)}`);
      const text = `${lines.join('\n')}\n`;
      writeFileSync(name, text);
      const tasks = await planTasks(await inspectInputs([name]), { jobs: 2, shardThreshold: 1, minShardBytes: 500, maxShardBytes: 1000 });
      expect(tasks.length).toBeGreaterThan(10);
      const expected: number[] = [];
      const scanner = createErrlensStream({ source: name, idleFlushMs: Infinity, year: 2026, tz: 'UTC' });
      scanner.on('data', (r: LogRecord) => expected.push(r.line));
      await new Promise((resolve, reject) => scanner.on('end', resolve).on('error', reject).end(text));

      const written: string[] = [];
      const records = await runParallel(tasks, {
        jobs: 1,
        scanHere: true,
        workerPath: '/nonexistent/worker.js',
        scan: scan({ kind: 'records', format: 'ndjson' }),
        write: (t) => {
          written.push(t);
        },
      });
      const got = written.join('').trim().split('\n').map((l) => (JSON.parse(l) as { errlens: { line: number } }).errlens.line);
      expect(got).toEqual(expected);
      expect(records.accounting.linesRead).toBe(400);

      const summary = await runParallel(tasks, { jobs: 1, scanHere: true, workerPath: '/nonexistent/worker.js', scan: scan({ kind: 'summary' }) });
      expect(summary.summary?.codes.map((c) => [c.code, c.hits])).toEqual([['2302001', expected.length]]);
      expect(summary.summary?.inputs.map((i) => [i.name, i.size])).toEqual([[name, text.length]]);
      expect(summary.summary?.accounting).toEqual(summary.accounting);
    } finally {
      tmp.remove();
    }
  });

  it('a worker lost: its task fails, the task queued behind it runs on a new worker, in its place', async () => {
    const tmp = makeTempDir('errlens-lost-');
    try {
      const workerPath = path.join(__dirname, 'fixtures/exit-on-first-task.mjs');
      const names = [0, 1, 2].map((i) => path.join(tmp.dir, `${i}.log`));
      for (const [i, name] of names.entries()) writeFileSync(name, `ok\nrequest ${i} failed, code: 2302001, message: x\n`);
      const tasks: ScanTask[] = names.map((name, i) => ({ kind: 'whole', id: i, input: i, name, inProcess: false }));
      const written: string[] = [];
      const errors: string[] = [];
      const result = await runParallel(tasks, {
        jobs: 1,
        scanHere: false,
        workerPath,
        scan: scan({ kind: 'records', format: 'ndjson' }),
        write: (t) => {
          written.push(t);
        },
        onError: (err, task) => errors.push(`${task.id}: ${err.message}`),
      });
      // The first worker took task 0 and, queued, task 1; it exited on task 0. Task 1 was not lost with it.
      expect(errors).toEqual(['0: scan worker exited']);
      expect(result.errors).toBe(1);
      const sources = written.join('').trim().split('\n').map((l) => (JSON.parse(l) as { errlens: { source: string } }).errlens.source);
      expect(sources).toEqual([names[1], names[2]]);
    } finally {
      tmp.remove();
    }
  });

  it('rejects when the worker script cannot load, instead of failing every file', async () => {
    // Standard input that never ends keeps this thread busy: the files are the worker's, which never starts.
    const tasks: ScanTask[] = [
      { kind: 'whole', id: 0, input: 0, name: '-', inProcess: true },
      { kind: 'whole', id: 1, input: 1, name: 'a.log', inProcess: false },
      { kind: 'whole', id: 2, input: 2, name: 'b.log', inProcess: false },
    ];
    const errors: string[] = [];
    await expect(
      runParallel(tasks, {
        jobs: 2,
        workerPath: path.join(__dirname, 'no-such-worker.js'),
        scan: scan({ kind: 'count' }),
        onError: (err) => errors.push(err.message),
        stdin: () => new Readable({ read: () => undefined }),
      }),
    ).rejects.toThrow(/no-such-worker|Cannot find module/);
    expect(errors).toEqual([]);
  });

  it('rejects when the worker script cannot load even if this thread did every task first', async () => {
    const tasks: ScanTask[] = [
      { kind: 'whole', id: 0, input: 0, name: __filename, inProcess: false },
      { kind: 'whole', id: 1, input: 1, name: __filename, inProcess: false },
    ];
    await expect(
      runParallel(tasks, { jobs: 2, scanHere: true, workerPath: path.join(__dirname, 'no-such-worker.js'), scan: scan({ kind: 'count' }) }),
    ).rejects.toThrow(/no-such-worker|Cannot find module/);
  });
});
