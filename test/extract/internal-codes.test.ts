import { foldInternalCode } from '../../src/extract/fold.js';
import { extractLine } from './helpers/extract-line.js';

describe('internal network codes', () => {
  test.each([
    ['2100101', '2100003'],
    ['2100105', '2100003'],
    ['2100201', '2100002'],
    ['2100208', '2100002'],
  ])('%s folds into %s', (internal, publicCode) => {
    expect(foldInternalCode(internal)).toBe(publicCode);
  });

  test.each(['2100100', '2100106', '2100200', '2100209', '2100003', '21001011'])('%s does not fold', (code) => {
    expect(foldInternalCode(code)).toBeUndefined();
  });

  test('a hit carries the public code and the printed internal code', () => {
    const line = '09-26 14:46:56.819  9308  9456 E C015B0/NetConnManager: GetDefaultNet ret = 2100203';
    const hits = extractLine(line);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ code: '2100002', internalCode: '2100203', match: '2100203' });
    expect(hits[0]!.entry?.code).toBe('2100002');
  });

  test('a public code has no internalCode', () => {
    expect(extractLine('errorCode: 2100002')[0]!.internalCode).toBeUndefined();
  });
});
