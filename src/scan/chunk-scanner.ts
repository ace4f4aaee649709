/**
 * The fast path: finds the few lines worth the full per-line machinery in raw byte chunks, without splitting the
 * rest into strings.
 *
 * Why: on a large log, turning every line into a string costs more than matching it. Here the prefilter runs over
 * whole chunks of bytes: its literal alternatives (the extractor's anchor words and catalogue codes) through a
 * WebAssembly engine (`literal-search.ts`), the rest, if any, as regular expressions over the chunk decoded once as
 * latin1 (one char per byte, so string offsets are byte offsets). Line boundaries come from the bytes, and only the
 * lines around a match (and the few lines that must be looked at for accounting) are cut out as Buffers.
 *
 * Lines follow the stream's rules (`stream/line-cutter.ts`): `\n`, `\r\n` and a lone `\r` all end a line; a final
 * line without a terminator counts; a line longer than `maxLineLength` bytes is cut there (plus up to 3 UTF-8
 * continuation bytes, so the character at the cut stays whole) and flagged `truncated`. The lines yielded, their
 * numbers and their flags depend only on the bytes, never on how they were chunked.
 *
 * What is yielded, in line order:
 * - `matched`: the prefilter matches the line (for a cut line: its kept part);
 * - `truncated`: the line was too long (always yielded, so `linesTooLong` stays exact);
 * - `suspect`: the line holds bytes that are not UTF-8, U+FFFD or NUL (always yielded, so `invalidUtf8` and
 *   `linesUndecodable` stay exact for binary data and UTF-16 text, which are full of NULs). Other C0 controls are not
 *   looked for: finding them costs as much as the prefilter. So a line made mostly of controls other than NUL, in
 *   otherwise valid UTF-8, is counted as a line without hits rather than undecodable;
 * - `context`: a line that may belong to the same folded record as a yielded line: up to `foldLines - 1` lines
 *   after it that {@link mayContinue}, and, when a yielded line itself may continue a record, the lines before it
 *   back to the line that starts that record (at most `foldLines - 1` lines back); with the options, also
 *   `contextBefore` / `contextAfter` lines around each matched line and the first and last line of the input.
 * Every other line is skipped and only counted. After a yielded line, the first skipped line that cannot continue its
 * record is announced as {@link RecordClosed}, so a consumer holding that record for folding can let it go at once.
 *
 * In front of the per-line machinery (a `RecordBuilder` with the same `maxLineLength` and fold bounds), records with
 * hits and the line accounting come out the same as when every line goes through it
 * (`test/scan/fast-path-equivalence.test.ts`):
 *
 *     line   → builder.skip(item.skippedBefore); builder.push(item.bytes.toString('utf8'), item.truncated,
 *              item.suspect && !isUtf8(item.bytes))
 *     closed → builder.flush()
 *     end    → builder.skip(totals.skippedAtEnd); builder.flush()
 *
 * Only `records` differs: skipped lines count one record each, even where several would have folded together.
 * The prefilter must match every line the extractor could find a hit in (the extractor's `prefilter` does).
 * Chunks must not be modified after they are pushed: yielded `bytes` and the context ring share their memory.
 */
import { isUtf8 } from 'node:buffer';
import { mayContinue } from './continuation.js';
import { CONTROLS_EF, CONTROLS_NUL, LiteralSearch, planLiterals } from './literal-search.js';
import { planConfirm, splitPrefilter, type ConfirmPlan } from './split-alternatives.js';

