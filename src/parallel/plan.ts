/**
 * Planning a parallel scan (`--jobs N`): which inputs run where, and where a large file is cut into shards.
 *
 * - Every input is one task, in the order given, except a large uncompressed regular file, which becomes byte-range
 *   shards. Standard input, FIFOs, devices and unreadable paths are never sharded and run in the main thread
 *   (`inProcess`): a worker cannot read the process's stdin, and the error for an unreadable path is the same
 *   wherever it is raised. gzip files run whole (a gzip stream cannot be entered in the middle).
 *   Follow mode is not planned at all: the CLI keeps its single-thread path for it.
 * - A large file is cut into many shards, not one per thread: threads take the next task as they free up, so a thread
 *   slowed by other work on the machine takes fewer, and the NDJSON of a shard whose turn has not come (buffered
 *   until the shards before it are written) stays the size of a shard. The shards shrink towards the end of the file
 *   (guided scheduling): the last ones are small, so no thread finishes long after the others.
 * - A shard boundary is a line start (after `\n`, `\r\n` or a lone `\r`, the line endings of `stream/line-cutter.ts`),
 *   and moreover the start of a line that cannot continue the record before it (`mayContinue` false, a superset of
 *   the folder's rule): so no folded record straddles two shards, and each shard's records are exactly the whole
 *   file's records in that range. The lines on either side must not continue records either (see {@link alignCut}).
 *   Shards cover the file exactly, without overlap.
 *
 * {@link planShards} and {@link alignCut} are pure (the bytes come through a {@link ReadAt}); {@link planTasks} is
 * the thin shell that stats the inputs and reads around the cuts.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { mayContinue } from '../scan/continuation.js';

/** Files at least this large (bytes) are cut into shards: 16 MiB. */
export const DEFAULT_SHARD_THRESHOLD = 16 * 1024 * 1024;
/** No shard is planned smaller than this (bytes): 256 KiB, the last ones of a file (see `GUIDED_SPLIT`). */
export const DEFAULT_MIN_SHARD_BYTES = 256 * 1024;
/**
 * No shard is planned larger than this (bytes): 4 MiB. A thread holds the shard it scans in memory, and the formatted
 * records of a shard whose turn has not come are buffered. A shard also costs a millisecond or two (a scanner, a file
 * open, messages): measured on 1 GiB with two jobs, shards of 2 MiB took 0.3 s more CPU time than 4 MiB, 16 MiB 0.4 s
 * less but 13 MB more memory.
 */
export const DEFAULT_MAX_SHARD_BYTES = 4 * 1024 * 1024;
/** Guided scheduling: a shard is at most the rest of the file divided by this many times the number of threads. */
const GUIDED_SPLIT = 2;

/** The name that stands for standard input (as in `input/open-input.ts`). */
const STDIN_NAME = '-';

const LF = 0x0a;
const CR = 0x0d;
/** Bytes read per step while looking for a line start. */
const READ_BLOCK = 16 * 1024;
/**
 * Bytes of a line's start that decide `mayContinue` (its longest pattern is an error head of at most 128 word
 * characters plus `Exception:`). A longer prefix is cut here; a `$` matching at the cut can only make the answer
 * "may continue", which moves the boundary on: safe.
 */
const LINE_HEAD_BYTES = 256;

/** What the planner needs to know about one input. */
export interface PlanInput {
  /** The name as given: a path, or "-" for standard input. */
  readonly name: string;
  /**
   * "file": a regular file, not gzip; "gzip": a regular file starting with the gzip magic; "stdin"; "other": a FIFO,
   * a device, a directory or a path that cannot be read (it fails the same way wherever it is opened).
   */
  readonly kind: 'file' | 'gzip' | 'stdin' | 'other';
  /** Size in bytes (regular files); 0 otherwise. */
  readonly size: number;
  /** Modification time in epoch ms (regular files): it dates lines without a year, so every shard must share it. */
  readonly mtimeMs?: number;
}

/** One input read whole, by a worker or (`inProcess`) by the main thread. */
export interface WholeTask {
  readonly kind: 'whole';
  /** Position in the task list: output and merge order. */
  readonly id: number;
  /** Index of the input in the list given to the planner. */
  readonly input: number;
  readonly name: string;
  /** Standard input, FIFOs, devices and unreadable paths: read in the main thread. */
  readonly inProcess: boolean;
  readonly mtimeMs?: number;
}

