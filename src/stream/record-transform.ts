/**
 * The stream shell: bytes in, records out. Three stages, each separable:
 *   1. {@link LineCutter} (bytes): line endings to "\n", overlong lines cut, cut lines remembered;
 *      {@link Utf8LineCheck} then notes the lines whose bytes are not valid UTF-8;
 *   2. split2 (bytes → strings): UTF-8 decoding that keeps multi-byte characters whole across chunks, and splitting;
 *   3. {@link RecordBuilder} (strings → records): parse, fold, extract, count.
 * split2 runs as an inner stream whose mapper hands each line straight to the builder and returns `undefined`,
 * so split2 itself buffers nothing but the partial last line; this Transform pushes the records.
 */
import { Transform, type TransformCallback } from 'node:stream';
import split2 from 'split2';
import type { LineAccounting, LogRecord } from '../types.js';
import type { LineCutter } from './line-cutter.js';
import type { RecordBuilder } from './record-builder.js';
import type { RecordSink } from '../scan/fast-record-transform.js';
import { IdleFlush } from './idle-flush.js';
import { Utf8LineCheck } from './utf8-check.js';

/** A Transform from bytes to {@link LogRecord} objects that also counts what became of every line. */
export interface ErrlensStream extends Transform {
  /** A snapshot of the line accounting so far; complete once the stream has ended ('end' or 'finish'). */
  readonly stats: LineAccounting;
}

/** How the shell is put together; see `createErrlensStream` for the user-facing options. */
export interface RecordTransformParts {
  readonly cutter: LineCutter;
  readonly builder: RecordBuilder;
  /**
   * Idle milliseconds after which a record held for possible continuation lines is let go. `Infinity` never lets go
   * before the next line or the end of input, which makes the output independent of read timing.
   */
  readonly idleFlushMs: number;
  /** Takes the records instead of the readable side, a chunk's worth at a time (see `ErrlensStreamOptions.onRecords`). */
  readonly onRecords?: RecordSink;
}

/** See {@link ErrlensStream}. */
export class RecordTransform extends Transform implements ErrlensStream {
  private readonly cutter: LineCutter;
  private readonly builder: RecordBuilder;
  private readonly splitter: Transform;
  private readonly utf8 = new Utf8LineCheck();
  /** Records finished by the current call into the builder, pushed right after (with `onRecords`: after the chunk). */
  private out: LogRecord[] = [];
  private readonly onRecords: RecordSink | undefined;
  private readonly idle: IdleFlush;
  /** An error thrown by a stage inside split2's mapper, surfaced through the current callback. */
  private failure: Error | undefined;

  constructor(parts: RecordTransformParts) {
    super({ readableObjectMode: true });
    this.cutter = parts.cutter;
    this.builder = parts.builder;
    this.idle = new IdleFlush(parts.idleFlushMs, () => this.onIdle());
    this.onRecords = parts.onRecords;
    // The cutter already turned every line ending into "\n", so a plain string matcher suffices (and is the fastest).
    this.splitter = split2('\n', (line: string) => {
      this.takeLine(line);
      return undefined;
    });
    this.splitter.on('error', (err: Error) => {
      this.failure ??= err;
    });
    // Nothing is ever pushed by split2 (the mapper returns undefined), but it must flow so that it can end.
    this.splitter.resume();
  }

  get stats(): LineAccounting {
    return { ...this.builder.stats };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.idle.clear();
    const firstLine = this.cutter.currentLine;
    const bytes = this.cutter.write(chunk);
    this.utf8.check(bytes, firstLine);
    if (bytes.length === 0) {
      this.afterChunk(callback);
      return;
    }
    // split2 handles a write synchronously, but its callback comes on a later tick: by then every complete line of
    // this chunk has gone through the mapper, so the records are pushed before the callback releases the next chunk.
    this.splitter.write(bytes, (err) => {
      if (err !== undefined && err !== null) this.failure ??= err;
      this.afterChunk(callback);
    });
  }

  override _flush(callback: TransformCallback): void {
    this.idle.clear();
    // Before split2 hands over the last line: a sequence cut short by the end of input is invalid.
    this.utf8.end(this.cutter.currentLine);
    this.splitter.end(() => {
      if (this.failure !== undefined) {
        callback(this.failure);
        return;
      }
      try {
        this.builder.flush(this.out);
      } catch (err) {
        callback(err as Error);
        return;
      }
      const wait = this.handOn();
      if (wait === undefined) callback();
      else wait.then(() => callback(), callback);
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.idle.clear();
    this.splitter.destroy();
    // A record held for continuation lines when the stream is torn down (a read error, a stop) has had its lines
    // counted as read: finish it so that they are counted in a category too, and the accounting still adds up.
    // It cannot be pushed any more; a stage that already failed is not asked again.
    if (this.failure === undefined) {
      try {
        this.builder.flush(this.out);
      } catch {
        // The stream is going down with `error` already; the held lines stay uncategorised.
      }
    }
    this.out.length = 0;
    callback(error);
  }

  private takeLine(line: string): void {
    if (this.failure !== undefined) return;
    try {
      const n = this.builder.linesSeen + 1;
      this.builder.push(line, this.cutter.takeCut(n), this.utf8.takeInvalid(n), this.out);
    } catch (err) {
      this.failure = err as Error;
      this.out.length = 0;
      return;
    }
    if (this.onRecords === undefined) this.pushOut();
  }

  private pushOut(): void {
    const out = this.out;
    // Backpressure is left to Transform: it holds our callback while its readable buffer is full.
    for (const record of out) this.push(record);
    out.length = 0;
  }

  /** Hands on the records finished so far: pushed, or given to `onRecords` (a promise when it asks to wait). */
  private handOn(): Promise<void> | undefined {
    if (this.onRecords === undefined) {
      this.pushOut();
      return undefined;
    }
    const out = this.out;
    if (out.length === 0) return undefined;
    this.out = [];
    return this.onRecords(out);
  }

  private afterChunk(callback: TransformCallback): void {
    if (this.failure !== undefined) {
      this.out.length = 0;
      callback(this.failure);
      return;
    }
    this.idle.release(this.handOn(), () => this.builder.holding, callback);
  }

  private onIdle(): void {
    if (this.destroyed || this.writableEnded) return;
    try {
      this.builder.flush(this.out);
    } catch (err) {
      this.destroy(err as Error);
      return;
    }
    // An idle flush hands on at most the one record held: nothing waits on it.
    this.handOn()?.catch((err: unknown) => this.destroy(err as Error));
  }
}
