/**
 * The chunk scanner as a stream stage: Buffers in, {@link CandidateLine} and {@link RecordClosed} objects out, then
 * one {@link ScanTotals} object when the input ends. Put it in front of the per-line machinery when not every line is wanted (not `--all`).
 */
import { Transform, type TransformCallback } from 'node:stream';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- for TSDoc links
import type { CandidateLine, RecordClosed } from './chunk-scanner.js';
import { ChunkScanner, type ChunkScannerOptions, type ScanItem, type ScanTotals } from './chunk-scanner.js';

/** What a {@link ScanTransform} emits: candidate lines and record ends in order, then the totals last. */
export type ScanOutput = ScanItem | ScanTotals;

/** A Transform from bytes to {@link ScanOutput} objects. */
export interface ScanTransform extends Transform {
  /** The totals so far; complete once the stream has ended. */
  totals(): ScanTotals;
}

class ScanTransformImpl extends Transform implements ScanTransform {
  private readonly scanner: ChunkScanner;
  private readonly emitLine = (item: ScanItem): void => {
    this.push(item);
  };

  constructor(prefilter: RegExp, options: ChunkScannerOptions) {
    super({ readableObjectMode: true });
    this.scanner = new ChunkScanner(prefilter, options);
  }

  totals(): ScanTotals {
    return this.scanner.totals();
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.scanner.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk, this.emitLine);
    } catch (err) {
      callback(err as Error);
      return;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.push(this.scanner.end(this.emitLine));
    } catch (err) {
      callback(err as Error);
      return;
    }
    callback();
  }
}

/**
 * Creates the scan stage. Chunks must not be modified after they are written (the candidate lines' `bytes` share
 * their memory; Node's file and pipe streams always hand out fresh Buffers).
 * @param prefilter - see {@link ChunkScanner}: e.g. the extractor's `prefilter`.
 * @param options - see {@link ChunkScannerOptions}; pass the stream's `maxLineLength` and the folder's `maxLines`.
 */
export function createScanTransform(prefilter: RegExp, options: ChunkScannerOptions = {}): ScanTransform {
  return new ScanTransformImpl(prefilter, options);
}
