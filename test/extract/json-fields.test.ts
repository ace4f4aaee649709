import { findJsonCodes, JSON_MAX_DEPTH, JSON_MAX_NODES } from '../../src/extract/json-codes.js';
import { extractLine } from './helpers/extract-line.js';

describe('findJsonCodes', () => {
  test('finds code keys at any depth, numbers and strings, in document order', () => {
    const found = findJsonCodes({ a: { err: { code: 2302001 } }, errCode: '32390200', list: [{ error: { errorCode: 2100002 } }] });
    expect(found.map((f) => [f.key, f.value])).toEqual([
      ['code', '2302001'],
      ['errCode', '32390200'],
      ['errorCode', '2100002'],
    ]);
  });

  test('ignores non-integer values and non-code keys', () => {
    expect(findJsonCodes({ code: 'abc', pid: 2302001, errCode: 1.5, statusCode: 401 })).toEqual([]);
  });

  test('flags the WebSocket error event and HTTP surroundings', () => {
    expect(findJsonCodes({ code: 200, data: '0' })[0]).toMatchObject({ wsEvent: true, http: false });
    expect(findJsonCodes({ url: 'https://x', response: { code: 401 } })[0]).toMatchObject({ http: true });
  });

  test('matches code and HTTP keys up to ASCII case only', () => {
    expect(findJsonCodes({ CODE: 1, ErrCode: 2, 'ERROR.CODE': 3, Err_Code: 4, 'ｃode': 5, codes: 6 }).map((f) => f.key)).toEqual([
      'CODE',
      'ErrCode',
      'ERROR.CODE',
      'Err_Code',
    ]);
    expect(findJsonCodes({ HTTP_Status: 1, code: 2 })[0]).toMatchObject({ http: true });
    expect(findJsonCodes({ Headers: {}, code: 2 })[0]).toMatchObject({ http: true });
    expect(findJsonCodes({ URL: '/x', code: 2 })[0]).toMatchObject({ http: true });
    expect(findJsonCodes({ hostname: 'h', code: 2 })[0]).toMatchObject({ http: false });
    // The Kelvin sign lower-cases to "k", but is not an ASCII letter: "httpK" is no word after "http".
    expect(findJsonCodes({ 'http\u212a': 1, code: 2 })[0]).toMatchObject({ http: false });
  });

  test('stops at the bound on values visited, with the codes found before it', () => {
    const many = Array.from({ length: JSON_MAX_NODES }, (_, i) => i);
    expect(findJsonCodes({ code: 2302001, list: many, err: { code: 2100002 } }).map((f) => f.value)).toEqual(['2302001']);
    expect(findJsonCodes({ code: 2302001, list: many.slice(10), err: { code: 2100002 } }).map((f) => f.value)).toEqual([
      '2302001',
      '2100002',
    ]);
  });

  test('stops at the depth bound instead of overflowing', () => {
    let deep: Record<string, unknown> = { code: 2302001 };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    expect(findJsonCodes(deep)).toEqual([]);
    let shallow: Record<string, unknown> = { code: 2302001 };
    for (let i = 0; i < JSON_MAX_DEPTH - 1; i++) shallow = { next: shallow };
    expect(findJsonCodes(shallow)).toHaveLength(1);
  });
});

describe('JSON log lines', () => {
  test('a code field gives a json-field hit whose span is the value in the raw line', () => {
    const line = '{"level":"error","msg":"connect failed","pid":2302002,"err":{"code":"32390200"}}';
    const hits = extractLine(line);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ code: '32390200', rule: 'code.json-field', confidence: 1 });
    expect(line.slice(hits[0]!.span[0], hits[0]!.span[1])).toBe('32390200');
  });

  test('the message of a JSON line is searched too', () => {
    const hits = extractLine('{"level":"warn","msg":"Register result 2101022"}');
    expect(hits.map((h) => [h.code, h.rule])).toEqual([['2101022', 'code.result']]);
  });

  test('a code beside an HTTP url key is not an error code, and the text rules do not overrule the walk', () => {
    expect(extractLine('{"level":"error","msg":"api failed","code":401,"url":"/login"}')).toEqual([]);
  });

  test('an HTTP response object does not make 401 a code', () => {
    expect(extractLine('{"msg":"request done","url":"https://x","response":{"code":401}}')).toEqual([]);
  });
});
