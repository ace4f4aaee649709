import { appendFileSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { FileReader } from '../../src/input/file-reader.js';
import { makeTempDir } from '../cli/helpers/temp-dir.js';

/** Bytes that differ at every offset (mod 251, a prime), so a chunk out of place or repeated shows. */
function pattern(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = i % 251;
  return bytes;
}

async function readChunks(reader: FileReader): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of reader) chunks.push(chunk as Buffer);
  return chunks;
}

describe('FileReader', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());
  const file = (name: string, content: Buffer): string => {
    const p = path.join(tmp.dir, name);
    writeFileSync(p, content);
    return p;
  };

  it.each([0, 1, 15, 16, 17, 31, 32, 33, 100])(
    'yields every byte of a %i-byte file, in order, in chunks of at most the read size',
    async (length) => {
      const content = pattern(length);
      const handle = await open(file(`sized-${length}.bin`, content), 'r');
      const seen: Buffer[] = [];
      const reader = new FileReader(handle, { size: length, chunkBytes: 16, onChunk: (chunk) => seen.push(chunk) });
      const chunks = await readChunks(reader);
      expect(Buffer.concat(chunks).equals(content)).toBe(true);
      expect(chunks.every((chunk) => chunk.length > 0 && chunk.length <= 16)).toBe(true);
      expect(seen).toEqual(chunks);
    },
  );

  it('reads to the real end without being told the size', async () => {
    const content = pattern(40);
    const handle = await open(file('unsized.bin', content), 'r');
    expect(Buffer.concat(await readChunks(new FileReader(handle, { chunkBytes: 16 }))).equals(content)).toBe(true);
  });

  it('reads a file that grew after it was measured to its real end', async () => {
    const p = file('growing.log', Buffer.from('measured\n'));
    const handle = await open(p, 'r');
    appendFileSync(p, 'appended after the stat\n');
    const chunks = await readChunks(new FileReader(handle, { size: 9, chunkBytes: 4 }));
    expect(Buffer.concat(chunks).toString('utf8')).toBe('measured\nappended after the stat\n');
  });

  it('reads only the range from start to end', async () => {
    const content = pattern(100);
    const handle = await open(file('range.bin', content), 'r');
    const chunks = await readChunks(new FileReader(handle, { start: 10, end: 47, chunkBytes: 16 }));
    expect(Buffer.concat(chunks).equals(content.subarray(10, 47))).toBe(true);
  });

  it('closes the file at its end', async () => {
    const handle = await open(file('ends.bin', pattern(20)), 'r');
    const reader = new FileReader(handle, { chunkBytes: 8 });
    const closed = once(reader, 'close');
    await readChunks(reader);
    await closed;
    expect(handle.fd).toBe(-1);
  });

  it('closes the file when destroyed in the middle, with a read in flight', async () => {
    const handle = await open(file('stopped.bin', pattern(1000)), 'r');
    const reader = new FileReader(handle, { chunkBytes: 8 });
    const first = (await reader[Symbol.asyncIterator]().next()) as IteratorResult<Buffer>;
    expect(first.value.length).toBe(8);
    const closed = once(reader, 'close');
    reader.destroy();
    await closed;
    expect(handle.fd).toBe(-1);
  });

  it('fails with the read error, and closes the file', async () => {
    let closes = 0;
    const failing = {
      read: () => Promise.reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })),
      close: () => {
        closes++;
        return Promise.resolve();
      },
    } as unknown as FileHandle;
    await expect(readChunks(new FileReader(failing))).rejects.toMatchObject({ code: 'EIO' });
    expect(closes).toBe(1);
  });
});