/** Options of {@link ChunkScanner}. */
export interface ChunkScannerOptions {
  /** Longest line kept, in bytes, as the stream's `maxLineLength`. Default 65536. */
  readonly maxLineLength?: number;
  /**
   * Most lines in a folded record, as the folder's `maxLines`: bounds the context lines yielded around a candidate.
   * 1 (or 0) yields no context lines. Default 50.
   */
  readonly foldLines?: number;
  /** Yield every line holding invalid UTF-8, U+FFFD or NUL, so the per-line machinery can classify it. Default true. */
  readonly checkText?: boolean;
  /**
   * Number of the first line, for scanning part of a file (e.g. one range per worker with `--jobs`). The part must
   * start at a line start, best at a line that {@link mayContinue} is false for: lines before the part cannot be
   * yielded as context. `linesRead` and the totals count the part's lines only. Default 1.
   */
  readonly firstLineNumber?: number;
  /** Also yield up to this many lines before each matched line (as `context`), like `grep -B`. Default 0. */
  readonly contextBefore?: number;
  /**
   * Also yield up to this many lines after each matched line (as `context`; continuation lines of its record do not
   * count), like `grep -A`. Default 0.
   */
  readonly contextAfter?: number;
  /** Also yield the first and the last line of the input (as `context`), e.g. for the time span of a summary. Default false. */
  readonly edges?: boolean;
  /**
   * A second test of each line the prefilter matched, over its latin1 text: a line it does not match counts as not
   * matched. For a prefilter that is fast over whole chunks but coarse, and a confirm test that is selective but too
   * slow to run over everything (e.g. the extractor's `prefilter` and `lineFilter`). Same rules as the prefilter:
   * ASCII-only, no false negatives. Default: none.
   */
  readonly confirm?: RegExp;
}

/** One line the fast path passes on. */
export interface CandidateLine {
  readonly kind: 'line';
  /** 1-based line number in the input. */
  readonly lineNumber: number;
  /** The line's bytes without terminator (the kept part when `truncated`); decode as UTF-8. May share memory with the input chunk. */
  readonly bytes: Buffer;
  /** The prefilter matched. */
  readonly matched: boolean;
  /** Longer than `maxLineLength`: only its first part is in `bytes`. */
  readonly truncated: boolean;
  /** Holds invalid UTF-8, U+FFFD or NUL. */
  readonly suspect: boolean;
  /** Yielded only as folding context (see the module comment); may also be `matched`. */
  readonly context: boolean;
  /** Lines skipped between the previous yielded line (or the start of input) and this one. */
  readonly skippedBefore: number;
}

/**
 * Line `lineNumber`, skipped, cannot continue the record of the last yielded line: that record is complete. A
 * consumer that folds lines into records can finish the record it holds (nothing is counted: `skippedBefore` of the
 * next yielded line still includes this line).
 */
export interface RecordClosed {
  readonly kind: 'closed';
  readonly lineNumber: number;
}

/** What the scanner emits while scanning. */
export type ScanItem = CandidateLine | RecordClosed;

/** What became of every line, once the input has ended. */
export interface ScanTotals {
  readonly kind: 'totals';
  /** Every line of the input. */
  readonly linesRead: number;
  /** Lines yielded as {@link CandidateLine}s. */
  readonly linesYielded: number;
  /** Lines skipped: linesRead - linesYielded. */
  readonly linesSkipped: number;
  /** Lines skipped after the last yielded line (to add to the previous `skippedBefore`s for a full count). */
  readonly skippedAtEnd: number;
  /** Bytes read. */
  readonly bytesRead: number;
}

/** Default of {@link ChunkScannerOptions.maxLineLength}, the same as the stream's. */
export const SCAN_DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
/** Default of {@link ChunkScannerOptions.foldLines}, the same as the folder's `maxLines`. */
export const SCAN_DEFAULT_FOLD_LINES = 50;

const LF = 0x0a;
const CR = 0x0d;
/** Largest region the literal engine searches (it holds a copy): 64 MiB. Chunks from files and shards are 64-128 KiB. */
const MAX_ENGINE_REGION = 64 * 1024 * 1024;
const U_FFFD = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * Where the last lines started, for folding context: a ring of start offsets plus the buffers ("segments") they
 * point into. A segment is a scanned region of a chunk (lines end at their terminator) or one line assembled across
 * chunks (the whole buffer). Storing one number per line keeps the hot loop cheap.
 */
class LineRing {
  readonly mask: number;
  readonly starts: Int32Array;
  /** Line number of the newest entry (0: none yet). */
  newest = 0;
  private readonly segs: { buf: Buffer; firstLine: number; single: boolean; hasCr: boolean }[] = [];

  constructor(lines: number) {
    let size = 1;
    while (size < lines) size <<= 1;
    this.mask = size - 1;
    this.starts = new Int32Array(size);
  }

  /**
   * Lines from `firstLine` on (until the next segment) live in `buf`; `single`: `buf` is that one line. `hasCr`: the
   * segment may hold a `\r` (without one, a line ends at the next `\n`, found without scanning the rest for `\r`).
   */
  addSegment(buf: Buffer, firstLine: number, single: boolean, hasCr = true): void {
    const oldest = this.newest - this.mask;
    while (this.segs.length > 1 && (this.segs[1] as { firstLine: number }).firstLine <= oldest) this.segs.shift();
    this.segs.push({ buf, firstLine, single, hasCr });
  }

