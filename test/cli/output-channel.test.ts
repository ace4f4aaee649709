import { Writable } from 'node:stream';
import { OutputChannel } from '../../src/cli/output-channel.js';

/** A Writable that records each write call; `full` makes it report backpressure until drained by hand. */
class Recorder extends Writable {
  readonly writes: string[] = [];
  constructor(highWaterMark = 1 << 20) {
    super({ highWaterMark, decodeStrings: false });
  }
  override _write(chunk: string, _encoding: BufferEncoding, callback: () => void): void {
    this.writes.push(chunk);
    setImmediate(callback);
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('OutputChannel', () => {
  test('records appended in one turn of the event loop go out in one write, in order, at the end of that turn', async () => {
    const out = new Recorder();
    const channel = new OutputChannel(out, () => undefined);
    expect(channel.append('a\n')).toBeUndefined();
    expect(channel.append('b\n')).toBeUndefined();
    expect(out.writes).toEqual([]);
    await turn();
    expect(out.writes).toEqual(['a\nb\n']);
    void channel.append('c\n');
    await turn();
    expect(out.writes).toEqual(['a\nb\n', 'c\n']);
  });

  test('write() sends what is pending first, then its text', async () => {
    const out = new Recorder();
    const channel = new OutputChannel(out, () => undefined);
    void channel.append('record\n');
    await channel.write('summary\n');
    expect(out.writes.join('')).toBe('record\nsummary\n');
    await turn();
    expect(out.writes.join('')).toBe('record\nsummary\n');
  });

  test('a full batch is written at once and its promise waits for the stream to drain', async () => {
    const out = new Recorder(16);
    const channel = new OutputChannel(out, () => undefined);
    const line = `${'x'.repeat(1023)}\n`;
    let wait: Promise<void> | undefined;
    for (let i = 0; i < 64 && wait === undefined; i++) wait = channel.append(line);
    expect(wait).toBeInstanceOf(Promise);
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]).toHaveLength(64 * 1024);
    let drained = false;
    void wait?.then(() => {
      drained = true;
    });
    await Promise.resolve();
    expect(drained).toBe(false);
    await wait;
    expect(drained).toBe(true);
  });

  test('writers that overlap while the stream is full share one wait for drain (no listener pile-up)', async () => {
    const out = new Recorder(16);
    const channel = new OutputChannel(out, () => undefined);
    const waits = Array.from({ length: 20 }, (_, i) => channel.write(`line ${i}\n`));
    expect(out.listenerCount('drain')).toBe(1);
    await Promise.all(waits);
    expect(out.listenerCount('drain')).toBe(0);
    expect(out.writes.join('')).toBe(Array.from({ length: 20 }, (_, i) => `line ${i}\n`).join(''));
  });

  test('after the output closes (EPIPE), appended text is dropped and the stop is reported once', async () => {
    const stops: string[] = [];
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('EPIPE'), { code: 'EPIPE' }));
      },
    });
    const channel = new OutputChannel(out, (reason) => stops.push(reason));
    void channel.append('a\n');
    await turn();
    await turn();
    expect(channel.isClosed).toBe(true);
    expect(channel.append('b\n')).toBeUndefined();
    await channel.flush();
    expect(stops).toEqual(['epipe']);
  });
});
