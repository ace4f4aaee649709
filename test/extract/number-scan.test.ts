import { forEachStandaloneNumber, insideUrl } from '../../src/extract/number-scan.js';
import { extractLine } from './helpers/extract-line.js';

function numbers(text: string, min = 1, max = 12): string[] {
  const out: string[] = [];
  forEachStandaloneNumber(text, 0, text.length, min, max, (t) => {
    expect(text.slice(t.start, t.end)).toBe(t.value);
    out.push(t.value);
  });
  return out;
}

describe('forEachStandaloneNumber', () => {
  test('finds plain, quoted, bracketed and negative numbers', () => {
    expect(numbers('code: 2302001, "code":"32390200" [2101022] err=-1 (code 200)')).toEqual([
      '2302001',
      '32390200',
      '2101022',
      '-1',
      '200',
    ]);
  });

  test.each([
    ['hex', '0x2302001 a2302001f 2302001ab'],
    ['decimals', '-0.7513760032390301 1.2302001 2302001.5'],
    ['an IP address', '10.23.0.201'],
    ['a time', '17:02:14'],
    ['a date', '2023-02-01'],
    ['a URL path', '/api/2302001/x'],
    ['a percentage', 'cpu 200%'],
    ['an identifier', 'item_2302001 v2302001'],
  ])('skips numbers inside %s', (_what, text) => {
    expect(numbers(text, 3)).toEqual([]);
  });

  test('a minus between words or digits is not a sign', () => {
    expect(numbers('range 5-201 a-1')).toEqual([]);
    expect(numbers('arrow ->201')).toEqual(['201']);
  });

  test('respects the digit-count window and the range', () => {
    expect(numbers('1 22 333 4444', 2, 3)).toEqual(['22', '333']);
    expect(numbers(`${'9'.repeat(40)} 123456789 1234567890 -2302001`, 3, 9)).toEqual(['123456789', '-2302001']);
    const text = 'x 2302001 y 2302002';
    const seen: string[] = [];
    forEachStandaloneNumber(text, 10, text.length, 1, 9, (t) => seen.push(t.value));
    expect(seen).toEqual(['2302002']);
  });

  test('a range that starts inside a run of digits cuts no number out of it', () => {
    const text = 'id 12345678 code 2302001';
    const seen: string[] = [];
    forEachStandaloneNumber(text, 5, text.length, 3, 9, (t) => seen.push(t.value));
    expect(seen).toEqual(['2302001']);
  });

  test('passes over the digit counts not asked for', () => {
    const text = 'a 12 123 1234 -1 2302001 32390200';
    const seen: string[] = [];
    forEachStandaloneNumber(text, 0, text.length, 1, 9, (t) => seen.push(t.value), (1 << 3) | (1 << 7));
    expect(seen).toEqual(['123', '2302001']);
  });

  test('ends a sentence: a trailing full stop is not a decimal point', () => {
    expect(numbers('failed with code 2302001.')).toEqual(['2302001']);
  });

});

describe('insideUrl', () => {
  test('is true for a number in the query or path of a URL token', () => {
    const url = 'redirect https://host/cb?code=2302001&x=1';
    expect(insideUrl(url, url.indexOf('2302001'))).toBe(true);
    const ws = 'open "wss://h:8443/x" code: 2302001';
    expect(insideUrl(ws, ws.indexOf('8443'))).toBe(true);
  });

  test('is false once whitespace or a quote separates the number from the URL', () => {
    const line = 'url=https://host/x code: 2302001';
    expect(insideUrl(line, line.indexOf('2302001'))).toBe(false);
    const quoted = '{"url":"https://h/x","code":2302001}';
    expect(insideUrl(quoted, quoted.indexOf('2302001'))).toBe(false);
  });

  test('through the extractor, a code= URL parameter is not an error code', () => {
    expect(extractLine('open https://host/cb?code=2302001&x=1')).toEqual([]);
  });
});