  /** True when line `line` is still held. */
  has(line: number): boolean {
    return line > 0 && line <= this.newest && line > this.newest - this.mask - 1;
  }

  /** The bytes of a held line (never a cut line: those are always yielded, so never needed as context). */
  bytes(line: number): Buffer {
    let k = this.segs.length - 1;
    while (k > 0 && (this.segs[k] as { firstLine: number }).firstLine > line) k--;
    const seg = this.segs[k] as { buf: Buffer; single: boolean; hasCr: boolean };
    if (seg.single) return seg.buf;
    const start = this.starts[line & this.mask] as number;
    const end = seg.hasCr ? firstTerminator(seg.buf, start) : seg.buf.indexOf(LF, start);
    return seg.buf.subarray(start, end === -1 ? seg.buf.length : end);
  }
}

/** Where a too-long line is cut: `max` bytes, then up to 3 UTF-8 continuation bytes, as the stream's LineCutter does. */
function cutPoint(buf: Buffer, start: number, end: number, max: number): number {
  let cut = start + max;
  let allowance = 3;
  while (allowance > 0 && cut < end && ((buf[cut] as number) & 0xc0) === 0x80) {
    cut++;
    allowance--;
  }
  return cut;
}

/**
 * The chunk scanner: push Buffers in input order, receive the candidate lines (and record ends) through `emit`. Pure and synchronous;
 * see the module comment for what is yielded. One instance per input.
 */
export class ChunkScanner {
  private readonly re: RegExp;
  /**
   * The prefilter as run over whole regions: its parts (see `split-alternatives.ts`), each found by the literal
   * engine (`literal-search.ts`, bit k of its groups for part k) and by `rests[k]`, the regular expression of the
   * alternatives the engine does not cover (undefined: none). Without the engine, `rests` are the parts; regions
   * larger than {@link MAX_ENGINE_REGION} are searched with the parts (`searchers`) alone.
   */
  private readonly literals: LiteralSearch | undefined;
  private readonly rests: readonly (RegExp | undefined)[];
  private readonly searchers: readonly RegExp[];
  /** Some part has a rest: regions must be decoded as latin1 for it. */
  private readonly textNeeded: boolean;
  /** The groups of the parts whose matches imply the confirm test (`plan.implied`). */
  private readonly impliedGroups: number;
  private readonly maxLine: number;
  private readonly foldLines: number;
  private readonly checkText: boolean;
  private readonly ring: LineRing | undefined;

  /** Number of the last line completed (`base` before the first). */
  private lineNo = 0;
  /** Number of the line before the first one. */
  private readonly base: number;
  private lastYielded = 0;
  private yielded = 0;
  private bytesRead = 0;
  private readonly contextBefore: number;
  private readonly contextAfter: number;
  private readonly edges: boolean;
  /** The line before the next one was yielded: the next line must be looked at (context, or the end of a record). */
  private watch = false;
  /** Continuation lines still allowed in the record of the last yielded line. */
  private follow = 0;
  /** Lines still to yield after the last matched line (`contextAfter`). */
  private after = 0;
  /** A `\r` ended the last chunk: a `\n` starting the next belongs to it. */
  private skipLf = false;
  /** The second test of matched lines (see {@link ChunkScannerOptions.confirm}); stateless (no `g`). */
  private readonly confirm: RegExp | undefined;
  /** The confirm test cut short per searcher (see `planConfirm`), for lines of the hot loop. */
  private readonly plan: ConfirmPlan | undefined;
  /** The partial last line: kept pieces (at most maxLine + 3 bytes), its full length so far. */
  private carry: Buffer[] = [];
  private carryKept = 0;
  private carryLen = 0;

