/**
 * Planning a parallel scan (`--jobs N`): which inputs run where, and where a large file is cut into shards.
 *
 * - Every input is one task, in the order given, except a large uncompressed regular file, which becomes byte-range
 *   shards. Standard input, FIFOs, devices and unreadable paths are never sharded and run in the main thread
 *   (`inProcess`): a worker cannot read the process's stdin, and the error for an unreadable path is the same
 *   wherever it is raised. gzip files run whole in a worker (a gzip stream cannot be entered in the middle).
 *   Follow mode is not planned at all: the CLI keeps its single-thread path for it.
 * - A shard boundary is a line start (after `\n`, `\r\n` or a lone `\r`, the line endings of `stream/line-cutter.ts`),
 *   and moreover the start of a line that cannot continue the record before it (`mayContinue` false, a superset of
 *   the folder's rule): so no folded record straddles two shards, and each shard's records are exactly the whole
 *   file's records in that range. Shards cover the file exactly, without overlap.
 *
 * {@link planShards} and {@link alignCut} are pure (the bytes come through a {@link ReadAt}); {@link planTasks} is
 * the thin shell that stats the inputs and reads around the cuts.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { mayContinue } from '../scan/continuation.js';

/** Files at least this large (bytes) are cut into shards: 64 MiB. */
export const DEFAULT_SHARD_THRESHOLD = 64 * 1024 * 1024;
/** No shard is planned smaller than this (bytes): 16 MiB. Below it, a worker's start-up and the seam cost more. */
export const DEFAULT_MIN_SHARD_BYTES = 16 * 1024 * 1024;

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
  /** Workers available; files are cut into at most this many shards. */
  readonly jobs: number;
  /** Regular uncompressed files at least this large are sharded. Default {@link DEFAULT_SHARD_THRESHOLD}. */
  readonly shardThreshold?: number;
  /** Smallest shard planned. Default {@link DEFAULT_MIN_SHARD_BYTES}. */
  readonly minShardBytes?: number;
}

/**
 * Reads up to `length` bytes at `position`; fewer (possibly none) at the end of the file.
 */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

/**
 * The raw cut points for a file of `size` bytes: equal parts, as many as `jobs` allows without going under
 * `minShardBytes`; empty when the file stays whole. Pure.
 */
export function planShards(size: number, options: PlanOptions): number[] {
  const threshold = options.shardThreshold ?? DEFAULT_SHARD_THRESHOLD;
  const minShard = Math.max(1, options.minShardBytes ?? DEFAULT_MIN_SHARD_BYTES);
  const jobs = Math.max(1, Math.floor(options.jobs));
  if (jobs < 2 || size < threshold) return [];
  const count = Math.min(jobs, Math.floor(size / minShard));
  if (count < 2) return [];
  const cuts: number[] = [];
  for (let i = 1; i < count; i++) cuts.push(Math.floor((size * i) / count));
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
 * continue the record before it. Returns `limit` when there is none before `limit` (then the shard is dropped).
 * Position 0 is always a boundary. Reads only around the cut (and on, while lines may continue records).
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
    if (!mayContinue(await win.lineHead(q, limit))) return q;
    p = q + 1;
  }
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
 * cut into shards at boundaries found by {@link alignCut}. `readAt` opens a reader on a file (default: the file
 * system); it is only asked about files that are sharded.
 */
export async function planTasks(
  inputs: readonly PlanInput[],
  options: PlanOptions,
  readAt: (name: string) => Promise<{ read: ReadAt; close: () => Promise<void> }> = fileReader,
): Promise<ScanTask[]> {
  const tasks: ScanTask[] = [];
  for (const [index, input] of inputs.entries()) {
    const mtime = input.mtimeMs !== undefined ? { mtimeMs: input.mtimeMs } : {};
    const cuts = input.kind === 'file' ? planShards(input.size, options) : [];
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

/** Default of `minBytes` in {@link worthParallel}: 8 MiB. */
export const DEFAULT_PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Whether a parallel run pays for its workers: `jobs` above 1, at least two tasks for workers, and at least
 * `minBytes` of input on them (on disk: a gzip file counts its compressed size). A worker takes tens of milliseconds
 * to start, in which a small scan is already done; below this, the single-thread path is as fast and starts sooner.
 */
export function worthParallel(
  tasks: readonly ScanTask[],
  inputs: readonly PlanInput[],
  jobs: number,
  minBytes: number = DEFAULT_PARALLEL_MIN_BYTES,
): boolean {
  if (jobs < 2) return false;
  const onWorkers = tasks.filter((t) => !(t.kind === 'whole' && t.inProcess));
  if (onWorkers.length < 2) return false;
  let bytes = 0;
  for (const index of new Set(onWorkers.map((t) => t.input))) bytes += inputs[index]?.size ?? 0;
  return bytes >= minBytes;
}
