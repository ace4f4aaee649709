/**
 * The per-line core of the stream, free of any stream machinery: decoded lines in, finished records out, every
 * line accounted for. The Transform in `stream.ts` is a thin shell around it, so this is also what a fast path
 * (or a test) can drive directly.
 */
import type { Folder } from '../parse/fold.js';
import type { Hit, LineAccounting, LogRecord, ParsedLine } from '../types.js';
import { isUndecodable } from './line-quality.js';

/** What {@link RecordBuilder} needs from the rest of errlens. */
export interface RecordBuilderDeps {
  /** The input's name, copied into every record. */
  readonly source: string;
  /** Emit records without hits too. */
  readonly all: boolean;
  readonly parse: (text: string) => ParsedLine;
  readonly extract: (text: string, fields: ParsedLine) => readonly Hit[];
  /**
   * Decides which lines continue the record before them (its state follows the lines pushed here). Absent: every
   * line is its own record, and goes out as soon as it is complete. Present: a record is held until the next line
   * shows whether it continues, or until {@link RecordBuilder.flush}.
   */
  readonly fold?: Folder;
}

/** A zeroed {@link LineAccounting}. */
export function emptyAccounting(): LineAccounting {
  return {
    linesRead: 0,
    linesWithHits: 0,
    linesWithoutHits: 0,
    linesTooLong: 0,
    linesUndecodable: 0,
    records: 0,
    recordsWithHits: 0,
    hits: 0,
  };
}

/** The hits of a record no line of which can hold one (shared: records never modify their hits). */
const NO_HITS: readonly Hit[] = Object.freeze([]);

/** The record being assembled. */
interface Held {
  readonly line: number;
  readonly fields: ParsedLine;
  readonly texts: string[];
  /** Per line: true when it was too long and cut. Undecodable lines are never held. */
  readonly tooLong: boolean[];
  truncated: boolean;
  invalidUtf8: boolean;
  /** Some line may hold a hit (see {@link RecordBuilder.push}'s `mayHit`): false spares the extractor. */
  mayHit: boolean;
}

/**
 * Turns lines into records. Lines are numbered from 1 in the order given; call {@link RecordBuilder.push} for each
 * physical line (without its terminator) and {@link RecordBuilder.flush} at the end of input or after an idle time.
 */
export class RecordBuilder {
  /** Live counters; callers should copy before handing them out. */
  readonly stats: LineAccounting = emptyAccounting();
  private readonly deps: RecordBuilderDeps;
  private lineNumber = 0;
  private held: Held | undefined;

  constructor(deps: RecordBuilderDeps) {
    this.deps = deps;
  }

  /** True while a record is held waiting for possible continuation lines. */
  get holding(): boolean {
    return this.held !== undefined;
  }

  /** Number of physical lines pushed so far (the number the next line will *not* have). */
  get linesSeen(): number {
    return this.lineNumber;
  }

  /**
   * Takes one physical line. Records that are complete are appended to `out` (only those to emit: with hits, or all
   * when `all`).
   * @param truncated - the line was longer than the limit and this is its first part.
   * @param invalidUtf8 - the line's bytes were not all valid UTF-8.
   * @param mayHit - false when the caller has proved the line holds no hit (a fast path's context line, which its
   *   prefilter rejected): a record made only of such lines is not searched and has no hits. Default true.
   */
  push(text: string, truncated: boolean, invalidUtf8: boolean, out: LogRecord[], mayHit = true): void {
    const line = ++this.lineNumber;
    this.stats.linesRead++;
    if (isUndecodable(text)) {
      this.flush(out);
      this.emitUndecodable(text, line, truncated, invalidUtf8, out);
      return;
    }
    const fields = this.deps.parse(text);
    const fold = this.deps.fold;
    if (fold === undefined) {
      this.finish(this.start(line, text, fields, truncated, invalidUtf8, mayHit), out);
      return;
    }
    const held = this.held;
    // The folder is offered every line, so its idea of the open record is always ours.
    if (fold.push(text, fields) && held !== undefined) {
      held.texts.push(text);
      held.tooLong.push(truncated);
      if (truncated) held.truncated = true;
      if (invalidUtf8) held.invalidUtf8 = true;
      if (mayHit) held.mayHit = true;
      return;
    }
    if (held !== undefined) {
      this.held = undefined;
      this.finish(held, out);
    }
    this.held = this.start(line, text, fields, truncated, invalidUtf8, mayHit);
  }