/** One byte range of a large uncompressed file. */
export interface ShardTask {
  readonly kind: 'shard';
  readonly id: number;
  readonly input: number;
  readonly name: string;
  /** 0-based shard number within the file. */
  readonly shard: number;
  /** How many shards the file was cut into. */
  readonly shards: number;
  /** First byte (a line start). */
  readonly start: number;
  /** First byte after the range (a line start), or undefined for the last shard: it reads to the end of the file. */
  readonly end: number | undefined;
  readonly mtimeMs?: number;
}

export type ScanTask = WholeTask | ShardTask;

/** Options of {@link planShards} and {@link planTasks}. */
export interface PlanOptions {
  /** Threads that scan (the main thread and the workers); 1 keeps every file whole. */
  readonly jobs: number;
  /** Regular uncompressed files at least this large are sharded. Default {@link DEFAULT_SHARD_THRESHOLD}. */
  readonly shardThreshold?: number;
  /** Smallest shard planned (the last one may be smaller after alignment). Default {@link DEFAULT_MIN_SHARD_BYTES}. */
  readonly minShardBytes?: number;
  /** Largest shard planned (before alignment). Default {@link DEFAULT_MAX_SHARD_BYTES}. */
  readonly maxShardBytes?: number;
}

/**
 * Reads up to `length` bytes at `position`; fewer (possibly none) at the end of the file.
 */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

/**
 * The raw cut points for a file of `size` bytes; empty when the file stays whole. Each shard is the rest of the file
 * divided by twice `jobs`, kept between `minShardBytes` and `maxShardBytes` (guided scheduling: shards shrink towards
 * the end); what would be left under `minShardBytes` joins the last shard. Pure.
 */
export function planShards(size: number, options: PlanOptions): number[] {
  const threshold = options.shardThreshold ?? DEFAULT_SHARD_THRESHOLD;
  const minShard = Math.max(1, options.minShardBytes ?? DEFAULT_MIN_SHARD_BYTES);
  const maxShard = Math.max(minShard, options.maxShardBytes ?? DEFAULT_MAX_SHARD_BYTES);
  const jobs = Math.max(1, Math.floor(options.jobs));
  if (jobs < 2 || size < threshold) return [];
  const cuts: number[] = [];
  let pos = 0;
  for (;;) {
    const rest = size - pos;
    const piece = Math.min(maxShard, Math.max(minShard, Math.ceil(rest / (GUIDED_SPLIT * jobs))));
    if (rest - piece < minShard) break;
    pos += piece;
    cuts.push(pos);
  }
  return cuts;
}

/** A cache of the last block read, so that looking at a byte and its neighbours costs one read. */
class Window {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly read: ReadAt) {}

  /** The byte at `pos`, or -1 past the end of the file. */
  async at(pos: number): Promise<number> {
    if (pos < this.start || pos >= this.start + this.buf.length) {
      this.buf = await this.read(pos, READ_BLOCK);
      this.start = pos;
      if (this.buf.length === 0) return -1;
    }
    return this.buf[pos - this.start] as number;
  }

  /** Position of the first `\n` or `\r` at or after `pos` and before `limit`, or -1. */
  async nextTerminator(pos: number, limit: number): Promise<number> {
    let p = pos;
    while (p < limit) {
      if (p < this.start || p >= this.start + this.buf.length) {
        this.buf = await this.read(p, READ_BLOCK);
        this.start = p;
        if (this.buf.length === 0) return -1;
      }
      const from = p - this.start;
      const to = Math.min(this.buf.length, limit - this.start);
      for (let i = from; i < to; i++) {
        const b = this.buf[i] as number;
        if (b === LF || b === CR) return this.start + i;
      }
      p = this.start + to;
    }
    return -1;
  }

  /** Position of the last `\n` or `\r` before `end`, or -1. Reads backwards, a block at a time. */
  async prevTerminator(end: number): Promise<number> {
    let e = end;
    while (e > 0) {
      if (e - 1 < this.start || e - 1 >= this.start + this.buf.length) {
        const from = Math.max(0, e - READ_BLOCK);
        this.buf = await this.read(from, e - from);
        this.start = from;
        if (this.buf.length === 0) return -1;
      }
      for (let i = Math.min(e, this.start + this.buf.length) - 1 - this.start; i >= 0; i--) {
        const b = this.buf[i] as number;
        if (b === LF || b === CR) return this.start + i;
      }
      e = this.start;
    }
    return -1;
  }

  /** The bytes from `pos` to the first line terminator, at most {@link LINE_HEAD_BYTES}, as latin1 text. */
  async lineHead(pos: number, limit: number): Promise<string> {
    const stop = Math.min(limit, pos + LINE_HEAD_BYTES);
    const end = await this.nextTerminator(pos, stop);
    const bytes = await this.read(pos, (end === -1 ? stop : end) - pos);
    return bytes.toString('latin1');
  }
}

