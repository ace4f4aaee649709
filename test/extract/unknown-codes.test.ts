import { extractLine } from './helpers/extract-line.js';

describe('unknown codes (options.unknown)', () => {
  test.each([
    ['a WebSocket code the catalogue lacks', 'close failed, code: 2302006', '2302006', 'WebSocket'],
    ['an undocumented Link Enhancement code', 'connect failed {"code":"32390301"}', '32390301', 'Link Enhancement'],
    ['a network code', 'exec getDefaultNet failed errorCode: 2100099', '2100099', 'Network Connection Management'],
    ['an HTTP error', 'request failed, code: 2300028', '2300028', 'HTTP (curl 28)'],
  ])('reports %s with its family', (_why, line, code, family) => {
    const hits = extractLine(line, true);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ code, kind: 'unknown', family });
    expect(hits[0]!.entry).toBeUndefined();
    expect(hits[0]!.confidence).toBeLessThanOrEqual(0.5);
  });

  test('reports -1 after Err.code without a family, beside the message marker', () => {
    const line = 'Err.code is: -1, Err.message is: Websocket Unknown Other Error';
    const hits = extractLine(line, true);
    expect(hits.map((h) => [h.code, h.kind])).toEqual([
      ['-1', 'unknown'],
      ['2302999', 'marker'],
    ]);
    expect(hits[0]!.family).toBeUndefined();
    expect(hits[0]!.span).toEqual([line.indexOf('-1'), line.indexOf('-1') + 2]);
  });

  test('is off by default', () => {
    expect(extractLine('close failed, code: 2302006')).toEqual([]);
  });

  test.each([
    ['curl codes on an HTTP summary line', '[http_exec.cpp:298] errCode:28, RespCode:0'],
    ['success', 'errCode:0'],
    ['a number with no error context', 'download 2302006 done'],
    ['a weak context outside any family', 'failed with 9912345'],
    ['a negative number after err=', 'send failed err=-1'],
    ['a long number', 'code: 1234567890123'],
  ])('are not reported for %s', (_why, line) => {
    expect(extractLine(line, true)).toEqual([]);
  });

  test('weak contexts report unknown codes only inside a known family', () => {
    expect(extractLine('send failed with 2302007', true)).toMatchObject([{ code: '2302007', kind: 'unknown', family: 'WebSocket' }]);
  });
});
