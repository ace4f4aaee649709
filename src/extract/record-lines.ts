/**
 * Line boundaries of a record (one line, or several folded lines joined with "\n"), computed only when the record has
 * several lines: a one-line record costs one `indexOf`.
 */
export class Lines {
  private readonly starts: number[] | undefined;
  constructor(private readonly text: string) {
    if (text.indexOf('\n') < 0) return;
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }
  /** Number of lines. */
  get count(): number {
    return this.starts?.length ?? 1;
  }
  /** Index of the line holding offset `pos`. */
  lineOf(pos: number): number {
    const s = this.starts;
    if (s === undefined) return 0;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** Offset where line `line` starts. */
  start(line: number): number {
    return this.starts?.[line] ?? 0;
  }
  /** Offset where line `line` ends (its "\n", or the end of the text). */
  end(line: number): number {
    const next = this.starts?.[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }
}

