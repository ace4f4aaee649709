import { brief, extractLine } from './helpers/extract-line.js';

/** 200, 201, 202, 203, 401 and 801 collide with HTTP statuses and counts: they need strong, specific context. */
describe('short codes', () => {
  test.each([
    ['OnError in a NETSTACK log', '09-26 14:46:56.819  9308  9456 E C015B0/NETSTACK: [websocket_exec.cpp:1003] OnError 200'],
    ['the WebSocket error event', 'ws error: {"code":200,"data":"0"}'],
    ['a code key with WebSocket words', 'Websocket connect failed (code 200)'],
    ['a code key under the NETSTACK tag', '09-26 14:46:56.819  9308  9456 E C015B0/NETSTACK: [websocket_exec.cpp:99] connect fail, code: 200'],
  ])('200 is the WebSocket failure with %s', (_why, line) => {
    const hits = extractLine(line).filter((h) => h.kind === 'code');
    expect(hits.map((h) => h.code)).toEqual(['200']);
    expect(hits[0]!.entry?.module).toBe('WebSocket');
  });

  test.each([
    ['an HTTP API body', 'response body {"code":200,"msg":"success","data":{"id":1}}'],
    ['an HTTP summary line', '07-06 14:34:39.631 28571 31205 I C015b0/NETSTACK: [http_exec.cpp:298] errCode:0, RespCode:200'],
    ['a status line', 'HTTP/1.1 200 OK'],
    ['a bare number', 'received 200 items'],
    ['a code key without WebSocket context', 'query done, code: 200'],
    ['an HTTP code key under NETSTACK', '07-06 14:34:39.631 28571 31205 I C015b0/NETSTACK: [http_exec.cpp:120] http code 200'],
    ['an application body over a WebSocket', '09-26 14:46:56.819  9308  9308 I A03d00/JSAPP: ws onMessage: {"code":200,"msg":"ok"}'],
    ['a JSON log line of a WebSocket server', '{"msg":"websocket reply","body":{"code":200,"msg":"ok"}}'],
  ])('200 is not a code in %s', (_why, line) => {
    expect(brief(extractLine(line).filter((h) => h.kind === 'code'))).toEqual([]);
  });

  test.each([
    ['code: 401', 'getNetCapabilities failed, code: 401, message: Parameter error', '401'],
    ['a JSON code', 'Err:{"code":401,"message":"Parameter error"}', '401'],
    ['BusinessError', 'throws BusinessError 201', '201'],
    ['errCode', 'call failed errCode 801', '801'],
    ['err.code', 'err.code=202', '202'],
  ])('universal codes count after an explicit key: %s', (_why, line, code) => {
    expect(extractLine(line).filter((h) => h.kind === 'code').map((h) => h.code)).toEqual([code]);
  });

  test.each([
    ['a bare 401', 'got 401 from server'],
    ['an HTTP status line', 'HTTP/1.1 401 Unauthorized'],
    ['statusCode', 'statusCode: 401'],
    ['uid', 'uid: 201 registered'],
    ['pid key', 'pid=801'],
    ['an error word only', 'error 401'],
    ['a code key on an HTTP line', 'GET /login -> code: 401 (https://example.com)'],
    ['an API body saying Unauthorized', 'login failed: {"code":401,"msg":"Unauthorized"}'],
  ])('universal codes are not found with %s', (_why, line) => {
    expect(brief(extractLine(line).filter((h) => h.kind === 'code'))).toEqual([]);
  });
});
