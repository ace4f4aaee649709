/**
 * The idle timer of a record stream: with folding, a record is held until the next line shows whether it continues;
 * in a live stream nothing may wait for a line that never comes, so the held record is let go after `ms` idle
 * milliseconds. Shared by the full path (`RecordTransform`) and the fast path (`FastRecordTransform`).
 */
export class IdleFlush {
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param ms - idle milliseconds before `onIdle` runs; `Infinity` never runs it (output independent of read timing).
   * @param onIdle - lets the held record go.
   */
  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {}

  /** After a chunk: starts the timer when a record is held (and the timer is not disabled). */
  arm(holding: boolean): void {
    if (!holding || !Number.isFinite(this.ms)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onIdle();
    }, Math.max(0, this.ms));
    // A live input keeps the process alive by itself; the timer must not keep it alive on its own.
    this.timer.unref();
  }

  /**
   * Ends a chunk's turn: once the records it finished are taken (`taken`: a promise from an `onRecords` callback
   * asking to wait, or undefined), arms the timer (`holding()` is asked then) and calls `callback` to release the next
   * chunk; a rejection fails the chunk.
   */
  release(taken: Promise<void> | undefined, holding: () => boolean, callback: (error?: Error | null) => void): void {
    if (taken === undefined) {
      this.arm(holding());
      callback();
      return;
    }
    taken.then(() => {
      this.arm(holding());
      callback();
    }, callback);
  }

  /** Before the next chunk, at the end and on teardown: no idle flush is due any more. */
  clear(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
