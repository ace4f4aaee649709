import { watch, type FSWatcher } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Readable } from 'node:stream';
import { ErrlensError } from '../errors.js';
import { notRegularReason } from './file-kind.js';

/** Options for {@link followFile}. */
export interface FollowOptions {
  /** Read the file from its start instead of from its current end. Default: false (like `tail -F -n 0`). */
  readonly fromStart?: boolean;
  /** How often to check the file when no watch event arrives, in ms. Default: 200. */
  readonly pollIntervalMs?: number;
  /** Ends the stream: the held partial line is pushed, then end-of-stream. */
  readonly signal?: AbortSignal;
  /** Receives status lines such as "x has been replaced; following new file" (the caller decides where they go). */
  readonly onNotice?: (message: string) => void;
  /** Bytes per read. Default: 64 KiB. */
  readonly readSize?: number;
  /** A partial line longer than this is passed on without waiting for its end, bounding memory. Default: 1 MiB. */
  readonly maxHeldBytes?: number;
}

const NEWLINE = 0x0a;

/**
 * Follows a file by name, like `tail -F`: reads by file descriptor and position, survives rotation by rename
 * (the old file is drained to its end before the new one is opened) and by copytruncate (a size below the read
 * position means truncation: reading restarts at 0), picks up a file that appears later and keeps waiting when it
 * disappears. Only complete lines are pushed; a partial last line is held until its newline arrives, or until the
 * file is switched or the stream stopped, when it is pushed with a newline so it never joins the next file's first line.
 */
class Follower extends Readable {
  private readonly path: string;
  private readonly fromStart: boolean;
  private readonly readSize: number;
  private readonly maxHeldBytes: number;
  private readonly notice: (message: string) => void;
  private handle: FileHandle | null = null;
  private identity: { dev: number; ino: number } | null = null;
  private position = 0;
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** True until the first attempt to open: only a file present at start is read from its end. */
  private firstAttempt = true;
  /** So "cannot open" is said once per disappearance, not once per poll. */
  private reportedMissing = false;
  private running = false;
  private again = false;
  /** Set when push() asked us to wait; _read() clears it and resumes. */
  private blocked = false;
  private stopping = false;
  private finished = false;
  private readonly timer: NodeJS.Timeout;
  private watcher: FSWatcher | null = null;

  constructor(path: string, options: FollowOptions) {
    super();
    this.path = path;
    this.fromStart = options.fromStart ?? false;
    this.readSize = options.readSize ?? 64 * 1024;
    this.maxHeldBytes = options.maxHeldBytes ?? 1024 * 1024;
    this.notice = options.onNotice ?? (() => undefined);
    this.timer = setInterval(() => this.tick(), options.pollIntervalMs ?? 200);
    this.startWatching();
    if (options.signal !== undefined) {
      if (options.signal.aborted) this.stop();
      else options.signal.addEventListener('abort', () => this.stop(), { once: true });
    }
    this.tick();
  }

  override _read(): void {
    if (this.blocked) {
      this.blocked = false;
      this.tick();
    }
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.stopping = true;
    this.cleanup();
    callback(err);
  }

  /** Watch events only hurry the next check; polling alone is enough, so a failing watcher is simply dropped. */
  private startWatching(): void {
    try {
      const name = basename(this.path);
      this.watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
        if (file === null || file === name) this.tick();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      this.watcher = null;
    }
  }

  private tick(): void {
    if (this.stopping || this.finished) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.step()
      .catch((err: unknown) => {
        this.destroy(err instanceof Error ? err : new Error(String(err)));
      })
      .finally(() => {
        this.running = false;
        if (this.stopping) this.finish();
        else if (this.again) {
          this.again = false;
          this.tick();
        }
      });
  }

