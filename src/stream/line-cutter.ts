/**
 * The byte-level stage that runs before split2: it normalises line endings and bounds line length.
 *
 * Why a stage before split2 rather than split2 alone: split2 splits the *decoded* text with one matcher, so
 * - with `/\r\n|\r|\n/` a chunk that ends between `\r` and `\n` yields a spurious empty line, and
 * - its `maxLength` either errors or silently drops the whole overlong line (and the line count with it),
 *   after having buffered it as a string.
 * Working on bytes here, every line terminator (`\n`, `\r\n`, lone `\r`) becomes a single `\n`, and a line longer
 * than the limit is cut: its first part is passed on, the rest is dropped before it is ever buffered, and the line's
 * number is remembered so the record can say `truncated: true`. split2 then only ever sees `\n`-terminated lines of
 * bounded length, and keeps multi-byte characters whole across chunks as it should.
 *
 * Everything here depends only on the byte sequence, never on how it was chunked.
 */

const LF = 0x0a;
const CR = 0x0d;

/** A UTF-8 continuation byte (10xxxxxx): it belongs to the character started before it. */
function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

const NEWLINE = Buffer.from([LF]);

/**
 * A pure, synchronous line-ending normaliser and line-length limiter over a byte stream.
 * Feed it chunks with {@link LineCutter.write}; it returns the bytes to pass on to the line splitter.
 */
export class LineCutter {
  /** Bytes kept per line before the rest is dropped (a multi-byte character at the cut is kept whole). */
  readonly maxLineBytes: number;
  /** 1-based numbers of lines that were cut, in order, not yet claimed by {@link LineCutter.takeCut}. */
  private readonly cutLines: number[] = [];
  private cutHead = 0;
  /** Number of the line currently being read (1-based). */
  private lineNumber = 1;
  /** Bytes of the current line passed on so far. */
  private lineBytes = 0;
  /** True while dropping the rest of a cut line. */
  private dropping = false;
  /** Continuation bytes still allowed through after a cut, so the character at the cut stays whole (max 3). */
  private continuationAllowance = 0;
  /** True right after a `\r`: a `\n` that follows belongs to the same line ending. */
  private afterCr = false;

  constructor(maxLineBytes: number) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${maxLineBytes}`);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** The number of the line in progress: the line the next byte belongs to. */
  get currentLine(): number {
    return this.lineNumber;
  }

  /** Processes one chunk and returns the bytes to pass on (possibly empty). */
  write(chunk: Buffer): Buffer {
    const pieces: Buffer[] = [];
    const length = chunk.length;
    let pos = 0;
    // A `\n` right after a `\r` (possibly across a chunk boundary) has already been emitted as the line end.
    if (this.afterCr && length > 0) {
      this.afterCr = false;
      if (chunk[0] === LF) pos = 1;
    }
    // The next CR is searched for lazily: most inputs have none, or one per line (CRLF).
    let nextCr = chunk.indexOf(CR, pos);
    while (pos < length) {
      const nextLf = chunk.indexOf(LF, pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = chunk.indexOf(CR, pos);
      let end: number;
      if (nextLf === -1 && nextCr === -1) end = length;
      else if (nextLf === -1) end = nextCr;
      else if (nextCr === -1) end = nextLf;
      else end = Math.min(nextLf, nextCr);
      this.takeSegment(chunk, pos, end, pieces);
      if (end === length) break;
      // A line terminator at `end`.
      pieces.push(NEWLINE);
      this.endLine();
      if (chunk[end] === CR) {
        if (end + 1 < length) {
          pos = chunk[end + 1] === LF ? end + 2 : end + 1;
        } else {
          this.afterCr = true;
          pos = length;
        }
      } else {
        pos = end + 1;
      }
    }
    if (pieces.length === 0) return Buffer.alloc(0);
    if (pieces.length === 1) return pieces[0] as Buffer;
    return Buffer.concat(pieces);
  }

  /**
   * Returns true (once) when line `line` was cut. Lines must be claimed in increasing order, as the splitter
   * delivers them; numbers of lines already passed are discarded.
   */
  takeCut(line: number): boolean {
    while (this.cutHead < this.cutLines.length && (this.cutLines[this.cutHead] as number) < line) this.cutHead++;
    const found = this.cutHead < this.cutLines.length && this.cutLines[this.cutHead] === line;
    if (found) this.cutHead++;
    // Keep the queue from growing: drop claimed entries once they dominate.
    if (this.cutHead > 1024 && this.cutHead * 2 > this.cutLines.length) {
      this.cutLines.splice(0, this.cutHead);
      this.cutHead = 0;
    }
    return found;
  }

  /** Passes on the bytes [start, end) of the current line, cutting it at the limit. */
  private takeSegment(chunk: Buffer, start: number, end: number, pieces: Buffer[]): void {
    if (start >= end) return;
    if (this.dropping) {
      // Let the tail of a multi-byte character cut in two through, then drop the rest.
      let keep = start;
      while (this.continuationAllowance > 0 && keep < end && isContinuation(chunk[keep] as number)) {
        keep++;
        this.continuationAllowance--;
      }
      if (keep > start) pieces.push(chunk.subarray(start, keep));
      if (keep < end) this.continuationAllowance = 0;
      return;
    }
    const room = this.maxLineBytes - this.lineBytes;
    if (end - start <= room) {
      pieces.push(chunk.subarray(start, end));
      this.lineBytes += end - start;
      return;
    }
    // The line goes over the limit inside this segment: keep `room` bytes, then the character in progress.
    let cut = start + room;
    let allowance = 3;
    while (allowance > 0 && cut < end && isContinuation(chunk[cut] as number)) {
      cut++;
      allowance--;
    }
    if (cut > start) pieces.push(chunk.subarray(start, cut));
    this.lineBytes += cut - start;
    this.dropping = true;
    this.continuationAllowance = cut < end ? 0 : allowance;
    this.cutLines.push(this.lineNumber);
  }

  private endLine(): void {
    this.lineNumber++;
    this.lineBytes = 0;
    this.dropping = false;
    this.continuationAllowance = 0;
  }
}
