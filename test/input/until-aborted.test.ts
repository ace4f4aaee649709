import { PassThrough, Readable } from 'node:stream';
import { untilAborted } from '../../src/input/until-aborted.js';

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
});
