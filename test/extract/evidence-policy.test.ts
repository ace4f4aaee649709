import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { createExtractor } from '../../src/extract/index.js';
import { brief, extractLine } from './helpers/extract-line.js';
import { entry, testCatalogue } from './helpers/test-catalogue.js';

describe('one hit per occurrence of evidence', () => {
  test('a message restating the code on its line is dropped', () => {
    const line = 'Connection failed. Err:{"code":2302001,"message":"Websocket url error"}';
    expect(brief(extractLine(line))).toEqual(['2302001@code.key:2302001']);
  });

  test('a marker for a different code on the same line is kept', () => {
    const line = 'code: 2302001, message: Websocket connection already exist';
    expect(brief(extractLine(line))).toEqual(['2302001@code.key:2302001', '2302003@marker.alias:Websocket connection already exist']);
  });

  test('a marker on another line of a folded record is separate evidence', () => {
    const text =
      '09-26 14:46:56.819  9308  9456 E C015B0/NETSTACK: [websocket_exec.cpp:512] Lws client connection error 111\n' +
      '09-26 14:46:56.820  9308  9456 E C015B0/NETSTACK: [websocket_exec.cpp:1003] OnError 200';
    const first = text.slice(0, text.indexOf('\n'));
    const fields = {
      format: 'hilog' as const,
      domain: 'C015B0',
      tag: 'NETSTACK',
      message: first.slice(first.indexOf('[')),
    };
    const hits = createExtractor(getDefaultCatalogue()).extract(text, fields);
    expect(brief(hits)).toEqual(['200@marker.alias:Lws client connection error', '200@code.on-error:200']);
    expect(hits[0]!.span[0]).toBeLessThan(hits[1]!.span[0]);
  });

  test('the same code and span is reported once, by the most confident rule', () => {
    const hits = extractLine('{"msg":"x","errCode":2101008}');
    expect(brief(hits)).toEqual(['2101008@code.json-field:2101008']);
  });

  test('hits come sorted by span', () => {
    const hits = extractLine('Websocket connect already exist; Register result 2101022; code: 32390200; Websocket url error');
    const starts = hits.map((h) => h.span[0]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(hits.map((h) => h.code)).toEqual(['2302003', '2101022', '32390200', '2302001']);
  });

  test('a code with several entries that context cannot settle carries candidates', () => {
    const catalogue = testCatalogue([
      entry('2100002', 'Network Connection Management', 'Failed to connect to the service.'),
      entry('2100002', 'Network Policy Management', 'Failed to connect to the policy service.', [], 'errorcode-net-policy.md'),
    ]);
    const x = createExtractor(catalogue);
    const plain = createExtractor(catalogue).extract('failed, code: 2100002', { format: 'plain', message: 'failed, code: 2100002' });
    expect(plain).toHaveLength(1);
    expect(plain[0]!.entry).toBeUndefined();
    expect(plain[0]!.candidates).toHaveLength(2);
    expect(plain[0]!.confidence).toBeLessThanOrEqual(0.5);
    const settled = x.extract('failed, code: 2100002', { format: 'plain', message: 'x', tag: 'NetConnManager' });
    expect(settled[0]!.entry?.module).toBe('Network Connection Management');
    expect(settled[0]!.confidence).toBe(1);
  });
});

describe('a code settles a shared message on its line', () => {
  test('"Internal error." beside 32390300 is that code, not the WebSocket one the logger name suggests', () => {
    const line = '2026-11-21 08:36:33,654 INFO  [ws-io] app - BusinessError 32390300: Internal error.';
    expect(brief(extractLine(line))).toEqual(['32390300@code.business-error:32390300']);
  });
});
