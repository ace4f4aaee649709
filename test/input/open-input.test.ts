import { mkfifoSync } from '../cli/helpers/mkfifo.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { toInputError } from '../../src/input/input-error.js';
import { FILE_CHUNK_BYTES } from '../../src/input/file-reader.js';
import { GUNZIP_CHUNK_BYTES, openInput } from '../../src/input/open-input.js';
import { makeTempDir } from '../cli/helpers/temp-dir.js';

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('openInput', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  it('reads a plain file as it is', async () => {
    const file = path.join(tmp.dir, 'plain.log');
    writeFileSync(file, 'one\ntwo\n');
    const input = await openInput(file);
    expect(input.size).toBe(8);
    expect(await readAll(input.stream)).toBe('one\ntwo\n');
  });

  it('reads a file of several read chunks whole, in order, and shows every raw byte once', async () => {
    // Numbered lines over three reads and a short fourth one.
    const length = 3 * FILE_CHUNK_BYTES + 17;
    let text = '';
    for (let i = 0; text.length < length; i++) text += `line ${i}\n`;
    text = text.slice(0, length);
    const file = path.join(tmp.dir, 'big.log');
    writeFileSync(file, text);
    const raw: Buffer[] = [];
    const input = await openInput(file, { onRawChunk: (chunk) => raw.push(chunk) });
    expect(await readAll(input.stream)).toBe(text);
    expect(Buffer.concat(raw).toString('utf8')).toBe(text);
  });

  it('gunzips a file whose output is many gunzip chunks long, members and all', async () => {
    let first = '';
    for (let i = 0; first.length < 3 * GUNZIP_CHUNK_BYTES; i++) first += `first member line ${i}\n`;
    let second = '';
    for (let i = 0; second.length < GUNZIP_CHUNK_BYTES + 5; i++) second += `second member line ${i}\n`;
    const file = path.join(tmp.dir, 'big.log.gz');
    writeFileSync(file, Buffer.concat([gzipSync(first), gzipSync(second)]));
    const input = await openInput(file);
    expect(await readAll(input.stream)).toBe(first + second);
  });

  it('close() releases a file being gunzipped before its end', async () => {
    const file = path.join(tmp.dir, 'stopped.gz');
    writeFileSync(file, gzipSync('a line\n'.repeat(500_000)));
    const input = await openInput(file);
    const iterator = input.stream[Symbol.asyncIterator]();
    expect(((await iterator.next()) as IteratorResult<Buffer>).value.length).toBeGreaterThan(0);
    input.close();
    expect(input.stream.destroyed).toBe(true);
  });

  it('detects gzip by its magic bytes even when the name says .log', async () => {
    const file = path.join(tmp.dir, 'looks-plain.log');
    writeFileSync(file, gzipSync('zipped line\n'));
    const input = await openInput(file);
    expect(await readAll(input.stream)).toBe('zipped line\n');
  });

  it('does not gunzip a .gz-named file that is plain text', async () => {
    const file = path.join(tmp.dir, 'not-really.gz');
    writeFileSync(file, 'plain after all\n');
    const input = await openInput(file);
    expect(await readAll(input.stream)).toBe('plain after all\n');
  });

  it('reads every member of a multi-member gzip file, in order', async () => {
    const file = path.join(tmp.dir, 'two-members.gz');
    writeFileSync(file, Buffer.concat([gzipSync('first member\n'), gzipSync('second member\n')]));
    const input = await openInput(file);
    expect(await readAll(input.stream)).toBe('first member\nsecond member\n');
  });

  it('sniffs stdin across one-byte chunks (the magic split over two reads)', async () => {
    const zipped = gzipSync('from stdin\n');
    const chunks = [...zipped].map((b) => Buffer.from([b]));
    const input = await openInput('-', { stdin: () => Readable.from(chunks, { objectMode: false }) });
    expect(input.size).toBeUndefined();
    expect(await readAll(input.stream)).toBe('from stdin\n');
  });

  it('passes a one-byte and an empty input through untouched', async () => {
    const one = await openInput('-', { stdin: () => Readable.from([Buffer.from('x')], { objectMode: false }) });
    expect(await readAll(one.stream)).toBe('x');
    const empty = await openInput('-', { stdin: () => Readable.from([], { objectMode: false }) });
    expect(await readAll(empty.stream)).toBe('');
  });

  it('reports a truncated gzip as a zlib error that toInputError names "corrupt gzip"', async () => {
    const file = path.join(tmp.dir, 'truncated.gz');
    const whole = gzipSync('a line that will be cut short\n'.repeat(50));
    writeFileSync(file, whole.subarray(0, whole.length - 12));
    const input = await openInput(file);
    const failure = await readAll(input.stream).then(
      () => undefined,
      (err: unknown) => err,
    );
    const wrapped = toInputError(file, failure);
    expect(wrapped.code).toBe('E_INPUT_GZIP');
    expect(wrapped.message).toBe(`corrupt gzip: ${file}`);
  });

  it('counts raw (compressed) bytes for progress', async () => {
    const file = path.join(tmp.dir, 'counted.gz');
    const zipped = gzipSync('counted\n'.repeat(100));
    writeFileSync(file, zipped);
    let raw = 0;
    const input = await openInput(file, { onRawChunk: (chunk) => (raw += chunk.length) });
    await readAll(input.stream);
    expect(raw).toBe(zipped.length);
  });

  it('opens an idle stdin at once, and close() ends a read still waiting for its first bytes', async () => {
    const idle = new PassThrough();
    const input = await openInput('-', { stdin: () => idle });
    const reading = readAll(input.stream).then(
      () => 'ended',
      () => 'failed',
    );
    input.close();
    expect(idle.destroyed).toBe(true);
    expect(input.stream.destroyed).toBe(true);
    await expect(Promise.race([reading, new Promise((r) => setTimeout(() => r('still waiting'), 500))])).resolves.not.toBe('still waiting');
  });

  it('rejects a missing file with "cannot read <file>: no such file or directory"', async () => {
    const file = path.join(tmp.dir, 'missing.log');
    await expect(openInput(file)).rejects.toMatchObject({
      code: 'E_INPUT_READ',
      message: `cannot read ${file}: no such file or directory`,
    });
  });

  it('rejects a directory without opening it', async () => {
    const dir = path.join(tmp.dir, 'a-folder');
    mkdirSync(dir);
    await expect(openInput(dir)).rejects.toThrow(`cannot read ${dir}: is a directory`);
  });

  it('rejects a FIFO instead of blocking on it', async () => {
    const fifo = path.join(tmp.dir, 'a-fifo');
    mkfifoSync(fifo);
    await expect(openInput(fifo)).rejects.toThrow(`cannot read ${fifo}: is a FIFO`);
  });

  it('rejects a character device', async () => {
    await expect(openInput('/dev/null')).rejects.toThrow('cannot read /dev/null: is a device');
  });
});
