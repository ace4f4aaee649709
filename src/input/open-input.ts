import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ErrlensError } from '../errors.js';
import { notRegularReason } from './file-kind.js';
import { isGzipHead } from './gzip-magic.js';
import { toInputError } from './input-error.js';

/** The name that stands for standard input. */
export const STDIN_NAME = '-';

/** One input, opened and ready to read. */
export interface OpenedInput {
  /** The name as given: a path, or "-" for standard input. */
  readonly name: string;
  /** The decoded bytes: gunzipped when the input starts with the gzip magic bytes. */
  readonly stream: Readable;
  /** Size on disk in bytes for a regular file; undefined for standard input. */
  readonly size: number | undefined;
  /** Modification time in epoch ms for a regular file (it dates hilog lines that have no year); undefined for stdin. */
  readonly mtimeMs: number | undefined;
  /**
   * Stops reading for good: destroys the underlying file or stdin stream too. Destroying `stream` alone is not
   * enough while a read is pending (an idle stdin), because the decoding generator cannot return until it resolves.
   */
  close(): void;
}

/** Options for {@link openInput}. */
export interface OpenInputOptions {
  /** What "-" reads. Default: `process.stdin`, touched only when "-" is read (creating it costs a handle). */
  readonly stdin?: () => Readable;
  /** Sees every raw (still compressed) chunk as it is read: progress bars count them, summaries hash them. */
  readonly onRawChunk?: (chunk: Buffer) => void;
}

const toBuffer = (value: Buffer | string): Buffer => (typeof value === 'string' ? Buffer.from(value) : value);

/**
 * The bytes of `raw`, gunzipped when its first two bytes are the gzip magic. The check happens on the first read,
 * not when the input is opened: an idle stdin must not block start-up (or Ctrl-C) waiting for its first bytes.
 * Concatenated gzip members are read one after another, as `gzip -dc` does (zlib's Gunzip does this).
 */
async function* decode(raw: Readable, onRawChunk: ((chunk: Buffer) => void) | undefined): AsyncGenerator<Buffer> {
  const iterator = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < 2) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    onRawChunk?.(chunk);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    // for-await calls iterator.return() when the consumer stops early, which destroys the source.
    for await (const value of { [Symbol.asyncIterator]: () => iterator }) {
      const chunk = toBuffer(value);
      onRawChunk?.(chunk);
      yield chunk;
    }
  }
  if (!isGzipHead(head)) {
    yield* replay();
    return;
  }
  const gunzip = createGunzip();
  // A read error destroys gunzip with that error, so iterating gunzip surfaces both kinds of failure.
  const feeding = pipeline(replay(), gunzip);
  feeding.catch(() => undefined);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
    await feeding;
  } finally {
    gunzip.destroy();
  }
}

function closeAll(...streams: Readable[]): void {
  for (const stream of streams) if (!stream.destroyed) stream.destroy();
}

/**
 * Opens a path ("-" for standard input) as a byte stream, gunzipping it when it starts with the gzip magic bytes
 * (concatenated gzip members are read one after another, as `gzip -dc` does). Nothing is read until the stream is.
 * Rejects with an ErrlensError (`cannot read <name>: <reason>`) when the path is missing, unreadable, a directory,
 * a FIFO or a device. Read errors after opening surface as stream errors; pass them to `toInputError`.
 */
export async function openInput(name: string, options: OpenInputOptions = {}): Promise<OpenedInput> {
  let raw: Readable;
  let size: number | undefined;
  let mtimeMs: number | undefined;
  if (name === STDIN_NAME) {
    raw = options.stdin?.() ?? process.stdin;
  } else {
    try {
      const st = await stat(name);
      const reason = notRegularReason(st);
      if (reason !== undefined) throw new ErrlensError('E_INPUT_READ', `cannot read ${name}`, reason);
      size = st.size;
      mtimeMs = st.mtimeMs;
      const handle = await open(name, 'r');
      raw = handle.createReadStream({ highWaterMark: 64 * 1024 });
    } catch (err) {
      throw toInputError(name, err);
    }
  }
  const stream = Readable.from(decode(raw, options.onRawChunk), { objectMode: false });
  return { name, stream, size, mtimeMs, close: () => closeAll(stream, raw) };
}