  private start(line: number, text: string, fields: ParsedLine, truncated: boolean, invalidUtf8: boolean, mayHit: boolean): Held {
    return { line, fields, texts: [text], tooLong: [truncated], truncated, invalidUtf8, mayHit };
  }

  /**
   * Counts `count` lines that a fast path skipped because it proved they hold no hit and continue no record (see
   * `src/scan/`): the held record is finished first, and each skipped line counts as a record without hits. The next
   * line pushed gets the number after them. (Skipped lines that the slow path would have folded together count as
   * several records here: `records` may be a little higher than on the slow path; the line counts are exact.)
   */
  skip(count: number, out: LogRecord[]): void {
    if (count <= 0) return;
    this.flush(out);
    this.lineNumber += count;
    this.stats.linesRead += count;
    this.stats.linesWithoutHits += count;
    this.stats.records += count;
  }

  /**
   * Finishes the held record, if any, appending it to `out` when it is to be emitted. The next line starts a new
   * record whatever it looks like.
   */
  flush(out: LogRecord[]): void {
    this.deps.fold?.reset();
    const held = this.held;
    if (held === undefined) return;
    this.held = undefined;
    this.finish(held, out);
  }

  private finish(held: Held, out: LogRecord[]): void {
    const text = held.texts.length === 1 ? (held.texts[0] as string) : held.texts.join('\n');
    const hits = held.mayHit ? this.deps.extract(text, held.fields) : NO_HITS;
    const stats = this.stats;
    stats.records++;
    stats.hits += hits.length;
    if (hits.length > 0) stats.recordsWithHits++;
    this.countLines(held, hits);
    if (hits.length === 0 && !this.deps.all) return;
    const record: LogRecord = {
      source: this.deps.source,
      line: held.line,
      lineCount: held.texts.length,
      text,
      fields: held.fields,
      hits,
      ...(held.truncated ? { truncated: true } : {}),
      ...(held.invalidUtf8 ? { invalidUtf8: true } : {}),
    };
    out.push(record);
  }

  /**
   * Puts each line of a finished record in exactly one category: too long, else with a hit (a hit *starts* on it),
   * else without.
   */
  private countLines(held: Held, hits: readonly Hit[]): void {
    const stats = this.stats;
    if (held.texts.length === 1) {
      if (held.tooLong[0] === true) stats.linesTooLong++;
      else if (hits.length > 0) stats.linesWithHits++;
      else stats.linesWithoutHits++;
      return;
    }
    let start = 0;
    for (let i = 0; i < held.texts.length; i++) {
      const end = start + (held.texts[i] as string).length;
      if (held.tooLong[i] === true) stats.linesTooLong++;
      else if (hits.some((h) => h.span[0] >= start && h.span[0] <= end)) stats.linesWithHits++;
      else stats.linesWithoutHits++;
      start = end + 1;
    }
  }

  private emitUndecodable(text: string, line: number, truncated: boolean, invalidUtf8: boolean, out: LogRecord[]): void {
    const stats = this.stats;
    stats.records++;
    // Too long wins, so that the four line categories stay disjoint.
    if (truncated) stats.linesTooLong++;
    else stats.linesUndecodable++;
    if (!this.deps.all) return;
    out.push({
      source: this.deps.source,
      line,
      lineCount: 1,
      text,
      fields: { format: 'plain', message: text },
      hits: [],
      ...(truncated ? { truncated: true } : {}),
      ...(invalidUtf8 ? { invalidUtf8: true } : {}),
    });
  }
}
