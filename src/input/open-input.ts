import { open, stat, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { ErrlensError } from '../errors.js';
import { notRegularReason } from './file-kind.js';
import { FileReader } from './file-reader.js';
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

/**
 * Gunzip's output chunk: 128 KiB instead of zlib's 16 KiB. zlib inflates on the libuv threadpool one output chunk at
 * a time, each a round trip through the main thread, and pauses when a chunk waits unread; the consumer taking it
 * starts the next one. So the next chunk inflates while the scanner works on this one, and the main thread pays for
 * the round trips only: 13,356 of them for a 200 MiB file at 16 KiB (~0.3 s of its time, more than inflating took on
 * the threadpool), ~2,150 at 128 KiB. Bigger chunks save little more and live longer (see FILE_CHUNK_BYTES): at
 * 256 KiB a 1 GiB `--all` scan peaked at 166 MB instead of 110 MB.
 */
export const GUNZIP_CHUNK_BYTES = 128 * 1024;

/**
 * Compressed bytes per read: each read is inflated to ~6 times its size and is held until the last of that is out,
 * so it lives as long as a 384 KiB chunk of text would (see FILE_CHUNK_BYTES). Read 512 KiB at a time, compressed
 * chunks were promoted often enough to run 5 mark-compacts in a 200 MiB scan instead of 1.
 */
const GZIP_READ_BYTES = 64 * 1024;

function createBigGunzip(): Gunzip {
  return createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
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
  const gunzip = createBigGunzip();
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
 * (concatenated gzip members are read one after another, as `gzip -dc` does). Nothing is read until the stream is,
 * but for a regular file's first two bytes. Rejects with an ErrlensError (`cannot read <name>: <reason>`) when the
 * path is missing, unreadable, a directory, a FIFO or a device. Read errors after opening surface as stream errors;
 * pass them to `toInputError`.
 *
 * A regular file is read in 128 KiB chunks (see `FileReader`), and its stream is the reader itself or the gunzip it
 * feeds: nothing stands between them and the consumer. Standard input is passed on chunk by chunk as it arrives, so
 * `tail -f app.log | errlens` shows a line at once.
 */
export async function openInput(name: string, options: OpenInputOptions = {}): Promise<OpenedInput> {
  if (name === STDIN_NAME) {
    const raw = options.stdin?.() ?? process.stdin;
    const stream = Readable.from(decode(raw, options.onRawChunk), { objectMode: false });
    return { name, stream, size: undefined, mtimeMs: undefined, close: () => closeAll(stream, raw) };
  }
  let handle: FileHandle | undefined;
  try {
    const st = await stat(name);
    const reason = notRegularReason(st);
    if (reason !== undefined) throw new ErrlensError('E_INPUT_READ', `cannot read ${name}`, reason);
    handle = await open(name, 'r');
    // A file can be sniffed without reading it through: one positional read, and the reader starts at byte 0.
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const gzip = isGzipHead(head.subarray(0, bytesRead));
    const reader = new FileReader(handle, {
      size: st.size,
      ...(gzip ? { chunkBytes: GZIP_READ_BYTES } : {}),
      ...(options.onRawChunk !== undefined ? { onChunk: options.onRawChunk } : {}),
    });
    handle = undefined;
    const opened = { name, size: st.size, mtimeMs: st.mtimeMs };
    if (!gzip) return { ...opened, stream: reader, close: () => closeAll(reader) };
    const gunzip = createBigGunzip();
    // A read error destroys gunzip with that error, so whoever reads gunzip sees both kinds of failure.
    pipeline(reader, gunzip).catch(() => undefined);
    return { ...opened, stream: gunzip, close: () => closeAll(gunzip, reader) };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    throw toInputError(name, err);
  }
}
