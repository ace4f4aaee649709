/**
 * Counting the lines of a shard before it is scanned, so the shards after it know their first line number.
 * Lines end as in `stream/line-cutter.ts`: `\n`, `\r\n` and a lone `\r` each end one line.
 */
import { createReadStream } from 'node:fs';

const LF = 0x0a;
const CR = 0x0d;

/** Counts line terminators over chunks given in order. Pure and synchronous. */
export class LineCounter {
  /** Terminators seen so far (a `\r` at the end of the last chunk is counted by {@link LineCounter.end}). */
  count = 0;
  private pendingCr = false;

  /** Takes the next chunk. */
  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buf.length === 0) return;
    let start = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      // "\r" then "\n" across the chunk boundary: one terminator, counted here as the "\n".
      this.count += 1;
      if (buf[0] === LF) start = 1;
    }
    let pos = buf.indexOf(LF, start);
    while (pos !== -1) {
      this.count += 1;
      pos = buf.indexOf(LF, pos + 1);
    }
    // Lone "\r"s: most files have none, or only "\r\n"s, which the "\n" count already holds.
    let cr = buf.indexOf(CR, start);
    while (cr !== -1) {
      if (cr === buf.length - 1) {
        this.pendingCr = true;
        break;
      }
      if (buf[cr + 1] !== LF) this.count += 1;
      cr = buf.indexOf(CR, cr + 1);
    }
  }

  /** Ends the input: a `\r` at the very end is a terminator. Returns the count. */
  end(): number {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.count += 1;
    }
    return this.count;
  }
}

/**
 * The number of line terminators in bytes [start, end) of `path`. For a range that starts and ends at line starts
 * that is its number of lines.
 */
export async function countLinesInRange(path: string, start: number, end: number, signal?: AbortSignal): Promise<number> {
  const counter = new LineCounter();
  if (end <= start) return 0;
  const stream = createReadStream(path, { start, end: end - 1, highWaterMark: 1024 * 1024, ...(signal !== undefined ? { signal } : {}) });
  for await (const chunk of stream) counter.push(chunk as Buffer);
  return counter.end();
}