  /**
   * @param prefilter - matches every line worth the full machinery (false positives cost time, false negatives lose
   *   hits). ASCII-only, as it runs over latin1-decoded bytes; it runs with the `g` and `m` flags added (so `^`/`$`
   *   mean line start/end) and `s`/`y` removed; it must not match or look across a line terminator.
   */
  constructor(prefilter: RegExp, options: ChunkScannerOptions = {}) {
    const flags = prefilter.flags.replace(/[gsym]/g, '');
    this.re = new RegExp(prefilter.source, `${flags}gm`);
    this.confirm = options.confirm === undefined ? undefined : new RegExp(options.confirm.source, options.confirm.flags.replace(/[gsym]/g, ''));
    const searchers = splitPrefilter(this.re);
    this.plan = this.confirm === undefined ? undefined : planConfirm(searchers, this.confirm);
    const literals = planLiterals(searchers);
    this.literals = LiteralSearch.create(literals);
    this.rests = this.literals === undefined ? searchers : literals.rests;
    this.searchers = searchers;
    this.textNeeded = this.rests.some((r) => r !== undefined);
    this.impliedGroups = this.plan === undefined ? 0 : this.plan.implied.reduce((g, implied, k) => (implied ? g | (1 << k) : g), 0);
    this.maxLine = options.maxLineLength ?? SCAN_DEFAULT_MAX_LINE_LENGTH;
    if (!Number.isInteger(this.maxLine) || this.maxLine < 1) {
      throw new RangeError(`maxLineLength must be a positive integer, got ${this.maxLine}`);
    }
    this.foldLines = Math.max(1, options.foldLines ?? SCAN_DEFAULT_FOLD_LINES);
    this.checkText = options.checkText ?? true;
    this.contextBefore = Math.max(0, options.contextBefore ?? 0);
    this.contextAfter = Math.max(0, options.contextAfter ?? 0);
    this.edges = options.edges ?? false;
    this.watch = this.edges;
    const held = Math.max(this.foldLines, this.contextBefore + 1, this.edges ? 2 : 1);
    this.ring = held > 1 ? new LineRing(held) : undefined;
    const first = options.firstLineNumber ?? 1;
    if (!Number.isInteger(first) || first < 1) throw new RangeError(`firstLineNumber must be a positive integer, got ${first}`);
    this.lineNo = first - 1;
    this.lastYielded = first - 1;
    this.base = first - 1;
  }

  /** Lines completed so far. */
  get linesRead(): number {
    return this.lineNo - this.base;
  }

  /** Scans one chunk; complete lines are decided now, a partial last line waits for the next chunk or {@link end}. */
  push(chunk: Buffer, emit: (item: ScanItem) => void): void {
    const len = chunk.length;
    if (len === 0) return;
    this.bytesRead += len;
    let pos = 0;
    if (this.skipLf) {
      this.skipLf = false;
      if (chunk[0] === LF) pos = 1;
      if (pos >= len) return;
    }
    const hasCr = chunk.indexOf(CR, pos) !== -1;
    if (this.carryLen > 0) {
      // Finish the line begun in earlier chunks.
      const t = hasCr ? firstTerminator(chunk, pos) : chunk.indexOf(LF, pos);
      if (t === -1) {
        this.addCarry(chunk, pos, len);
        return;
      }
      this.addCarry(chunk, pos, t);
      pos = this.afterTerminator(chunk, t);
      this.endCarryLine(emit);
      if (pos >= len) return;
    }
    // Complete lines: [pos, end); the rest is a partial line.
    let last = chunk.lastIndexOf(LF);
    if (hasCr) last = Math.max(last, chunk.lastIndexOf(CR));
    if (last < pos) {
      this.addCarry(chunk, pos, len);
      return;
    }
    const end = last + 1;
    if (chunk[last] === CR && end === len) this.skipLf = true;
    this.scanRegion(chunk, pos, end, hasCr, emit);
    if (end < len) this.addCarry(chunk, end, len);
  }

  /** Ends the input: the partial last line, if any, counts as a line. Returns the totals. */
  end(emit: (item: ScanItem) => void): ScanTotals {
    if (this.carryLen > 0) this.endCarryLine(emit);
    const last = this.lineNo;
    if (this.edges && last > this.base && this.lastYielded < last && this.ring?.has(last) === true) {
      this.emitLine(last, this.ring.bytes(last), false, false, false, true, emit);
    }
    return this.totals();
  }

  /** Totals so far (complete once {@link end} has been called). */
  totals(): ScanTotals {
    return {
      kind: 'totals',
      linesRead: this.lineNo - this.base,
      linesYielded: this.yielded,
      linesSkipped: this.lineNo - this.base - this.yielded,
      skippedAtEnd: this.lineNo - this.lastYielded,
      bytesRead: this.bytesRead,
    };
  }

