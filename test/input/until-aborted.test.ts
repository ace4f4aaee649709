import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { ErrlensError } from '../../src/errors.js';
import { openInput } from '../../src/input/open-input.js';
import { MAX_PIECE_BYTES, untilAborted } from '../../src/input/until-aborted.js';

async function drain(iterable: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of iterable) text += chunk.toString('utf8');
  return text;
}

describe('untilAborted', () => {
  it('passes every chunk through when never aborted', async () => {
    const source = Readable.from([Buffer.from('a\n'), Buffer.from('b\n')], { objectMode: false });
    expect(await drain(untilAborted(source, new AbortController().signal, 'x.log'))).toBe('a\nb\n');
  });

  it('hands a chunk bigger than a piece on in pieces of at most MAX_PIECE_BYTES, every byte in order', async () => {
    const sizes = [MAX_PIECE_BYTES - 1, MAX_PIECE_BYTES, MAX_PIECE_BYTES + 1, 2 * MAX_PIECE_BYTES, 2 * MAX_PIECE_BYTES + 3];
    const chunks = sizes.map((size, n) => Buffer.alloc(size, `${n}`));
    const pieces: Buffer[] = [];
    for await (const piece of untilAborted(Readable.from(chunks, { objectMode: false }), new AbortController().signal, 'big.log')) pieces.push(piece);
    expect(pieces.every((piece) => piece.length > 0 && piece.length <= MAX_PIECE_BYTES)).toBe(true);
    expect(pieces.map((piece) => piece.length)).toEqual([
      MAX_PIECE_BYTES - 1,
      MAX_PIECE_BYTES,
      MAX_PIECE_BYTES,
      1,
      MAX_PIECE_BYTES,
      MAX_PIECE_BYTES,
      MAX_PIECE_BYTES,
      MAX_PIECE_BYTES,
      3,
    ]);
    expect(Buffer.concat(pieces).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('stops between the pieces of a big chunk when aborted', async () => {
    const controller = new AbortController();
    const pieces: Buffer[] = [];
    const source = Readable.from([Buffer.alloc(4 * MAX_PIECE_BYTES, 'x')], { objectMode: false });
    for await (const piece of untilAborted(source, controller.signal, 'big.log')) {
      pieces.push(piece);
      controller.abort();
    }
    expect(pieces).toHaveLength(1);
    expect(source.destroyed).toBe(true);
  });

  it('ends normally, with what was read so far, when aborted while waiting on an endless source', async () => {
    const source = new PassThrough();
    const controller = new AbortController();
    source.write('before the stop\n');
    const done = drain(untilAborted(source, controller.signal, '-'));
    setTimeout(() => controller.abort(), 50);
    expect(await done).toBe('before the stop\n');
    expect(source.destroyed).toBe(true);
  });

  it('rethrows a read error as "cannot read <name>: <reason>"', async () => {
    const source = new Readable({
      read() {
        this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
      },
    });
    await expect(drain(untilAborted(source, new AbortController().signal, 'disk.log'))).rejects.toMatchObject({
      code: 'E_INPUT_READ',
      message: 'cannot read disk.log: input/output error',
    });
  });

  it('with onError, hands a read error over and ends normally after the chunks read before it', async () => {
    let sent = false;
    const source = new Readable({
      read() {
        if (sent) this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
        else this.push('read before the error\n');
        sent = true;
      },
    });
    const errors: ErrlensError[] = [];
    const text = await drain(untilAborted(source, new AbortController().signal, 'disk.log', undefined, (err) => errors.push(err)));
    expect(text).toBe('read before the error\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'E_INPUT_READ', message: 'cannot read disk.log: input/output error' });
  });

  it('with onError, a truncated gzip yields what was decoded before the damage, then reports corrupt gzip', async () => {
    let text = '';
    for (let i = 1; i <= 5000; i++) text += `line ${i} of a log cut short\n`;
    const gz = gzipSync(text);
    const input = await openInput('-', { stdin: () => Readable.from([gz.subarray(0, Math.floor(gz.length * 0.6))]) });
    const errors: ErrlensError[] = [];
    const decoded = await drain(untilAborted(input.stream, new AbortController().signal, 'cut.gz', () => input.close(), (err) => errors.push(err)));
    expect(decoded.length).toBeGreaterThan(0);
    expect(text.startsWith(decoded)).toBe(true);
    expect(errors.map((e) => e.message)).toEqual(['corrupt gzip: cut.gz']);
  });

  it('leaves no listener on the signal behind, however many chunks it passed', async () => {
    const chunks = Array.from({ length: 1000 }, (_, i) => Buffer.from(`${i}\n`));
    const { signal } = new AbortController();
    const added = jest.spyOn(signal, 'addEventListener');
    const removed = jest.spyOn(signal, 'removeEventListener');
    await drain(untilAborted(Readable.from(chunks, { objectMode: false }), signal, 'many.log'));
    expect(added.mock.calls.length).toBeLessThanOrEqual(1);
    expect(removed.mock.calls.length).toBe(added.mock.calls.length);
  });
});