  private async step(): Promise<void> {
    if (this.handle === null && !(await this.openFile())) return;
    if (!(await this.drain())) return;
    const handle = this.handle;
    if (handle === null || this.stopping) return;
    const size = (await handle.stat()).size;
    if (size < this.position) {
      this.notice(`${this.path}: file truncated`);
      this.releaseHeld(true);
      this.position = 0;
      if (!(await this.drain())) return;
    }
    let current: { dev: number; ino: number } | null;
    try {
      current = await stat(this.path);
    } catch {
      current = null;
    }
    const identity = this.identity;
    if (current !== null && identity !== null && current.dev === identity.dev && current.ino === identity.ino) return;
    // Renamed, replaced or removed: whatever was written to the old file before now belongs to the stream.
    if (!(await this.drain())) return;
    this.releaseHeld(true);
    await this.closeFile();
    if (current === null) {
      this.notice(`${this.path} has become inaccessible: no such file or directory`);
      this.reportedMissing = true;
    } else {
      this.notice(`${this.path} has been replaced; following new file`);
      this.again = true;
    }
  }

  /** Opens the path; false when it does not exist (yet). A file present at start is read from its end. */
  private async openFile(): Promise<boolean> {
    const first = this.firstAttempt;
    this.firstAttempt = false;
    let handle: FileHandle;
    try {
      // Checked before opening: opening a FIFO would block until a writer comes.
      const notRegular = notRegularReason(await stat(this.path));
      if (notRegular !== undefined) throw new ErrlensError('E_INPUT_READ', `cannot read ${this.path}`, notRegular);
      handle = await open(this.path, 'r');
    } catch (err) {
      if (err instanceof ErrlensError) throw err;
      if (!this.reportedMissing) {
        const code = (err as { code?: string }).code;
        this.notice(`cannot open ${this.path}: ${code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}; waiting for it`);
        this.reportedMissing = true;
      }
      return false;
    }
    const st = await handle.stat();
    if (this.stopping) {
      await handle.close();
      return false;
    }
    this.handle = handle;
    this.identity = { dev: st.dev, ino: st.ino };
    this.position = first && !this.fromStart ? st.size : 0;
    if (this.reportedMissing) this.notice(`${this.path} has appeared; following new file`);
    this.reportedMissing = false;
    return true;
  }

  private async closeFile(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.identity = null;
    this.position = 0;
    if (handle !== null) await handle.close().catch(() => undefined);
  }

  /** Reads from the position to the current end. False when the consumer asked us to wait. */
  private async drain(): Promise<boolean> {
    for (;;) {
      const handle = this.handle;
      if (handle === null || this.stopping) return true;
      const buffer = Buffer.allocUnsafe(this.readSize);
      const { bytesRead } = await handle.read(buffer, 0, this.readSize, this.position);
      if (bytesRead === 0) return true;
      this.position += bytesRead;
      if (!this.accept(buffer.subarray(0, bytesRead))) {
        this.blocked = true;
        return false;
      }
    }
  }

  /** Pushes the complete lines of `chunk` (with any held start) and holds its unterminated tail. Returns push()'s verdict. */
  private accept(chunk: Buffer): boolean {
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      return this.heldBytes > this.maxHeldBytes ? this.releaseHeld(false) : true;
    }
    const complete = chunk.subarray(0, lastNewline + 1);
    const rest = chunk.subarray(lastNewline + 1);
    const out = this.held.length > 0 ? Buffer.concat([...this.held, complete]) : complete;
    this.held = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.heldBytes = rest.length;
    return this.push(out);
  }

  /** Pushes the held partial line, ended by a newline when `terminate`, so it stays a line of its own. */
  private releaseHeld(terminate: boolean): boolean {
    if (this.heldBytes === 0) return true;
    const parts = terminate ? [...this.held, Buffer.from('\n')] : this.held;
    this.held = [];
    this.heldBytes = 0;
    return this.push(Buffer.concat(parts));
  }

  private stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    if (!this.running) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.cleanup();
    // No newline: the end of the stream ends the line for whatever reads it.
    this.releaseHeld(false);
    this.push(null);
  }

  private cleanup(): void {
    clearInterval(this.timer);
    this.watcher?.close();
    this.watcher = null;
    void this.closeFile();
  }
}

/**
 * Follows `path` like `tail -F` and returns its bytes as a stream of complete lines; it ends only when
 * `options.signal` aborts (or the stream is destroyed).
 */
export function followFile(path: string, options: FollowOptions = {}): Readable {
  return new Follower(path, options);
}