  private afterTerminator(chunk: Buffer, t: number): number {
    if (chunk[t] === CR) {
      if (t + 1 >= chunk.length) {
        this.skipLf = true;
        return t + 1;
      }
      return chunk[t + 1] === LF ? t + 2 : t + 1;
    }
    return t + 1;
  }

  private addCarry(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return;
    const room = this.maxLine + 3 - this.carryKept;
    if (room > 0) {
      const take = Math.min(room, end - start);
      this.carry.push(chunk.subarray(start, start + take));
      this.carryKept += take;
    }
    this.carryLen += end - start;
  }

  /** True when there is no confirm test or `text` (a line's latin1 form) passes it. */
  private confirmed(text: string): boolean {
    return this.confirm === undefined || this.confirm.test(text);
  }

  /**
   * The confirm test of the line [pos, lineEnd) of the region at `from` in `chunk` (terminator up to `next`; `s`: the
   * region's latin1 text, if decoded), which some part of the prefilter matched: passed at once when a part whose
   * alternatives the test shares matched in it, else the test's other alternatives decide.
   */
  private confirmedLine(
    chunk: Buffer,
    from: number,
    s: string | undefined,
    literals: LiteralSearch | undefined,
    pos: number,
    lineEnd: number,
    next: number,
    nexts: readonly number[],
  ): boolean {
    const plan = this.plan;
    if (plan === undefined) return true;
    if (this.impliedGroups !== 0) {
      for (let k = 0; k < nexts.length; k++) if (plan.implied[k] === true && (nexts[k] as number) < next) return true;
      if (literals !== undefined && (literals.groupsIn(pos, next) & this.impliedGroups) !== 0) return true;
    }
    if (plan.rest === undefined) return false;
    return plan.rest.test(s === undefined ? chunk.toString('latin1', from + pos, from + lineEnd) : s.slice(pos, lineEnd));
  }

  /** Decides the line assembled in `carry`. */
  private endCarryLine(emit: (item: ScanItem) => void): void {
    const whole = this.carry.length === 1 ? (this.carry[0] as Buffer) : Buffer.concat(this.carry, this.carryKept);
    const truncated = this.carryLen > this.maxLine;
    const keep = truncated ? cutPoint(whole, 0, whole.length, this.maxLine) : whole.length;
    const bytes = keep === whole.length ? whole : whole.subarray(0, keep);
    this.carry = [];
    this.carryKept = 0;
    this.carryLen = 0;
    const line = ++this.lineNo;
    const text = bytes.toString('latin1');
    this.re.lastIndex = 0;
    const matched = this.re.test(text) && this.confirmed(text);
    const suspect = this.checkText && isSuspect(bytes);
    if (this.ring !== undefined) {
      this.ring.addSegment(bytes, line, true);
      this.ring.newest = line;
    }
    this.decide(line, bytes, text, matched, truncated, suspect, emit);
  }

  /** Decides one line once its flags are known. `text` is its latin1 form, or undefined to compute on demand. */
  private decide(
    line: number,
    bytes: Buffer,
    text: string | undefined,
    matched: boolean,
    truncated: boolean,
    suspect: boolean,
    emit: (item: ScanItem) => void,
  ): void {
    if (matched || truncated || suspect) {
      if (this.ring !== undefined && line - this.lastYielded > 1) this.emitBefore(line, text ?? bytes.toString('latin1'), emit);
      this.emitLine(line, bytes, matched, truncated, suspect, false, emit);
      this.follow = this.foldLines - 1;
      this.after = this.contextAfter;
    } else if (this.edges && line === this.base + 1) {
      this.emitLine(line, bytes, false, false, false, true, emit);
      this.follow = this.foldLines - 1;
    } else if (this.watch) {
      // The line before was yielded.
      if (this.follow > 0 && mayContinue(text ?? bytes.toString('latin1'))) {
        this.follow--;
      } else if (this.after > 0) {
        this.after--;
        this.follow = this.foldLines - 1;
      } else {
        this.watch = false;
        // This skipped line starts a record of its own: the record of the last yielded line is complete. Saying so
        // now lets a consumer that holds records for folding let it go at once (live input) instead of waiting for
        // the next candidate. (Should this line later be yielded as a record's first line, that is consistent.)
        if (this.foldLines > 1) emit({ kind: 'closed', lineNumber: line });
        return;
      }
      this.emitLine(line, bytes, false, false, false, true, emit);
    } else {
      return;
    }
    this.watch = this.foldLines > 1 || this.after > 0;
  }

