import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ErrlensError } from '../errors.js';
import { errnoReason } from '../input/input-error.js';

/**
 * Standard output as errlens writes to it: one write per record (so `tail -f | errlens | grep` sees hits at once),
 * waiting for 'drain' when the consumer is slow, and treating a closed pipe (EPIPE, `errlens | head -1`) as a
 * normal stop rather than an error.
 */
export class OutputChannel {
  private readonly stream: Writable;
  private readonly onStop: (reason: 'epipe' | 'error') => void;
  private readonly beforeWrite: (() => void) | undefined;
  private closed = false;
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

  /** Writes `text`; the promise settles when the stream can take more (at once unless it is full). */
  async write(text: string): Promise<void> {
    if (this.closed || text === '') return;
    this.beforeWrite?.();
    let ok: boolean;
    try {
      ok = this.stream.write(text);
    } catch (err) {
      this.fail(err as NodeJS.ErrnoException);
      return;
    }
    if (ok || this.closed) return;
    // 'drain' never comes to a stream that failed or closed meanwhile, so wait for those too.
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
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      this.onStop('epipe');
      return;
    }
    this.failure = new ErrlensError('E_OUTPUT', 'cannot write output', errnoReason(err), { cause: err });
    this.onStop('error');
  }
}
