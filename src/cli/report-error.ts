import { formatError } from '../errors.js';
import { sanitizeLines, sanitizeText } from '../report/sanitize.js';

/** Anything with `write(text)`: process.stderr, a test buffer. */
interface TextSink {
  write(chunk: string): unknown;
}

/**
 * Writes `errlens: <what>: <where>` for `err` to `stderr`; with `debug`, the stack and the causes' stacks follow,
 * which is where an engineer looks when the short line is not enough.
 *
 * Everything written is terminal-safe ({@link sanitizeText}): messages quote file names, catalogue values and log
 * text, any of which may hold escape sequences. The message stays one line (a newline in it is shown escaped, so a
 * file name cannot forge a line of its own); stacks keep their line breaks.
 */
export function reportError(stderr: TextSink, err: unknown, debug: boolean): void {
  let text = `${sanitizeText(formatError(err))}\n`;
  if (debug) {
    let current: unknown = err;
    let depth = 0;
    while (current instanceof Error && depth < 5) {
      if (current.stack !== undefined) text += `${sanitizeLines(`${depth === 0 ? '' : 'caused by: '}${current.stack}`)}\n`;
      current = current.cause;
      depth += 1;
    }
  }
  stderr.write(text);
}

/** Writes a one-line notice (`errlens: <message>`) to `stderr`, made terminal-safe: it may quote any file name. */
export function writeNotice(stderr: TextSink, message: string): void {
  stderr.write(`errlens: ${sanitizeText(message)}\n`);
}