  /**
   * Yields the lines before `line` (latin1 `text`) that may belong to its record, back to the record's first line,
   * and the `contextBefore` lines.
   */
  private emitBefore(line: number, text: string, emit: (item: ScanItem) => void): void {
    const ring = this.ring as LineRing;
    const floor = this.lastYielded + 1;
    let first = line;
    if (this.foldLines > 1 && mayContinue(text)) {
      const lowest = Math.max(floor, line - (this.foldLines - 1));
      for (let j = line - 1; j >= lowest; j--) {
        if (!ring.has(j)) break;
        first = j;
        const b = ring.bytes(j);
        if (!mayContinue(b.toString('latin1'))) break;
      }
    }
    first = Math.min(first, Math.max(floor, line - this.contextBefore));
    while (first < line && !ring.has(first)) first++;
    for (let j = first; j < line; j++) {
      this.emitLine(j, ring.bytes(j), false, false, false, true, emit);
    }
  }

  private emitLine(
    line: number,
    bytes: Buffer,
    matched: boolean,
    truncated: boolean,
    suspect: boolean,
    context: boolean,
    emit: (item: ScanItem) => void,
  ): void {
    const skippedBefore = line - this.lastYielded - 1;
    this.lastYielded = line;
    this.yielded++;
    emit({ kind: 'line', lineNumber: line, bytes, matched, truncated, suspect, context, skippedBefore });
  }

  /** True when chunk[from, to), the region `literals` holds (if any), has a NUL or U+FFFD. */
  private hasControls(chunk: Buffer, from: number, to: number, literals: LiteralSearch | undefined): boolean {
    if (literals === undefined) return has(chunk, 0, from, to) || has(chunk, U_FFFD, from, to);
    // One pass over the engine's copy finds both NUL and the first byte of U+FFFD (rare in most logs).
    const seen = literals.controls();
    return (seen & CONTROLS_NUL) !== 0 || ((seen & CONTROLS_EF) !== 0 && has(chunk, U_FFFD, from, to));
  }

