import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ErrlensError } from '../errors.js';
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
  /** True when the input was gzip (detected by its first two bytes, never by its name). */
  readonly gzip: boolean;
  /** Size on disk in bytes for a regular file; undefined for standard input. */
  readonly size: number | undefined;
  /** Modification time in epoch ms for a regular file (it dates hilog lines that have no year); undefined for stdin. */
  readonly mtimeMs: number | undefined;
  /**
   * Stops reading for good: destroys the underlying file or stdin stream too. Destroying `stream` alone is not
   * enough while a read is pending (an idle stdin), because the replaying generator cannot return until it resolves.
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

/** Why a path that exists cannot be read as a log, or undefined when it is a regular file. */
function notRegularReason(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isFile(): boolean }): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory';
  // A FIFO would block until a writer appears and a device may never end: neither is a log file.
  if (st.isFIFO()) return 'is a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device';
  if (st.isSocket()) return 'is a socket';
  return 'is not a regular file';
}

/**
 * Reads chunks from `source` until at least two bytes are known (or it ends), so the gzip magic can be checked
 * without seeking; standard input cannot seek. The returned stream replays those bytes, then the rest.
 */
async function sniff(source: Readable, onRawChunk: ((chunk: Buffer) => void) | undefined): Promise<{ head: Buffer; body: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  try {
    while (length < 2) {
      const next = await iterator.next();
      if (next.done === true) {
        ended = true;
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      onRawChunk?.(chunk);
      chunks.push(chunk);
      length += chunk.length;
    }
  } catch (err) {
    source.destroy();
    throw err;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    // for-await calls iterator.return() when the consumer stops early, which destroys the source.
    for await (const value of { [Symbol.asyncIterator]: () => iterator }) {
      const chunk = typeof value === 'string' ? Buffer.from(value) : value;
      onRawChunk?.(chunk);
      yield chunk;
    }
  }
  return { head, body: Readable.from(replay(), { objectMode: false }) };
}

function closeAll(...streams: Readable[]): void {
  for (const stream of streams) if (!stream.destroyed) stream.destroy();
}

/**
 * Opens a path ("-" for standard input) as a byte stream, gunzipping it when it starts with the gzip magic bytes
 * (concatenated gzip members are read one after another, as `gzip -dc` does).
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
  let sniffed: { head: Buffer; body: Readable };
  try {
    sniffed = await sniff(raw, options.onRawChunk);
  } catch (err) {
    throw toInputError(name, err);
  }
  const body = sniffed.body;
  if (!isGzipHead(sniffed.head)) {
    return { name, stream: body, gzip: false, size, mtimeMs, close: () => closeAll(body, raw) };
  }
  const gunzip = createGunzip();
  // Errors on either side reach gunzip (pipeline destroys it with them), so readers only watch gunzip.
  pipeline(body, gunzip).catch(() => undefined);
  return { name, stream: gunzip, gzip: true, size, mtimeMs, close: () => closeAll(gunzip, body, raw) };
}
