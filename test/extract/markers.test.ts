import { createExtractor } from '../../src/extract/index.js';
import { buildMarkerIndex, findPhrases } from '../../src/extract/marker-phrases.js';
import { extractLine } from './helpers/extract-line.js';
import { entry, testCatalogue } from './helpers/test-catalogue.js';

const plain = (message: string) => ({ format: 'plain' as const, message });

describe('marker matching', () => {
  test('is case- and punctuation-insensitive, and spans index the original text', () => {
    const line = 'E/ws: CAN’T  listen -- to the given nic!!';
    const hits = extractLine(line);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ code: '2302004', kind: 'marker' });
    expect(line.slice(hits[0]!.span[0], hits[0]!.span[1])).toBe('CAN’T  listen -- to the given nic');
  });

  test('needs whole words', () => {
    expect(extractLine('ws: Websocket url errors2')).toEqual([]);
    expect(extractLine('ws: xWebsocket url error')).toEqual([]);
  });

  test('prefers the longer phrase at one position', () => {
    const hits = extractLine('reg: The number of requests exceeded the maximum allowed.');
    expect(hits.map((h) => h.match)).toEqual(['The number of requests exceeded the maximum allowed']);
  });

  test('does not join words across the lines of a folded record', () => {
    expect(extractLine('ws: Websocket url\nerror')).toEqual([]);
  });

  test('placeholders in aliases and messages match any value, boundedly', () => {
    const catalogue = testCatalogue([
      entry('9000001', 'Demo', 'Invalid ${name} for the demo service.', ['demo service rejected %{public}s after %d retries']),
    ]);
    const x = createExtractor(catalogue);
    expect(x.extract('Invalid token-42 for the demo service.', plain('')).map((h) => h.code)).toEqual(['9000001']);
    expect(x.extract('demo service rejected <private> after 3 retries', plain('')).map((h) => h.code)).toEqual(['9000001']);
    // The wildcard is bounded: 200 characters of value are too many.
    expect(x.extract(`Invalid ${'x'.repeat(200)} for the demo service.`, plain(''))).toEqual([]);
  });

  test('weak phrases are those made of everyday words or shared by several codes', () => {
    const index = buildMarkerIndex(
      testCatalogue([
        entry('1', 'A', 'Internal error.'),
        entry('2', 'B', 'Internal error.'),
        entry('3', 'A', 'Connect timeout.'),
        entry('4', 'A', 'ParseUrl failed'),
        entry('5', 'A', 'The number of servers exceeds the limit.'),
      ]),
    );
    const weak = Object.fromEntries(index.phrases.map((p) => [p.key, p.weak]));
    expect(weak).toEqual({
      'internal error': true,
      'connect timeout': true,
      'parseurl failed': false,
      'the number of servers exceeds the limit': false,
    });
  });
});

describe('context for weak and shared markers', () => {
  test.each([
    ['the NETSTACK tag', '09-26 14:46:56.819  9308  9456 E C015B0/NETSTACK: [websocket_exec.cpp:812] Internal error.', '2302999'],
    ['the CommSdk tag', '09-26 14:46:56.819  9308  9456 E C05700/CommSdk: Internal error.', '32390300'],
    ['the Link Enhancement domain', '09-26 14:46:56.819  9308  9456 E C05700/Other: Internal error.', '32390300'],
    ['WebSocket words', 'JS: websocket send failed: Internal error.', '2302999'],
    ['NetConnManager for its own phrase', '09-26 14:46:56.819  9308  9456 E C015B0/NetConnManager: System internal error.', '2100003'],
  ])('"Internal error." is settled by %s', (_why, line, code) => {
    const hits = extractLine(line);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.entry?.code).toBe(code);
    expect(hits[0]!.candidates).toBeUndefined();
  });

  test('an OpenHarmony API context without a module leaves every candidate', () => {
    const hits = extractLine('08-20 11:06:01.891  1948  1948 E A03d00/JSAPP: BusinessError: Internal error.');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.entry).toBeUndefined();
    expect(hits[0]!.candidates!.map((e) => e.code).sort()).toEqual(['2302999', '32390300']);
    expect(hits[0]!.confidence).toBeLessThanOrEqual(0.5);
  });

  test.each([
    ['a file open', 'open("/data/x") failed: Permission denied'],
    ['errno', 'errno 13: Permission denied'],
    ['EACCES', "Error: EACCES: permission denied, open 'cfg.json'"],
    ['a shell', 'sh: ./run.sh: Permission denied'],
    ['an unrelated program', 'Parameter error in config line 3'],
    ['a Java stack', 'java.lang.IllegalArgumentException: Parameter error'],
  ])('a generic phrase is no hit in %s', (_why, line) => {
    expect(extractLine(line)).toEqual([]);
  });

  test.each([
    ['a JSAPP line', '08-20 11:06:01.891  1948  1948 E A03d00/JSAPP: getNetCapabilities failed: Permission denied', '201'],
    ['err.message', 'err.message: Capability not supported', '801'],
    ['a BusinessError', 'BusinessError: Parameter error', '401'],
  ])('a universal short message counts in %s', (_why, line, code) => {
    expect(extractLine(line).map((h) => [h.code, h.kind])).toEqual([[code, 'marker']]);
  });

  test('a long documented universal message is specific enough alone', () => {
    const line = 'Permission verification failed. The application does not have the permission required to call the API.';
    expect(extractLine(line).map((h) => [h.code, h.rule])).toEqual([['201', 'marker.message']]);
  });
});

