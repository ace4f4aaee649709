/**
 * Level names and letters → pino level numbers (10 trace … 60 fatal), shared by every format.
 * hilog has no trace level, so its V and D both sit at debug (20).
 */

/** Indexed by char code; 0 means "not a level letter". Upper case only: hilog prints upper case. */
const LETTER_LEVELS = new Uint8Array(128);
LETTER_LEVELS[0x56] = 20; // V
LETTER_LEVELS[0x44] = 20; // D
LETTER_LEVELS[0x49] = 30; // I
LETTER_LEVELS[0x57] = 40; // W
LETTER_LEVELS[0x45] = 50; // E
LETTER_LEVELS[0x46] = 60; // F

const WORD_LEVELS: ReadonlyMap<string, number> = new Map([
  ['trace', 10],
  ['verbose', 20],
  ['v', 20],
  ['debug', 20],
  ['dbg', 20],
  ['d', 20],
  ['info', 30],
  ['information', 30],
  ['notice', 30],
  ['i', 30],
  ['warn', 40],
  ['warning', 40],
  ['w', 40],
  ['error', 50],
  ['err', 50],
  ['severe', 50],
  ['e', 50],
  ['fatal', 60],
  ['critical', 60],
  ['crit', 60],
  ['alert', 60],
  ['emerg', 60],
  ['emergency', 60],
  ['panic', 60],
  ['f', 60],
]);

/** The pino number of a one-letter hilog level (V D I W E F), or 0 when `code` is not one. */
export function levelFromLetterCode(code: number): number {
  return code < 128 ? (LETTER_LEVELS[code] ?? 0) : 0;
}

/**
 * The pino number of a level word or letter, case-insensitive ("ERROR", "warn", "E", "critical"),
 * or undefined when the word is not a level.
 */
export function levelFromWord(word: string): number | undefined {
  if (word.length > 11) return undefined;
  return WORD_LEVELS.get(word.toLowerCase());
}

/** Syslog severities 0..7 by name as RFC 5424 lists them, and their pino numbers. */
export const SYSLOG_SEVERITIES: readonly (readonly [string, number])[] = [
  ['emerg', 60],
  ['alert', 60],
  ['crit', 60],
  ['err', 50],
  ['warning', 40],
  ['notice', 30],
  ['info', 30],
  ['debug', 20],
];

/** Normalises a JSON `level` value (pino number, numeric string, or word) to a pino number. */
export function levelFromJsonValue(value: unknown): number | undefined {
  if (typeof value === 'number') return isPinoNumber(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const word = levelFromWord(value);
  if (word !== undefined) return word;
  const n = Number(value);
  return value !== '' && isPinoNumber(n) ? n : undefined;
}

function isPinoNumber(n: number): boolean {
  // pino allows custom levels between the standard ones; anything outside 10..60 is not a pino level.
  return Number.isInteger(n) && n >= 10 && n <= 60;
}
