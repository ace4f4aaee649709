/**
 * Folding multi-line records: which lines belong to the record before them.
 *
 * The rule. A line continues the open record only when it has no log prefix of its own (parseLine
 * called it `plain`: a new hilog, DevEco, JSON, syslog, ISO or bracketed line always starts a record),
 * it is not blank, the open record is not a blank line, the record still has room (`maxLines`,
 * `maxBytes`), and it is one of:
 *
 * - indented (starts with a space or tab): stack frames, wrapped text, pretty-printed payloads;
 * - `Caused by: …`, or `...` / `... 12 more` (Java-style trace tails);
 * - inside an error only — when the record's first line has level ≥ error (50) or mentions
 *   "error"/"exception", or an earlier folded line was a stack line — also unindented stack lines:
 *   `at foo (file.js:1:2)` / `at file.ets:10:5`, `TypeError: …`, `java.io.IOException`,
 *   and the `Error name:` / `Error message:` / `Stacktrace:` lines of OpenHarmony JS crash logs.
 *   Unindented `at …` text after an ordinary line is prose, not a trace.
 *
 * hilog never needs folding: it prints each line of a multi-line message as a full hilog line (same
 * pid, tid, tag and time), so every one of them stays its own record. A line refused for lack of room
 * starts a new record, which later continuation lines may join.
 */
import type { ParsedLine } from '../types.js';

/** Options for {@link createFolder}. */
export interface FolderOptions {
  /** Most lines in one record, the first included. Default 50. */
  readonly maxLines?: number;
  /** Most UTF-8 bytes in one record's text (lines joined with "\n"). Default 65536. */
  readonly maxBytes?: number;
}

/** Default bounds of a folded record. */
export const FOLD_DEFAULTS = { maxLines: 50, maxBytes: 64 * 1024 } as const;

/** An incremental folder over one source's lines, in order. */
export interface Folder {
  /**
   * Offers the next line with its parse. Returns true when the line continues the open record (the caller
   * appends it), false when it starts a new record, which becomes the open one.
   */
  push(line: string, parsed: ParsedLine): boolean;
  /** Closes the open record, so the next line starts one (end of a source, a pause in a live stream). */
  reset(): void;
}

/** How a line could continue a record, judged from the line alone. */
export type ContinuationKind = 'indented' | 'indented-frame' | 'trace-tail' | 'frame' | 'error-head';

const FRAME_PREFIX = 'at ';
const ERROR_HEAD =
  /^(?:[\w$.]{0,128}(?:Error|Exception)(?::|$)|Error (?:name|message|code|type):|Stacktrace:|Stack trace:)/;
const ERRORISH = /error|exception/i;

/**
 * Classifies a line that has no log prefix by how it could continue a record, or undefined when it cannot.
 * Blank lines cannot; `parsed.format` must be 'plain' for any other answer.
 */
export function continuationKind(line: string, parsed: ParsedLine): ContinuationKind | undefined {
  if (parsed.format !== 'plain') return undefined;
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9) {
    let i = 1;
    while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= line.length || (i === line.length - 1 && line.charCodeAt(i) === 13)) return undefined;
    return isFrame(line, i) ? 'indented-frame' : 'indented';
  }
  if (c === 67 && line.startsWith('Caused by:')) return 'trace-tail';
  if (c === 46 && line.startsWith('...')) return 'trace-tail';
  if (c === 97 && isFrame(line, 0)) return 'frame';
  if (ERROR_HEAD.test(line)) return 'error-head';
  return undefined;
}

/** `at <something>` ending in `:line[:col]`, or in a parenthesised location such as `(native)`. */
function isFrame(line: string, start: number): boolean {
  if (!line.startsWith(FRAME_PREFIX, start)) return false;
  let end = line.length;
  while (end > start && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 13)) end--;
  if (line.charCodeAt(end - 1) === 41) return line.indexOf(' (', start + 2) > 0; // "... (file.js:1:2)", "(native)"
  const lastDigit = end;
  while (end > start && line.charCodeAt(end - 1) >= 48 && line.charCodeAt(end - 1) <= 57) end--;
  return end < lastDigit && line.charCodeAt(end - 1) === 58;
}

/** True when a record starting with `head` is an error, so unindented trace lines may follow it. */
export function isErrorHead(head: ParsedLine): boolean {
  return (head.levelNumber ?? 0) >= 50 || ERRORISH.test(head.message);
}

/**
 * The folding rule for one line, without bounds: whether `line` (parsed as `parsed`) continues a record
 * whose first line parsed as `head`. `inTrace` says an earlier folded line was a stack line.
 */
export function isContinuation(head: ParsedLine, line: string, parsed: ParsedLine, inTrace = false): boolean {
  const kind = continuationKind(line, parsed);
  if (kind === undefined) return false;
  if (kind === 'frame' || kind === 'error-head') return inTrace || isErrorHead(head);
  return true;
}

/** Creates a folder with bounds. @see the module comment for the rule. */
export function createFolder(opts: FolderOptions = {}): Folder {
  const maxLines = opts.maxLines ?? FOLD_DEFAULTS.maxLines;
  const maxBytes = opts.maxBytes ?? FOLD_DEFAULTS.maxBytes;
  // Undefined while no record is open, or while the open one is a blank line, which nothing continues.
  let head: ParsedLine | undefined;
  let headLine = '';
  let headIsError: boolean | undefined;
  let inTrace = false;
  let lines = 0;
  /** UTF-8 bytes of the record so far; -1 until a continuation needs it (most records are one line). */
  let bytes = -1;

  const start = (line: string, parsed: ParsedLine): false => {
    head = isBlank(line) ? undefined : parsed;
    headLine = line;
    headIsError = undefined;
    inTrace = false;
    lines = 1;
    bytes = -1;
    return false;
  };

  return {
    push(line, parsed) {
      if (head === undefined) return start(line, parsed);
      const kind = continuationKind(line, parsed);
      if (kind === undefined || lines >= maxLines) return start(line, parsed);
      if (kind === 'frame' || kind === 'error-head') {
        if (!inTrace) {
          headIsError ??= isErrorHead(head);
          if (!headIsError) return start(line, parsed);
        }
      }
      if (bytes < 0) bytes = utf8Length(headLine);
      const added = utf8Length(line) + 1; // the "\n" that joins it
      if (bytes + added > maxBytes) return start(line, parsed);
      bytes += added;
      lines++;
      if (kind !== 'indented') inTrace = true;
      return true;
    },
    reset() {
      head = undefined;
      headLine = '';
      inTrace = false;
      lines = 0;
      bytes = -1;
    },
  };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
