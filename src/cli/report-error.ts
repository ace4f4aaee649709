import { formatError } from '../errors.js';
import type { Writable } from 'node:stream';

/**
 * Writes `errlens: <what>: <where>` for `err` to `stderr`; with `debug`, the stack and the causes' stacks follow,
 * which is where an engineer looks when the short line is not enough.
 */
export function reportError(stderr: Writable, err: unknown, debug: boolean): void {
  let text = `${formatError(err)}\n`;
  if (debug) {
    let current: unknown = err;
    let depth = 0;
    while (current instanceof Error && depth < 5) {
      if (current.stack !== undefined) text += `${depth === 0 ? '' : 'caused by: '}${current.stack}\n`;
      current = current.cause;
      depth += 1;
    }
  }
  stderr.write(text);
}