/**
 * The first shard boundary at or after `cut`: the start of a line (after `\n`, `\r\n` or a lone `\r`) that cannot
 * continue the record before it, and whose neighbours cannot either: the line before it and the line after it start
 * records of their own (or do not exist). So the last record before a seam and the first after it are one line each,
 * whichever way they are scanned: a summary's context for a sample next to the seam (the record just beyond it, in
 * the single-thread scan) is then exactly what the neighbouring shard reports (see `seams.ts`). Returns `limit` when
 * there is none before `limit` (then the shard is dropped). Position 0 is always a boundary. Reads only around the
 * cut (and on, while lines may continue records).
 * @param limit - the file size, or any position the search must not pass.
 */
export async function alignCut(read: ReadAt, cut: number, limit: number): Promise<number> {
  if (cut <= 0) return 0;
  if (cut >= limit) return limit;
  const win = new Window(read);
  let p = cut;
  for (;;) {
    // The first line start q >= p.
    let q: number;
    const prev = await win.at(p - 1);
    if (prev === LF || (prev === CR && (await win.at(p)) !== LF)) {
      q = p;
    } else {
      const t = await win.nextTerminator(p, limit);
      if (t === -1) return limit;
      q = (await win.at(t)) === CR && (await win.at(t + 1)) === LF ? t + 2 : t + 1;
    }
    if (q >= limit) return limit;
    if (!mayContinue(await win.lineHead(q, limit)) && (await neighboursStartRecords(win, q, limit))) return q;
    p = q + 1;
  }
}

/** Whether the lines just before and just after the line starting at `q` start records of their own. */
async function neighboursStartRecords(win: Window, q: number, limit: number): Promise<boolean> {
  // The line before: it ends where its terminator ("\r\n" counts as one) ends at q; the file's first line starts a
  // record whatever it holds.
  const end = (await win.at(q - 1)) === LF && q >= 2 && (await win.at(q - 2)) === CR ? q - 2 : q - 1;
  const before = (await win.prevTerminator(end)) + 1;
  if (before > 0 && mayContinue(await win.lineHead(before, limit))) return false;
  const t = await win.nextTerminator(q, limit);
  if (t === -1) return true;
  const after = (await win.at(t)) === CR && (await win.at(t + 1)) === LF ? t + 2 : t + 1;
  return after >= limit || !mayContinue(await win.lineHead(after, limit));
}

/**
 * Moves raw cut points (increasing) to shard boundaries and returns the shards' byte ranges, which cover
 * [0, size) exactly, in order, none empty. A cut that lands inside an earlier shard is dropped.
 */
export async function alignShards(read: ReadAt, size: number, cuts: readonly number[]): Promise<{ start: number; end: number }[]> {
  const bounds = [0];
  for (const cut of cuts) {
    const last = bounds[bounds.length - 1] as number;
    const b = await alignCut(read, Math.max(cut, last + 1), size);
    if (b < size && b > last) bounds.push(b);
  }
  bounds.push(size);
  const ranges: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) ranges.push({ start: bounds[i] as number, end: bounds[i + 1] as number });
  return ranges;
}

/** Looks at each name: kind (by content for gzip), size and modification time. Never throws. */
export async function inspectInputs(names: readonly string[]): Promise<PlanInput[]> {
  return Promise.all(names.map(inspectInput));
}

