import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { createExtractor } from '../../src/extract/index.js';
import { lineContext } from '../../src/extract/line-context.js';
import type { ParsedLine } from '../../src/types.js';
import { brief } from './helpers/extract-line.js';

const x = createExtractor(getDefaultCatalogue());

describe('what of a record is searched', () => {
  test('pid and tid columns are not part of the message', () => {
    const line = '04-19 17:02:14.735  2302001  2101022 E C015B0/NETSTACK: Websocket url error';
    const fields: ParsedLine = { format: 'hilog', pid: 2302001, tid: 2101022, domain: 'C015B0', tag: 'NETSTACK', message: 'Websocket url error' };
    expect(brief(x.extract(line, fields))).toEqual(['2302001@marker.message:Websocket url error']);
  });

  test('DevEco columns are not part of the message either', () => {
    const line = '08-20 11:06:01.891   2302001-2302001     A03d00/JSAPP   com.examp...lication  E     BusinessError 401';
    const fields: ParsedLine = { format: 'deveco', domain: 'A03d00', tag: 'JSAPP', message: 'BusinessError 401' };
    expect(brief(x.extract(line, fields))).toEqual(['401@code.business-error:401']);
  });

  test('continuation lines of a folded record are searched, spans index the whole text', () => {
    const text = 'E JSAPP: connect failed\n    at f (entry.ets:12)\n    cause: {"code":32390205}';
    const hits = x.extract(text, { format: 'plain', message: text });
    expect(hits).toHaveLength(1);
    expect(text.slice(hits[0]!.span[0], hits[0]!.span[1])).toBe('32390205');
  });

  test('the tag decides a shared message even when the text does not', () => {
    const text = 'Internal error.';
    const ws = x.extract(text, { format: 'hilog', domain: 'C015B0', tag: 'NETSTACK', message: text });
    const link = x.extract(text, { format: 'hilog', domain: 'C05700', tag: 'CommSdk', message: text });
    expect(ws.map((h) => h.entry?.code)).toEqual(['2302999']);
    expect(link.map((h) => h.entry?.code)).toEqual(['32390300']);
  });

  test('older WebSocket logs: NetMgrSubsystem tag with a NETSTACK prefix', () => {
    const text = 'NETSTACK [websocket_exec 700] OnError 200';
    const hits = x.extract(text, { format: 'hilog', domain: 'C015B0', tag: 'NetMgrSubsystem', message: text });
    expect(brief(hits)).toEqual(['200@code.on-error:200']);
  });
});

describe('POSIX context', () => {
  test('a method named open in a stack frame is not a libc call', () => {
    const text = 'ERROR request to peer failed\nCaused by: BusinessError: Connect timeout.\n    at LinkSession.open (entry/src/main/ets/link/LinkSession.ets:77:9)';
    const hits = x.extract(text, { format: 'plain', message: text });
    expect(hits.map((h) => h.code)).toEqual(['32390200']);
  });

  test('a libc open() call is', () => {
    const text = 'BusinessError: open("/tmp/x") failed: Permission denied';
    expect(x.extract(text, { format: 'plain', message: text })).toEqual([]);
  });
});

describe('context in folded records is per line plus the first line', () => {
  const plain = (text: string): ParsedLine => ({ format: 'bracketed', message: text });

  test('a BusinessError on a later line does not vouch for an everyday phrase on the first', () => {
    const text = '[2026-11-21 08:36:35.662] [warn] sqlite3_step: internal error, retrying\nBusinessError: Internal error.';
    const hits = x.extract(text, plain(text));
    // Only the second line's own phrase counts (ambiguous: no module in sight).
    expect(hits).toHaveLength(1);
    expect(hits[0]!.span[0]).toBeGreaterThan(text.indexOf('\n'));
    expect(hits[0]!.candidates).toHaveLength(2);
  });

  test("the first line's module settles a phrase on a continuation line", () => {
    const text = '[link_enhance_connection.cpp:472] connect failed\n    cause: Internal error.';
    expect(x.extract(text, plain(text)).map((h) => h.entry?.code)).toEqual(['32390300']);
  });

  test('a stack frame does not settle a phrase on another continuation line', () => {
    const text = 'ERROR request failed\nCaused by: BusinessError: Internal error.\n    at WebSocketClient.send (ws.ets:10:3)';
    const hits = x.extract(text, plain(text));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.candidates?.map((e) => e.code).sort()).toEqual(['2302999', '32390300']);
  });
});

describe('lineContext', () => {
  const fields = (tag: string, domain = 'C015B0'): ParsedLine => ({ format: 'hilog', tag, domain, message: '' });

  test('module strength: tag or domain 3, module word 2, generic word 1, else 0', () => {
    expect(lineContext('x', fields('CommSdk')).moduleStrength('Link Enhancement')).toBe(3);
    expect(lineContext('x', fields('Other', 'C05700')).moduleStrength('Link Enhancement')).toBe(3);
    expect(lineContext('linkEnhance.connect', fields('JSAPP', 'A03d00')).moduleStrength('Link Enhancement')).toBe(2);
    expect(lineContext('ble link lost', fields('JSAPP', 'A03d00')).moduleStrength('Link Enhancement')).toBe(1);
    expect(lineContext('x', fields('JSAPP', 'A03d00')).moduleStrength('Link Enhancement')).toBe(0);
    expect(lineContext('x', fields('JSAPP', 'A03d00')).moduleStrength('Universal')).toBe(0);
  });

  test('NETSTACK alone means WebSocket only outside HTTP', () => {
    expect(lineContext('[websocket_exec.cpp:1] x', fields('NETSTACK')).moduleStrength('WebSocket')).toBe(3);
    expect(lineContext('[napi_utils.cpp:1] x', fields('NETSTACK')).moduleStrength('WebSocket')).toBe(3);
    expect(lineContext('[http_exec.cpp:1] x', fields('NETSTACK')).moduleStrength('WebSocket')).toBe(0);
    expect(lineContext('[http_exec.cpp:1] x', fields('NETSTACK')).moduleWords('WebSocket')).toBe(false);
  });

  test('HTTP, POSIX and OpenHarmony signals', () => {
    const none: ParsedLine = { format: 'plain', message: '' };
    expect(lineContext('GET /x HTTP/1.1', none).http).toBe(true);
    expect(lineContext('resp={"a":1}', none).http).toBe(true);
    expect(lineContext('errno 13', none).posix).toBe(true);
    expect(lineContext('fopen("/x") failed', none).posix).toBe(true);
    expect(lineContext('at LinkSession.open (a.ets:1:1)', none).posix).toBe(false);
    expect(lineContext('BusinessError: x', none).errorApi).toBe(true);
    expect(lineContext('JS ERROR: x', none).errorApi).toBe(false);
    expect(lineContext('x', fields('any')).errorApi).toBe(true);
  });
});
