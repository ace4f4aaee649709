import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ErrlensError } from '../errors.js';
import { errnoReason } from '../input/input-error.js';

/** Appended text is written once this much is pending (or at the end of the current turn of the event loop). */
const BATCH_CHARS = 64 * 1024;

/**
 * Standard output as errlens writes to it: records appended in one turn of the event loop go out in one write at
 * the end of that turn (so `tail -f | errlens | grep` still sees a hit at once, while a batch scan makes one system
 * call per 64 KiB instead of one per record: stdout to a file or pipe is synchronous on Linux), waiting for 'drain'
 * when the consumer is slow, and treating a closed pipe (EPIPE, `errlens | head -1`) as a normal stop rather than an
 * error.
 */
export class OutputChannel {
  private readonly stream: Writable;
  private readonly onStop: (reason: 'epipe' | 'error') => void;
  private readonly beforeWrite: (() => void) | undefined;
  private closed = false;
  private pending: string[] = [];
  private pendingChars = 0;
  private flushScheduled = false;
  private draining: Promise<void> | undefined;
  private readonly flushSoon = (): void => {
    this.flushScheduled = false;
    void this.flush();
  };
  /** The write error other than EPIPE, if one happened: the scan then ends with status 2. */
  failure: ErrlensError | undefined;

  /**
   * @param stream - where output goes (process.stdout)
   * @param onStop - told once when output can no longer be written: 'epipe' for a closed pipe, 'error' otherwise
   * @param beforeWrite - run before each write, e.g. to clear a progress bar sharing the terminal
   */
  constructor(stream: Writable, onStop: (reason: 'epipe' | 'error') => void, beforeWrite?: () => void) {
    this.stream = stream;
    this.onStop = onStop;
    this.beforeWrite = beforeWrite;
    stream.on('error', (err: NodeJS.ErrnoException) => this.fail(err));
  }

  /** True once output is closed or failed; writes are then dropped. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Queues `text` behind what is pending. Returns undefined when the caller may go on at once (it goes out at the end
   * of this turn of the event loop), or, once a batch is full, the promise of writing it: wait for it (backpressure).
   */
  append(text: string): Promise<void> | undefined {
    if (this.closed || text === '') return undefined;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= BATCH_CHARS) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flushSoon);
    }
    return undefined;
  }

  /** Writes what is pending; the promise settles when the stream can take more. */
  flush(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    const text = this.pending.length === 1 ? (this.pending[0] as string) : this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    return this.writeNow(text);
  }

  /** Writes what is pending, then `text`; the promise settles when the stream can take more (at once unless it is full). */
  write(text: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (text !== '') {
      this.pending.push(text);
      this.pendingChars += text.length;
    }
    return this.flush();
  }

  private writeNow(text: string): Promise<void> {
    if (this.closed || text === '') return Promise.resolve();
    this.beforeWrite?.();
    let ok: boolean;
    try {
      ok = this.stream.write(text);
    } catch (err) {
      this.fail(err as NodeJS.ErrnoException);
      return Promise.resolve();
    }
    if (ok || this.closed) return Promise.resolve();
    // One wait for every writer while the stream is full (writes from a timer may overlap a waiting writer).
    this.draining ??= this.untilDrained().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /** Settles when the stream drains, closes or fails: 'drain' never comes to a stream that failed or closed meanwhile. */
  private async untilDrained(): Promise<void> {
    const ac = new AbortController();
    try {
      await Promise.race([
        once(this.stream, 'drain', { signal: ac.signal }),
        once(this.stream, 'close', { signal: ac.signal }),
        once(this.stream, 'error', { signal: ac.signal }),
      ]);
    } catch {
      // Rejections come from our own abort below or from the error event, which fail() already handles.
    } finally {
      ac.abort();
    }
  }

  private fail(err: NodeJS.ErrnoException): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.pendingChars = 0;
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      this.onStop('epipe');
      return;
    }
    this.failure = new ErrlensError('E_OUTPUT', 'cannot write output', errnoReason(err), { cause: err });
    this.onStop('error');
  }
}
