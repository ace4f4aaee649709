/**
 * In-process helpers: run bytes through the library's scanner and check what it says became of every line.
 */
import { createErrlensStream, type ErrlensStreamOptions } from '../../../src/stream.js';
import type { LineAccounting, LogRecord } from '../../../src/types.js';

/** Fixed time assumptions and batch mode, so records depend on the bytes only. */
export const BATCH: ErrlensStreamOptions = { year: 2026, tz: 'UTC', idleFlushMs: Number.POSITIVE_INFINITY };

/** What one scan produced. */
export interface ScanResult {
  readonly records: LogRecord[];
  readonly stats: LineAccounting;
}

/** Writes `chunks` in order into a fresh scanner, ends it, and collects every record and the final accounting. */
export async function scanChunks(chunks: readonly (Buffer | string)[], options: ErrlensStreamOptions = {}): Promise<ScanResult> {
  const stream = createErrlensStream({ ...BATCH, ...options });
  const records: LogRecord[] = [];
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (r: LogRecord) => records.push(r));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  for (const c of chunks) stream.write(c);
  stream.end();
  await done;
  return { records, stats: stream.stats };
}

/** Scans `input` as one chunk. */
export function scan(input: Buffer | string, options: ErrlensStreamOptions = {}): Promise<ScanResult> {
  return scanChunks([input], options);
}

/** The four line categories summed: must equal `linesRead`. */
export function accountedLines(a: LineAccounting): number {
  return a.linesWithHits + a.linesWithoutHits + a.linesTooLong + a.linesUndecodable;
}

/**
 * Physical lines in `buf` as errlens defines them: `\n`, `\r\n` and a lone `\r` each end a line; a last line
 * without an ending still counts; empty input has none. Counted over bytes, independently of the stream code.
 */
export function countLines(buf: Buffer): number {
  let lines = 0;
  let open = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x0a || b === 0x0d) {
      lines++;
      open = false;
      if (b === 0x0d && buf[i + 1] === 0x0a) i++;
    } else {
      open = true;
    }
  }
  return lines + (open ? 1 : 0);
}

/** Splits `buf` at the given byte offsets (taken modulo its length + 1, deduplicated, in order). */
export function splitAt(buf: Buffer, points: readonly number[]): Buffer[] {
  const cuts = [...new Set(points.map((p) => p % (buf.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of cuts) {
    chunks.push(buf.subarray(prev, p));
    prev = p;
  }
  chunks.push(buf.subarray(prev));
  return chunks;
}

/** `buf` as one chunk per byte. */
export function byteByByte(buf: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i++) chunks.push(buf.subarray(i, i + 1));
  return chunks;
}

/** A hit reduced to what identifies it, for comparisons that must not depend on object identity. */
export function hitKeys(records: readonly LogRecord[]): string[] {
  return records.flatMap((r) => r.hits.map((h) => `${r.line}:${h.code}:${h.kind}:${h.span[0]}-${h.span[1]}:${h.rule}`));
}
