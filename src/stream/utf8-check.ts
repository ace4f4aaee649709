/**
 * Which lines hold bytes that are not valid UTF-8.
 *
 * After decoding, an invalid byte and a literal U+FFFD in the input look the same; only the bytes can tell them
 * apart. So this stage looks at the bytes the line splitter is about to decode (the line cutter's output: lines
 * ended by "\n", already cut to length) and remembers the numbers of lines with invalid sequences. The common case
 * costs one native `isUtf8` call per chunk; only a chunk that fails it is walked byte by byte.
 */
import { isUtf8 } from 'node:buffer';

const LF = 0x0a;

/** Length of the sequence a lead byte starts (2..4), or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The allowed range of the second byte after `lead` (Unicode Table 3-7: no overlongs, surrogates or > U+10FFFF). */
function secondByteOk(lead: number, byte: number): boolean {
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return byte >= 0x80 && byte <= 0xbf;
}

/** Remembers the lines with invalid UTF-8, fed with `\n`-separated bytes in order. */
export class Utf8LineCheck {
  /** The bytes of an incomplete sequence at the end of the last buffer, to be judged with the next one. */
  private carry: Buffer = Buffer.alloc(0);
  private readonly invalid: number[] = [];
  private head = 0;

  /**
   * Checks the next bytes.
   * @param bytes - the cutter's output for one chunk.
   * @param firstLine - the number of the line these bytes start in (the line in progress, if any).
   */
  check(bytes: Buffer, firstLine: number): void {
    if (bytes.length === 0) return;
    const buf = this.carry.length === 0 ? bytes : Buffer.concat([this.carry, bytes]);
    // Hold back a sequence cut by the end of the buffer: it may be completed by the next chunk.
    let end = buf.length;
    let i = end - 1;
    while (i >= 0 && end - i < 4 && ((buf[i] as number) & 0xc0) === 0x80) i--;
    if (i >= 0) {
      const need = sequenceLength(buf[i] as number);
      if (need > end - i) end = i;
    }
    this.carry = end === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(end));
    const body = buf.subarray(0, end);
    if (isUtf8(body)) return;
    this.walk(body, firstLine);
  }

  /** At the end of input: an incomplete sequence left over makes the last line invalid. */
  end(lastLine: number): void {
    if (this.carry.length > 0) this.mark(lastLine);
    this.carry = Buffer.alloc(0);
  }

  /** True (once) when line `line` held invalid UTF-8. Lines must be asked in increasing order. */
  takeInvalid(line: number): boolean {
    const q = this.invalid;
    while (this.head < q.length && (q[this.head] as number) < line) this.head++;
    const found = this.head < q.length && q[this.head] === line;
    if (found) this.head++;
    if (this.head > 1024 && this.head * 2 > q.length) {
      q.splice(0, this.head);
      this.head = 0;
    }
    return found;
  }

  private mark(line: number): void {
    if (this.invalid[this.invalid.length - 1] !== line) this.invalid.push(line);
  }

  /** The slow path: walks the bytes, marking each line where a sequence is invalid. */
  private walk(buf: Buffer, firstLine: number): void {
    let line = firstLine;
    let i = 0;
    const n = buf.length;
    while (i < n) {
      const b = buf[i] as number;
      if (b < 0x80) {
        if (b === LF) line++;
        i++;
        continue;
      }
      const need = sequenceLength(b);
      if (need === 0) {
        this.mark(line);
        i++;
        continue;
      }
      let j = 1;
      while (j < need && i + j < n) {
        const c = buf[i + j] as number;
        const ok = j === 1 ? secondByteOk(b, c) : (c & 0xc0) === 0x80;
        if (!ok) break;
        j++;
      }
      if (j < need) {
        // Invalid (or, at the very end, incomplete: the caller held complete-able tails back). Resume at the byte
        // that broke the sequence, which may be the "\n" ending the line.
        this.mark(line);
        i += j;
        continue;
      }
      i += need;
    }
  }
}
