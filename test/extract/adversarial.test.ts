import { defaultExtractor, extractLine } from './helpers/extract-line.js';

/**
 * Hostile lines: every pattern must stay linear in line length. No timing assertions (CI machines vary); a
 * catastrophic backtrack would hang the test until its timeout instead.
 */
const SIZE = 100_000;

describe('adversarial lines complete and stay correct', () => {
  test('100 KB of digits is one number, not a code', () => {
    expect(extractLine('9'.repeat(SIZE), true)).toEqual([]);
  });

  test('100 KB of digits ending in a code key keeps finding the real code after it', () => {
    const line = `${'1'.repeat(SIZE)} code: 2302001`;
    expect(extractLine(line).map((h) => h.code)).toEqual(['2302001']);
  });

  test('"code code code …" with no number', () => {
    expect(extractLine('code '.repeat(SIZE / 5), true)).toEqual([]);
  });

  test('"code: " repeated, numbers everywhere, one real code', () => {
    const line = `${'code: 1 '.repeat(SIZE / 8)}code: 2101022`;
    expect(extractLine(line, true).map((h) => h.code)).toEqual(['2101022']);
  });

  test('"[[[[" and "{{{{"', () => {
    expect(extractLine('['.repeat(SIZE), true)).toEqual([]);
    expect(extractLine(`${'{"code":'.repeat(SIZE / 8)}`, true)).toEqual([]);
  });

  test('near-miss markers', () => {
    expect(extractLine('Over the max request numbe '.repeat(SIZE / 27))).toEqual([]);
    expect(extractLine('return falied for UID [1] has registered over '.repeat(SIZE / 45))).toEqual([]);
  });

  test('near-misses the loose search proposes and the strict check rejects', () => {
    expect(extractLine('webSocket.connect failed '.repeat(SIZE / 25))).toEqual([]);
    expect(extractLine('Websocket连接url error '.repeat(SIZE / 22))).toEqual([]);
  });

  test('many real markers are each found', () => {
    const line = 'Websocket url error; '.repeat(1000);
    expect(extractLine(line)).toHaveLength(1000);
  });

  test('a long line of separators between marker words does not join them', () => {
    expect(extractLine(`Websocket${' '.repeat(SIZE)}url error`)).toEqual([]);
  });

  test('a JSON line with thousands of code fields stays linear and bounded', () => {
    const items = Array.from({ length: 5000 }, () => '{"code":2302001}').join(',');
    const line = `{"msg":"batch","errors":[${items}]}`;
    const fields = { format: 'json' as const, message: 'batch', json: JSON.parse(line) as unknown };
    const hits = defaultExtractor(true).extract(line, fields);
    // Every occurrence is evidence; the JSON walk claims the first ones, the text scan the rest, none twice.
    expect(hits).toHaveLength(5000);
    expect(new Set(hits.map((h) => h.span[0])).size).toBe(5000);
  });

  test('one code repeated along a 100 KB line is found at every occurrence', () => {
    const line = 'code: 2302001; '.repeat(SIZE / 15);
    const hits = extractLine(line);
    expect(hits).toHaveLength(Math.floor(SIZE / 15));
    expect(hits.every((h) => line.slice(h.span[0], h.span[1]) === '2302001')).toBe(true);
  });

  test('thousands of codes beside their messages on one line: one code hit each, no marker, no quadratic work', () => {
    const keyed = 'code: 2302001 Websocket url error; '.repeat(3000);
    const bare = '2302001 Websocket url error; '.repeat(3000);
    for (const line of [keyed, bare]) {
      const hits = extractLine(line);
      expect(hits).toHaveLength(3000);
      expect(hits.every((h) => h.kind === 'code')).toBe(true);
    }
  });

  test('the prefilter on 100 KB of near-misses', () => {
    const { prefilter } = defaultExtractor(true);
    expect(prefilter.test('x'.repeat(SIZE))).toBe(false);
  });
});
