/**
 * The shared vocabulary of errlens: catalogue entries, parsed lines, hits, records and summaries.
 * Every layer depends on these types; nothing here depends on any other module.
 */

/** Where a catalogue entry was documented. */
export interface PageRef {
  /** The page's `#` title, e.g. "WebSocket Error Codes". */
  readonly title: string;
  /** The page's file name as given to the compiler, relative to the folder it was found in, e.g. "errorcode-net-webSocket.md". */
  readonly file: string;
}

/** One documented meaning of an error code. The same code on two pages is two entries. */
export interface CatalogueEntry {
  /** Unique key: `${page.file}#${code}`. */
  readonly id: string;
  /** The code exactly as printed, e.g. "2302001", "-1", "200". */
  readonly code: string;
  readonly page: PageRef;
  /** From the page's `<!--Kit: ...-->` comment, e.g. "Network Kit"; null when absent. */
  readonly kit: string | null;
  /** From the page's `<!--Subsystem: ...-->` comment; null when absent. */
  readonly subsystem: string | null;
  /** Short module name derived from the page title, e.g. "WebSocket", "Network Connection Management", "Universal". */
  readonly module: string;
  /** The heading's title, e.g. "WebSocket URL Error". */
  readonly title: string;
  /** The exact documented error message ("" when the page gives none). */
  readonly message: string;
  /**
   * When the message contains `${placeholders}`: a regular-expression source that matches the message
   * with any value in each placeholder (case-insensitive use intended). Absent otherwise.
   */
  readonly messagePattern?: string;
  readonly description: string;
  readonly causes: readonly string[];
  readonly solutions: readonly string[];
  /**
   * "errlens" when the page documents no solution and `solutions` holds steps written by the errlens authors
   * (src/catalogue/advice.ts); absent when the solutions come from the page.
   */
  readonly solutionsBy?: 'errlens';
  /** Page file and the heading's anchor, e.g. { page: "errorcode-net-webSocket.md", anchor: "2302001-websocket-url-error" }. */
  readonly reference: { readonly page: string; readonly anchor: string };
  /** Other strings that identify this entry in logs: runtime message variants, service log lines. */
  readonly aliases: readonly string[];
  /** True when the entry sat inside a `<!--Del-->…<!--DelEnd-->` region (system-only). */
  readonly systemOnly: boolean;
}

/** The serialised form of a catalogue, as written by `errlens catalog build` and read by `--catalog x.json`. */
export interface CatalogueJson {
  readonly schemaVersion: 1;
  /** Version string outputs can cite, e.g. "errlens-default@0.1.0+3f2a1c9d" or a content hash. */
  readonly version: string;
  readonly entries: readonly CatalogueEntry[];
}

/** Input formats recognised per line. */
export type LogFormat = 'hilog' | 'deveco' | 'json' | 'syslog' | 'iso' | 'bracketed' | 'plain';

/** What is known about a line after format detection. Every field but `format` and `message` is optional. */
export interface ParsedLine {
  readonly format: LogFormat;
  /** Epoch milliseconds, when the line carries a time. */
  readonly time?: number;
  /**
   * How the time was completed when the line lacked parts of it, e.g. "year 2026 (file modified), zone local +08:00".
   * Absent when the line's time was complete.
   */
  readonly timeAssumption?: string;
  /** The time text as written on the line. */
  readonly timeText?: string;
  readonly pid?: number;
  readonly tid?: number;
  /** The level as written, e.g. "E", "error", "50". */
  readonly level?: string;
  /** Pino level number 10..60 derived from `level`. */
  readonly levelNumber?: number;
  /** hilog domain as written, e.g. "C015B0". */
  readonly domain?: string;
  readonly process?: string;
  readonly tag?: string;
  /** The message part of the line (for JSON lines, the msg/message field, else the whole line). */
  readonly message: string;
  /** For JSON lines: the parsed object (never contains prototype-polluting keys). */
  readonly json?: unknown;
}

export type HitKind = 'code' | 'marker' | 'unknown';

/** One error code or marker found in a record. */
export interface Hit {
  /** The public code the hit stands for, e.g. "2100003" (after folding internal codes). */
  readonly code: string;
  readonly kind: HitKind;
  /** The matched text, as it stands in the text that was searched. */
  readonly match: string;
  /** [start, end) offsets of `match` in the record's text (`LogRecord.text`), in UTF-16 code units. */
  readonly span: readonly [number, number];
  /** The id of the rule that produced the hit, e.g. "code.json-field", "marker.alias". */
  readonly rule: string;
  /** 0..1: 1 for an unambiguous code in strong context; lower when several entries could apply. */
  readonly confidence: number;
  /** The catalogue entry, when exactly one applies after context. */
  readonly entry?: CatalogueEntry;
  /** Every entry that could apply, when context could not settle it (length ≥ 2). */
  readonly candidates?: readonly CatalogueEntry[];
  /** The code as printed, when it was an internal code folded into `code` (e.g. "2100102"). */
  readonly internalCode?: string;
  /** For unknown codes: the family the number belongs to, e.g. "WebSocket", "HTTP (curl 7)". */
  readonly family?: string;
}

/** One line, or several folded lines (a stack trace after an error line), with what was found in it. */
export interface LogRecord {
  /** The input's name: a path, or "-" for standard input. */
  readonly source: string;
  /** 1-based line number of the record's first line in its source. */
  readonly line: number;
  /** How many source lines were folded into this record (1 for a single line). */
  readonly lineCount: number;
  /** The raw text: the line, or the folded lines joined with "\n" (no line terminators at the end). */
  readonly text: string;
  /** Fields parsed from the first line. */
  readonly fields: ParsedLine;
  readonly hits: readonly Hit[];
  /** True when the line was longer than the limit and cut; only its first part was scanned. */
  readonly truncated?: boolean;
  /** True when the line held bytes that are not valid UTF-8 (they read as U+FFFD). */
  readonly invalidUtf8?: boolean;
}

/**
 * What became of every line read. The four line categories are disjoint and add up:
 * linesRead = linesWithHits + linesWithoutHits + linesTooLong + linesUndecodable.
 * (A too-long line is still scanned in its first part and kept as a truncated record; its hits still count in `hits`.)
 */
export interface LineAccounting {
  linesRead: number;
  linesWithHits: number;
  linesWithoutHits: number;
  linesTooLong: number;
  linesUndecodable: number;
  records: number;
  recordsWithHits: number;
  hits: number;
}
