/**
 * Terminal-safe text: log content must never drive the terminal it is printed on.
 *
 * A log line can hold anything an app or an attacker put in it: ANSI/OSC escape sequences (colours, cursor
 * moves, window titles, hyperlinks, clipboard writes), carriage returns that overwrite what was printed,
 * backspaces, bell, and Unicode bidirectional overrides that make text read differently from what it is.
 * Every such character is replaced by a visible escape, so the reader sees that it was there.
 */

/**
 * C0 controls except tab, DEL, C1 controls, the bidi embedding/override/isolate controls and marks, and the
 * Unicode line/paragraph separators.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Returns `text` with every character that could control a terminal replaced by a visible escape:
 * ESC (0x1b) becomes the four characters `\x1b`, a newline `\x0a`, U+202E `\u202e`. Tabs are kept.
 * Text without such characters is returned unchanged (the same string).
 */
export function sanitizeText(text: string): string {
  // The test-first path keeps the common, clean line free of allocation.
  if (!UNSAFE_TEST.test(text)) return text;
  return text.replace(UNSAFE, escapeChar);
}

/**
 * {@link sanitizeText} line by line, for multi-line text whose line breaks are layout (a catalogue description, a
 * stack): "\n" and "\r\n" stay a line break (as "\n"), everything else unsafe is escaped, a lone "\r" included.
 */
export function sanitizeLines(text: string): string {
  if (!UNSAFE_TEST.test(text)) return text;
  return text.split(/\r?\n/).map(sanitizeText).join('\n');
}