describe('a module phrase in a record about something else', () => {
  test.each([
    ['an HTTP log', '11-21 10:11:00.000  4242  4290 E C015B0/NETSTACK: [http_exec.cpp:640] Connect timeout.'],
    ['a WebSocket log', '11-21 10:11:00.000  4242  4290 E C015B0/NETSTACK: [websocket_exec.cpp:640] Connect timeout.'],
    ['a network-connection service', '11-21 10:11:00.000  1040  1102 E C015B0/NetConnManager: probe: Connection is not ready.'],
  ])('"Connect timeout." / "Connection is not ready." (Link Enhancement) are not hits in %s', (_why, line) => {
    expect(extractLine(line)).toEqual([]);
  });

  test('the same phrase in its own module, or with no other module in sight, is', () => {
    expect(extractLine('11-21 10:11:00.000  8800  8820 E C05700/CommSdk: Connect timeout.').map((h) => h.code)).toEqual(['32390200']);
    expect(extractLine('11-21 10:11:00.000  8800  8800 E A03d00/JSAPP: connect failed: Connect timeout.').map((h) => h.code)).toEqual(['32390200']);
  });

  test('universal phrases apply to every module', () => {
    const line = '11-21 10:11:00.000  7001  7001 E A03d00/JSAPP: ws.connect failed: Permission denied';
    expect(extractLine(line).map((h) => h.code)).toEqual(['201']);
  });
});

describe('markers in other scripts', () => {
  test('full-width and typographic punctuation separate words; CJK letters do not', () => {
    expect(extractLine('连接失败：Websocket url error，请重试').map((h) => h.code)).toEqual(['2302001']);
    expect(extractLine('ws: Can’t listen to the given NIC').map((h) => h.code)).toEqual(['2302004']);
    expect(extractLine('ws: Websocket连接url error')).toEqual([]);
  });

  test('a phrase may touch letters of another script', () => {
    expect(extractLine('连接Websocket url error失败').map((h) => h.code)).toEqual(['2302001']);
  });
});

describe('a large catalogue of phrases sharing their first words', () => {
  const entries = Array.from({ length: 300 }, (_, i) => entry(String(9100000 + i), 'Demo', `Failed to open resource number${i} now.`));
  entries.push(entry('9200000', 'Demo', 'Failed to open resource number7 now and later.'));
  entries.push(entry('9200001', 'Demo', 'Failed to'));
  const x = createExtractor(testCatalogue(entries));

  test.each([
    ['Failed to open resource number7 now.', '9100007'],
    ['Failed to open resource number299 now', '9100299'],
    ['FAILED TO OPEN RESOURCE NUMBER7 NOW AND LATER', '9200000'],
    ['BusinessError: failed to connect', '9200001'],
  ])('identifies the one phrase that stands in %s', (text, code) => {
    expect(x.extract(text, plain(text)).map((h) => h.code)).toEqual([code]);
  });

  test('a near miss of every phrase is none of them', () => {
    expect(x.extract('Failed.to open resource number7 now', plain('')).map((h) => h.code)).toEqual([]);
  });
});

describe('where a phrase may start', () => {
  const spans = (index: ReturnType<typeof buildMarkerIndex>, text: string, from: number) =>
    findPhrases(index, text, from).map((p) => [p.start, p.end]);

  test('at the start of the text and of the searched range, whole words only, in any case', () => {
    const index = buildMarkerIndex(testCatalogue([entry('9000001', 'Demo', 'Demo failure happened')]));
    const text = 'demo failure happened; DEMO Failure Happened';
    expect(spans(index, text, 0)).toEqual([
      [0, 21],
      [23, 44],
    ]);
    // From 1 the search starts inside the first phrase's first word: that phrase is not in the range.
    expect(spans(index, text, 1)).toEqual([[23, 44]]);
    expect(spans(index, text, 23)).toEqual([[23, 44]]);
    expect(spans(index, ' demo failure happened', 1)).toEqual([[1, 22]]);
    expect(spans(index, 'xdemo failure happened', 1)).toEqual([]);
  });

  test('phrases of words that are not ASCII are found where they touch each other', () => {
    const x = createExtractor(testCatalogue([entry('9000002', 'Demo', '连接失败')]));
    expect(x.extract('连接失败连接失败', plain('')).map((h) => h.span)).toEqual([
      [0, 4],
      [4, 8],
    ]);
  });
});