async function inspectInput(name: string): Promise<PlanInput> {
  if (name === STDIN_NAME) return { name, kind: 'stdin', size: 0 };
  let handle: FileHandle | undefined;
  try {
    const st = await stat(name);
    if (!st.isFile()) return { name, kind: 'other', size: 0 };
    handle = await open(name, 'r');
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    const gzip = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    return { name, kind: gzip ? 'gzip' : 'file', size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    // Opened again by the task, which reports the error as the single-thread path does.
    return { name, kind: 'other', size: 0 };
  } finally {
    await handle?.close();
  }
}

/**
 * Plans the tasks for `inputs` (from {@link inspectInputs}): one per input in order, a large uncompressed file
 * that is more than one thread's share of the input cut into shards at boundaries found by {@link alignCut}. `readAt` opens a reader on a file (default: the file
 * system); it is only asked about files that are sharded.
 */
export async function planTasks(
  inputs: readonly PlanInput[],
  options: PlanOptions,
  readAt: (name: string) => Promise<{ read: ReadAt; close: () => Promise<void> }> = fileReader,
): Promise<ScanTask[]> {
  const tasks: ScanTask[] = [];
  // A file is cut only when it is more than one thread's share of all the input: files that fill the threads
  // already scan faster whole. Measured on 2 cores, four 200 MiB files with two jobs: 3.5 s whole, 4.7 s sharded
  // (shards cost each worker a scan pipeline per shard and this thread a second read of the file for its hash).
  const fairShare = inputs.reduce((sum, input) => sum + input.size, 0) / Math.max(1, Math.floor(options.jobs));
  for (const [index, input] of inputs.entries()) {
    const mtime = input.mtimeMs !== undefined ? { mtimeMs: input.mtimeMs } : {};
    const cuts = input.kind === 'file' && input.size > fairShare ? planShards(input.size, options) : [];
    let ranges: { start: number; end: number }[] = [];
    if (cuts.length > 0) {
      try {
        const reader = await readAt(input.name);
        try {
          ranges = await alignShards(reader.read, input.size, cuts);
        } finally {
          await reader.close();
        }
      } catch {
        // Unreadable now: read whole, so the task reports the error as usual.
        ranges = [];
      }
    }
    if (ranges.length < 2) {
      tasks.push({ kind: 'whole', id: tasks.length, input: index, name: input.name, inProcess: input.kind === 'stdin' || input.kind === 'other', ...mtime });
      continue;
    }
    for (const [shard, range] of ranges.entries()) {
      tasks.push({
        kind: 'shard',
        id: tasks.length,
        input: index,
        name: input.name,
        shard,
        shards: ranges.length,
        start: range.start,
        // The last shard reads to the end, as the single-thread path would (a log may still be growing).
        end: shard === ranges.length - 1 ? undefined : range.end,
        ...mtime,
      });
    }
  }
  return tasks;
}

async function fileReader(name: string): Promise<{ read: ReadAt; close: () => Promise<void> }> {
  const handle = await open(name, 'r');
  return {
    read: async (position, length) => {
      const buf = Buffer.alloc(Math.max(0, length));
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      return buf.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

/**
 * Default of `minBytes` in {@link worthParallel}: 64 MiB. Each scanning thread but the first costs about half a second
 * of CPU time however little it scans (its V8 isolate starts and warms its JIT up) and two threads on two cores run
 * slower than one; measured with two jobs, one file of 64 MiB took as long in parallel as in one thread (NDJSON; a
 * summary, with more to merge at the end, 10% longer), 128 MiB 15% less (NDJSON; a summary 3% less).
 */
export const DEFAULT_PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/**
 * Fewest jobs with which shards (a large file cut into parts) or per-record output (NDJSON, pretty) run in parallel;
 * below it they run in one thread. Measured on 2 cores, where one thread scans ~210 MB/s: a summary of one 1 GiB
 * file took 4.9 s in one thread and 5.0–5.6 s cut into shards on two (each shard costs its worker a scan pipeline
 * and this thread reads the file again for its hash, ~1.7× the CPU time in all); NDJSON of four 200 MiB files took
 * 3.8 s in one thread and 4.1–4.5 s on two (this thread writes every record in order and falls behind). A summary of
 * several whole files does pay on two cores: 3.5 s instead of 4.4 s. Not measured on more cores, where the same
 * overheads are shared by more threads.
 */
export const MIN_JOBS_FOR_SHARDS_OR_RECORDS = 3;

/**
 * Whether a parallel run pays for its workers: `jobs` above 1, at least two tasks that a worker could take, and at
 * least `minBytes` of input in them (on disk: a gzip file counts its compressed size); with fewer than
 * {@link MIN_JOBS_FOR_SHARDS_OR_RECORDS} jobs, no shards and no per-record output (`records`). Below that, the
 * single-thread path is as fast and costs less.
 */
export function worthParallel(
  tasks: readonly ScanTask[],
  inputs: readonly PlanInput[],
  jobs: number,
  minBytes: number = DEFAULT_PARALLEL_MIN_BYTES,
  records = false,
): boolean {
  if (jobs < 2) return false;
  if (jobs < MIN_JOBS_FOR_SHARDS_OR_RECORDS && (records || tasks.some((t) => t.kind === 'shard'))) return false;
  const onWorkers = tasks.filter((t) => !(t.kind === 'whole' && t.inProcess));
  if (onWorkers.length < 2) return false;
  let bytes = 0;
  for (const index of new Set(onWorkers.map((t) => t.input))) bytes += inputs[index]?.size ?? 0;
  return bytes >= minBytes;
}
