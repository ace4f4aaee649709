/**
 * Which records a user asked to see: by code, module, level and time. One predicate, built once from the options,
 * applied to every record before it reaches a writer or the summary.
 */
import { normaliseText } from '../catalogue/catalogue.js';
import { ErrlensError } from '../errors.js';
import { levelFromWord } from '../parse/levels.js';
import type { Hit, LogRecord } from '../types.js';

/** The level a record is judged by when its line states none: the same default as NDJSON's `level`. */
const LEVEL_WHEN_ABSENT = 50;

/** Options of {@link createRecordFilter}; every criterion given must hold. */
export interface RecordFilterOptions {
  /**
   * Keep records with a hit on one of these codes (compared with the hit's public code and, for folded internal
   * codes, the code as printed). Empty or absent: any code.
   */
  readonly codes?: readonly string[];
  /**
   * Keep records with a hit in one of these modules ("WebSocket", "websocket", "network connection management"),
   * compared case- and punctuation-insensitively with the entry's module, any candidate's module, or an unknown
   * code's family. Given with `codes`, one hit must match both. Empty or absent: any module.
   */
  readonly modules?: readonly string[];
  /**
   * Levels as letters, words or pino numbers ("E", "error", "50"). One value is a minimum ("W": warnings and worse);
   * several are the exact set to keep ("error", "fatal"). A line without a level counts as error (50), as in NDJSON.
   * Empty or absent: any level.
   */
  readonly levels?: readonly string[];
  /** Epoch ms; keep records at or after this time. Records whose line has no time are dropped when set. */
  readonly since?: number;
  /** Epoch ms; keep records at or before this time. Records whose line has no time are dropped when set. */
  readonly until?: number;
}

/** A record predicate: true to keep the record. */
export type RecordFilter = (record: LogRecord) => boolean;

function levelNumber(value: string): number {
  const trimmed = value.trim();
  const word = levelFromWord(trimmed);
  if (word !== undefined) return word;
  const n = Number(trimmed);
  if (trimmed !== '' && Number.isInteger(n) && n >= 10 && n <= 60) return n;
  throw new ErrlensError('E_USAGE', `unknown level "${value}" (use D, I, W, E, F, a level name or 10..60)`, '--level');
}

function hitModules(hit: Hit): string[] {
  const names: string[] = [];
  if (hit.entry !== undefined) names.push(hit.entry.module);
  for (const c of hit.candidates ?? []) names.push(c.module);
  if (hit.family !== undefined) names.push(hit.family);
  return names.map(normaliseText);
}

/**
 * Builds the predicate for `options`. Records without hits (kept with `--all`) pass only when no code or module
 * filter is given. Records without a time are dropped as soon as `since` or `until` is set: a time filter asks for
 * a window, and a line of unknown time cannot be shown to lie inside it.
 * @throws ErrlensError E_USAGE for a level that is not a level.
 */
export function createRecordFilter(options: RecordFilterOptions = {}): RecordFilter {
  const codes = options.codes !== undefined && options.codes.length > 0 ? new Set(options.codes.map((c) => c.trim())) : undefined;
  const modules =
    options.modules !== undefined && options.modules.length > 0 ? new Set(options.modules.map(normaliseText)) : undefined;
  let levelOk: ((level: number) => boolean) | undefined;
  if (options.levels !== undefined && options.levels.length > 0) {
    const numbers = options.levels.map(levelNumber);
    if (numbers.length === 1) {
      const min = numbers[0] as number;
      levelOk = (level) => level >= min;
    } else {
      const set = new Set(numbers);
      levelOk = (level) => set.has(level);
    }
  }
  const { since, until } = options;

  const hitOk = (hit: Hit): boolean =>
    (codes === undefined || codes.has(hit.code) || (hit.internalCode !== undefined && codes.has(hit.internalCode))) &&
    (modules === undefined || hitModules(hit).some((m) => modules.has(m)));

  return (record) => {
    if (levelOk !== undefined && !levelOk(record.fields.levelNumber ?? LEVEL_WHEN_ABSENT)) return false;
    if (since !== undefined || until !== undefined) {
      const time = record.fields.time;
      if (time === undefined) return false;
      if (since !== undefined && time < since) return false;
      if (until !== undefined && time > until) return false;
    }
    if (codes === undefined && modules === undefined) return true;
    return record.hits.some(hitOk);
  };
}