  /** The hot loop: complete lines in chunk[from, to), which ends right after a line terminator. */
  private scanRegion(chunk: Buffer, from: number, to: number, hasCr: boolean, emit: (item: ScanItem) => void): void {
    const n = to - from;
    // The engine copies the region into its memory: a huge one (a whole file pushed at once) goes to the regular
    // expressions instead.
    const literals = n <= MAX_ENGINE_REGION ? this.literals : undefined;
    const rests = literals !== undefined ? this.rests : this.searchers;
    // The region as latin1 text, for the regular expressions only: lines are walked over the bytes, and the few
    // lines looked at closely are decoded one by one. With every alternative in the literal engine, nothing is decoded.
    const s = literals === undefined || this.textNeeded ? chunk.toString('latin1', from, to) : undefined;
    const re = this.re;
    const max = this.maxLine;
    const ring = this.ring;
    const starts = ring?.starts;
    const mask = ring?.mask ?? 0;
    if (ring !== undefined) ring.addSegment(chunk, this.lineNo + 1, false, hasCr);
    literals?.reset(chunk, from, to);
    // The next \n at or after a region offset (without a \r the region's last byte is one, so every search finds one).
    const lfAt = literals !== undefined ? (p: number): number => literals.nextLf(p) : (p: number): number => chunk.indexOf(LF, from + p) - from;
    // Most regions are clean text; then only the prefilter and line lengths need looking at.
    const dirty = this.checkText && (!isUtf8(chunk.subarray(from, to)) || this.hasControls(chunk, from, to, literals));
    let line = this.lineNo;
    let nextLf = -1;
    let nextCr = -1;
    const nexts = rests.map((r) => (r === undefined ? n : -1)); // per part: the next match of its rest at or after pos (n: none)
    let match = -1; // start of the next prefilter match at or after pos (n: none)
    let pos = 0;
    while (pos < n) {
      if (match < pos) {
        match = literals === undefined ? n : literals.next(pos);
        for (let k = 0; k < rests.length; k++) {
          let p = nexts[k] as number;
          if (p < pos) {
            const r = rests[k] as RegExp;
            r.lastIndex = pos;
            const m = r.exec(s as string);
            p = m === null ? n : m.index;
            nexts[k] = p;
          }
          if (p < match) match = p;
        }
      }
      if (!hasCr && !dirty && !this.watch) {
        // Skip whole lines up to the one holding the match (or a too-long one), storing only where each starts.
        let e = lfAt(pos);
        while (e < match && e - pos <= max) {
          line++;
          if (starts !== undefined) starts[line & mask] = from + pos;
          pos = e + 1;
          if (pos >= n) break;
          e = lfAt(pos);
        }
        if (pos >= n) break;
      }
      // One line at pos, looked at closely.
      let e: number;
      if (!hasCr) {
        e = lfAt(pos);
      } else {
        if (nextLf < pos) nextLf = indexIn(chunk, LF, from + pos, to) - from;
        if (nextCr < pos) nextCr = indexIn(chunk, CR, from + pos, to) - from;
        e = nextLf < nextCr ? nextLf : nextCr;
      }
      const next = hasCr && chunk[from + e] === CR && e + 1 < n && chunk[from + e + 1] === LF ? e + 2 : e + 1;
      line++;
      if (ring !== undefined) {
        (starts as Int32Array)[line & mask] = from + pos;
        ring.newest = line;
      }
      const truncated = e - pos > max;
      const lineEnd = truncated ? cutPoint(chunk, from + pos, from + e, max) - from : e;
      let matched = match < next && (truncated || this.confirmedLine(chunk, from, s, literals, pos, lineEnd, next, nexts));
      const suspect = dirty && isSuspect(chunk.subarray(from + pos, from + lineEnd));
      if (matched || truncated || suspect || this.watch) {
        const bytes = chunk.subarray(from + pos, from + lineEnd);
        const text = s === undefined ? undefined : s.slice(pos, lineEnd);
        if (truncated) {
          // The stream scans only the kept part: decide on that alone.
          re.lastIndex = 0;
          const kept = text ?? bytes.toString('latin1');
          matched = re.test(kept) && this.confirmed(kept);
        }
        this.lineNo = line;
        this.decide(line, bytes, text, matched, truncated, suspect, emit);
      }
      pos = next;
    }
    this.lineNo = line;
    if (ring !== undefined) ring.newest = line;
  }
}

/** The first `byte` in buf[from, to), or `to`. */
function indexIn(buf: Buffer, byte: number, from: number, to: number): number {
  const i = buf.indexOf(byte, from);
  return i === -1 || i > to ? to : i;
}

/** True when `needle` occurs in buf[from, to). */
function has(buf: Buffer, needle: number | Buffer, from: number, to: number): boolean {
  const i = buf.indexOf(needle, from);
  return i !== -1 && i < to;
}

/** The first line terminator (`\n` or `\r`) at or after `from`, or -1. */
function firstTerminator(chunk: Buffer, from: number): number {
  const lf = chunk.indexOf(LF, from);
  const cr = chunk.indexOf(CR, from);
  if (lf === -1) return cr;
  if (cr === -1) return lf;
  return lf < cr ? lf : cr;
}

/** True when a line holds invalid UTF-8, U+FFFD or NUL (see `suspect`). */
function isSuspect(bytes: Buffer): boolean {
  return !isUtf8(bytes) || bytes.indexOf(0) !== -1 || bytes.indexOf(U_FFFD) !== -1;
}

/**
 * Scans a whole sequence of chunks; a convenience over {@link ChunkScanner} for tests and batch use.
 * Yields the candidate lines and record ends, then returns the totals.
 */
export function* scanChunks(
  chunks: Iterable<Buffer>,
  prefilter: RegExp,
  options: ChunkScannerOptions = {},
): Generator<ScanItem, ScanTotals, undefined> {
  const scanner = new ChunkScanner(prefilter, options);
  const out: ScanItem[] = [];
  const take = (item: ScanItem): void => {
    out.push(item);
  };
  for (const chunk of chunks) {
    scanner.push(chunk, take);
    yield* out;
    out.length = 0;
  }
  const totals = scanner.end(take);
  yield* out;
  return totals;
}
