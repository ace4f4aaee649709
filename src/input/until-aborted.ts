import type { Readable } from 'node:stream';
import type { ErrlensError } from '../errors.js';
import { toInputError } from './input-error.js';

/**
 * The largest piece handed on: bigger chunks (files are read, and gunzipped, 128 KiB at a time) are cut into pieces
 * of this size, without copying. The scanner turns each piece into one string, and V8 allocates strings of 128 KiB
 * or more in its large-object space, which only full mark-compact collections free: fed 1 MiB chunks, a 200 MiB
 * scan ran ten times as many of them and took ~20% more CPU time. 64 KiB is what the scanner was tuned with.
 */
export const MAX_PIECE_BYTES = 64 * 1024;

/**
 * Yields the chunks of `source`, cut into pieces of at most {@link MAX_PIECE_BYTES}, until it ends or `signal`
 * aborts, whichever comes first. On abort it returns
 * normally (closing the source), so everything downstream still ends cleanly and flushes what it holds: that is
 * how Ctrl-C, a closed stdout or `--quiet`'s first hit stop reading without losing pending records.
 *
 * A read error becomes an ErrlensError naming `name` (`cannot read ...`, `corrupt gzip: ...`). Without `onError` it
 * is thrown, which makes `pipeline()` destroy every stream downstream along with the records they still hold. With
 * `onError` it is handed over and the iteration ends normally instead, exactly as on abort: the scanner flushes the
 * lines decoded before the damage and the sink drains them; the caller reports the error once the pipeline is done.
 *
 * Memory stays flat however long the source: each wait for a chunk is one promise, settled by the read or by the
 * one abort listener and dropped after it (a race against one long-lived abort promise would add a reaction to it
 * per chunk, each keeping its chunk alive until the end).
 *
 * @param close - releases the input when iteration ends (default: destroy `source`); pass `OpenedInput.close`.
 * @param onError - takes a read error instead of it being thrown (default: thrown).
 */
export async function* untilAborted(
  source: Readable,
  signal: AbortSignal,
  name: string,
  close: () => void = () => source.destroy(),
  onError?: (err: ErrlensError) => void,
): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  // Settles the wait in progress, if any, as aborted; a new one is set for each wait.
  let wake: (() => void) | undefined;
  const onAbort = (): void => wake?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal.aborted) return;
      let next: IteratorResult<Buffer> | 'aborted';
      try {
        next = await new Promise<IteratorResult<Buffer> | 'aborted'>((resolve, reject) => {
          wake = () => resolve('aborted');
          // The read still in flight when we stop settles after the source is closed; nobody waits for it then.
          iterator.next().then(resolve, reject);
        });
      } catch (err) {
        const error = toInputError(name, err);
        if (onError === undefined) throw error;
        onError(error);
        return;
      } finally {
        wake = undefined;
      }
      if (next === 'aborted' || next.done === true) return;
      const chunk = next.value;
      if (chunk.length <= MAX_PIECE_BYTES) {
        yield chunk;
        continue;
      }
      for (let at = 0; at < chunk.length; at += MAX_PIECE_BYTES) {
        // A stop takes effect between pieces too: the rest of the chunk was read but is not scanned, as if unread.
        if (signal.aborted) return;
        yield chunk.subarray(at, at + MAX_PIECE_BYTES);
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    close();
  }
}
