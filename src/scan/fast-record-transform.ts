/**
 * The fast path as a ready stream shell: bytes in, {@link LogRecord} objects out, like the stream's
 * `RecordTransform`, but only the chunk scanner's candidate lines reach the record builder; skipped lines are only
 * counted. For every run that does not need every record (not `--all`), records with hits and the line accounting
 * come out the same (`test/scan/fast-path-equivalence.test.ts`); `stats.records` may be a little higher (skipped
 * lines count one record each).
 *
 * The builder is taken as an interface (the stream's `RecordBuilder` fits); of the stream code only the shared idle
 * timer is used.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import type { LineAccounting, LogRecord } from '../types.js';
import { IdleFlush } from '../stream/idle-flush.js';
import type { ChunkScanner, ScanItem } from './chunk-scanner.js';

/** What the shell needs of a record builder (`src/stream/record-builder.ts` has it). */
export interface FastPathBuilder {
  readonly stats: LineAccounting;
  readonly holding: boolean;
  /** `mayHit` false: the line cannot hold a hit (the scanner's prefilter rejected it), so need not be searched. */
  push(text: string, truncated: boolean, invalidUtf8: boolean, out: LogRecord[], mayHit?: boolean): void;
  skip(count: number, out: LogRecord[]): void;
  flush(out: LogRecord[]): void;
}

/** How the shell is put together. */
export interface FastRecordTransformParts {
  /** Built with the stream's `maxLineLength` and the folder's `maxLines` as `foldLines` (1 without folding). */
  readonly scanner: ChunkScanner;
  readonly builder: FastPathBuilder;
  /** As the stream's `idleFlushMs`: a held record goes out after this many idle ms (`Infinity`: never early). */
  readonly idleFlushMs: number;
  /** Takes the records instead of the readable side (see `ErrlensStreamOptions.onRecords`). */
  readonly onRecords?: RecordSink;
}

/**
 * Takes each batch of finished records, in order, synchronously; may keep the array. A returned promise holds the
 * input until it settles (backpressure); a rejection fails the stream.
 */
export type RecordSink = (records: LogRecord[]) => Promise<void> | undefined;

/** A Transform from bytes to records through the fast path; `stats` as the stream's. */
export class FastRecordTransform extends Transform {
  private readonly scanner: ChunkScanner;
  private readonly builder: FastPathBuilder;
  private out: LogRecord[] = [];
  private readonly idle: IdleFlush;
  private readonly onRecords: RecordSink | undefined;
  /** `_flush` has run: every line read has been counted. */
  private flushed = false;
  private readonly onItem = (item: ScanItem): void => {
    const out = this.out;
    if (item.kind === 'closed') {
      this.builder.flush(out);
      return;
    }
    this.builder.skip(item.skippedBefore, out);
    // Only a suspect line can hold invalid UTF-8; the others need no check. A line the prefilter rejected holds no
    // hit (context and folding lines): the extractor is spared it. Suspect lines are always searched: the prefilter
    // saw their bytes, the extractor sees them decoded.
    this.builder.push(item.bytes.toString('utf8'), item.truncated, item.suspect && !isUtf8(item.bytes), out, item.matched || item.suspect);
  };

  constructor(parts: FastRecordTransformParts) {
    super({ readableObjectMode: true });
    this.scanner = parts.scanner;
    this.builder = parts.builder;
    this.idle = new IdleFlush(parts.idleFlushMs, () => this.onIdle());
    this.onRecords = parts.onRecords;
  }

  /** A snapshot of the line accounting so far; complete once the stream has ended. */
  get stats(): LineAccounting {
    return { ...this.builder.stats };
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    this.idle.clear();
    try {
      this.scanner.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk, this.onItem);
    } catch (err) {
      this.out.length = 0;
      callback(err as Error);
      return;
    }
    this.idle.release(this.pushOut(), () => this.builder.holding, callback);
  }

  override _flush(callback: TransformCallback): void {
    this.idle.clear();
    this.flushed = true;
    try {
      const totals = this.scanner.end(this.onItem);
      this.builder.skip(totals.skippedAtEnd, this.out);
      this.builder.flush(this.out);
    } catch (err) {
      callback(err as Error);
      return;
    }
    const wait = this.pushOut();
    if (wait === undefined) callback();
    else wait.then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.idle.clear();
    // Torn down before the end (a read error, a stop): lines already read must still land in a category so that the
    // accounting adds up: the lines skipped since the last candidate, and a record held for continuation lines.
    // Nothing can be pushed any more. After a normal end (auto-destroy) `_flush` has counted them already.
    if (!this.flushed) {
      try {
        this.builder.skip(this.scanner.totals().skippedAtEnd, this.out);
        this.builder.flush(this.out);
      } catch {
        // The stream is going down with `error` already; the held lines stay uncategorised.
      }
    }
    this.out.length = 0;
    callback(error);
  }

  /** Hands on the finished records; a promise when the taker asks to wait. */
  private pushOut(): Promise<void> | undefined {
    const out = this.out;
    if (out.length === 0) return undefined;
    if (this.onRecords !== undefined) {
      this.out = [];
      return this.onRecords(out);
    }
    for (const record of out) this.push(record);
    out.length = 0;
    return undefined;
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
    this.pushOut()?.catch((err: unknown) => this.destroy(err as Error));
  }
}
