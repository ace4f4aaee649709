import type { Readable } from 'node:stream';
import { toInputError } from './input-error.js';

/**
 * Yields the chunks of `source` until it ends or `signal` aborts, whichever comes first. On abort it returns
 * normally (destroying the source), so everything downstream still ends cleanly and flushes what it holds: that is
 * how Ctrl-C, a closed stdout or `--quiet`'s first hit stop reading without losing pending records.
 * Read errors are rethrown as ErrlensErrors naming `name` (`cannot read ...`, `corrupt gzip: ...`).
 * @param close - releases the input when iteration ends (default: destroy `source`); pass `OpenedInput.close`.
 */
export async function* untilAborted(
  source: Readable,
  signal: AbortSignal,
  name: string,
  close: () => void = () => source.destroy(),
): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      if (signal.aborted) return;
      const pending = iterator.next();
      // The read still in flight when we stop settles after the source is destroyed; nobody waits for it.
      pending.catch(() => undefined);
      const next = await Promise.race([pending, aborted]);
      if (next === 'aborted' || next.done === true) return;
      yield next.value;
    }
  } catch (err) {
    throw toInputError(name, err);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
    close();
  }
}
