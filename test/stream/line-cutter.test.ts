import fc from 'fast-check';
import { LineCutter } from '../../src/stream/line-cutter.js';

/** Runs `chunks` through a fresh cutter and returns the output as a string, plus the cut line numbers. */
function run(max: number, chunks: readonly (string | Buffer)[]): { text: string; cut: number[] } {
  const cutter = new LineCutter(max);
  const out = chunks.map((c) => cutter.write(typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
  const text = Buffer.concat(out).toString('utf8');
  const lines = text.split('\n').length;
  const cut: number[] = [];
  for (let n = 1; n <= lines; n++) if (cutter.takeCut(n)) cut.push(n);
  return { text, cut };
}

describe('LineCutter line endings', () => {
  test('turns CRLF, lone CR and LF into one LF each', () => {
    expect(run(100, ['a\r\nb\rc\nd']).text).toBe('a\nb\nc\nd');
  });

  test('a CRLF split between chunks is one line ending, not two', () => {
    expect(run(100, ['a\r', '\nb']).text).toBe('a\nb');
    expect(run(100, ['a\r', '', '\nb']).text).toBe('a\nb');
  });

  test('CR CR LF is an empty line between two endings', () => {
    expect(run(100, ['a\r\r\nb']).text).toBe('a\n\nb');
    expect(run(100, ['a\r', '\r', '\nb']).text).toBe('a\n\nb');
  });

  test('LF CR is two endings (an empty line), as in a CR-only file after an LF', () => {
    expect(run(100, ['a\n\rb']).text).toBe('a\n\nb');
  });

  test('a line ending is passed on at once, even a CR at the end of a chunk', () => {
    const cutter = new LineCutter(100);
    expect(cutter.write(Buffer.from('live\r')).toString()).toBe('live\n');
  });
});

describe('LineCutter length limit', () => {
  test('keeps the first maxLineBytes bytes of a long line and remembers its number', () => {
    const { text, cut } = run(4, ['ok\n', 'abcdefgh\n', 'xy']);
    expect(text).toBe('ok\nabcd\nxy');
    expect(cut).toEqual([2]);
  });

  test('a line of exactly maxLineBytes is not cut', () => {
    expect(run(4, ['abcd\nabcde']).cut).toEqual([2]);
  });

  test('cuts the same way when the long line arrives in many chunks', () => {
    const { text, cut } = run(5, ['ab', 'cd', 'ef', 'gh\r', '\nz']);
    expect(text).toBe('abcde\nz');
    expect(cut).toEqual([1]);
  });

  test('keeps a multi-byte character at the cut whole', () => {
    // "€" is E2 82 AC: the limit falls after its first byte.
    const whole = run(3, ['ab€cd\n']);
    expect(whole.text).toBe('ab€\n');
    const split = run(3, [Buffer.from([0x61, 0x62, 0xe2]), Buffer.from([0x82]), Buffer.from([0xac, 0x63, 0x0a])]);
    expect(split.text).toBe('ab€\n');
  });

  test('takeCut answers once per line, in increasing order', () => {
    const cutter = new LineCutter(2);
    cutter.write(Buffer.from('aaa\nb\nccc\n'));
    expect(cutter.takeCut(1)).toBe(true);
    expect(cutter.takeCut(1)).toBe(false);
    expect(cutter.takeCut(2)).toBe(false);
    expect(cutter.takeCut(3)).toBe(true);
  });

  test('rejects a limit below 1', () => {
    expect(() => new LineCutter(0)).toThrow(RangeError);
  });

  test('output and cut lines do not depend on chunking', () => {
    const byte = fc.oneof(
      fc.constantFrom(0x0a, 0x0d, 0xe2, 0x82, 0xac, 0xf0, 0x9f),
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.integer({ min: 1, max: 12 }),
        (bytes, cuts, max) => {
          const buf = Buffer.from(bytes);
          const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let prev = 0;
          for (const p of points) {
            chunks.push(buf.subarray(prev, p));
            prev = p;
          }
          chunks.push(buf.subarray(prev));
          expect(run(max, chunks)).toEqual(run(max, [buf]));
        },
      ),
      { numRuns: 500 },
    );
  });
});
