/**
 * Hand-made records for writer tests. The catalogue entries are written out here rather than taken from the
 * default catalogue, so that editing a documentation page does not change these tests' snapshots.
 */
import type { CatalogueEntry, Hit, LogRecord } from '../../src/types.js';

function makeEntry(file: string, module: string, code: string, title: string, over: Partial<CatalogueEntry> = {}): CatalogueEntry {
  const anchor = `${code}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return {
    id: `${file}#${code}`,
    code,
    page: { title: `${module} Error Codes`, file },
    kit: 'Network Kit',
    subsystem: 'Communication',
    module,
    title,
    message: `${title}.`,
    description: `This error code is reported when ${title.toLowerCase()}.`,
    causes: [`The cause of ${code}.`],
    solutions: [`Fix ${code} first.`, `Then try again.`],
    reference: { page: file, anchor },
    aliases: [],
    systemOnly: false,
    ...over,
  };
}

export const WEBSOCKET_2302001 = makeEntry('errorcode-net-webSocket.md', 'WebSocket', '2302001', 'WebSocket URL Error', {
  message: 'Websocket url error.',
  description: 'This error code is reported if the WebSocket URL is incorrect.',
  causes: ['The URL does not start with ws:// or wss://.'],
  solutions: ['Check that the URL starts with ws:// or wss://.', 'Code sample:\n```ts\nws.connect("wss://example.com");\n```'],
});

export const CONNECTION_2100002 = makeEntry('errorcode-net-connection.md', 'Network Connection Management', '2100002', 'Failed to Connect to the Service');
export const POLICY_2100002 = makeEntry('errorcode-net-policy.md', 'Network Policy', '2100002', 'Failed to Connect to the Policy Service');
export const CONNECTION_2100003 = makeEntry('errorcode-net-connection.md', 'Network Connection Management', '2100003', 'System Internal Error', {
  solutions: [],
});

export const HILOG_LINE = '09-26 14:46:56.819  9308  9456 E C015B0/com.example.app/NETSTACK: [websocket_exec.cpp:1003] ParseUrl failed';

/** 2026-09-26 14:46:56.819 UTC. */
export const HILOG_TIME = Date.UTC(2026, 8, 26, 14, 46, 56, 819);

/** A hilog error line with one annotated hit. */
export function websocketRecord(): LogRecord {
  const start = HILOG_LINE.indexOf('ParseUrl failed');
  const hit: Hit = {
    code: '2302001',
    kind: 'marker',
    match: 'ParseUrl failed',
    span: [start, start + 'ParseUrl failed'.length],
    rule: 'marker.alias',
    confidence: 0.9,
    entry: WEBSOCKET_2302001,
  };
  return {
    source: 'logs/device.log',
    line: 42,
    lineCount: 1,
    text: HILOG_LINE,
    fields: {
      format: 'hilog',
      time: HILOG_TIME,
      timeAssumption: 'year 2026 (file modified), zone UTC (--tz)',
      timeText: '09-26 14:46:56.819',
      pid: 9308,
      tid: 9456,
      level: 'E',
      levelNumber: 50,
      domain: 'C015B0',
      process: 'com.example.app',
      tag: 'NETSTACK',
      message: '[websocket_exec.cpp:1003] ParseUrl failed',
    },
    hits: [hit],
  };
}

/** A plain line without level or time, whose code is ambiguous (several entries), plus an unknown code. */
export function plainRecord(): LogRecord {
  const text = 'Register result 2100002 then 2302777';
  return {
    source: '-',
    line: 7,
    lineCount: 1,
    text,
    fields: { format: 'plain', message: text },
    hits: [
      {
        code: '2100002',
        kind: 'code',
        match: '2100002',
        span: [16, 23],
        rule: 'code.result',
        confidence: 0.5,
        candidates: [CONNECTION_2100002, POLICY_2100002],
      },
      {
        code: '2302777',
        kind: 'unknown',
        match: '2302777',
        span: [29, 36],
        rule: 'unknown.number',
        confidence: 0.3,
        family: 'WebSocket',
      },
    ],
  };
}

/** A folded JS crash: an error line and its stack, the code folded from an internal one. */
export function foldedRecord(): LogRecord {
  const text = 'E exec failed errorCode: 2100102\n    at connect (net.ets:10:5)\n    at main (index.ets:3:1)';
  return {
    source: 'crash.log',
    line: 3,
    lineCount: 3,
    text,
    fields: { format: 'plain', level: 'E', levelNumber: 50, message: 'exec failed errorCode: 2100102' },
    hits: [
      {
        code: '2100003',
        kind: 'code',
        match: '2100102',
        span: [25, 32],
        rule: 'code.error-code',
        confidence: 1,
        internalCode: '2100102',
        entry: CONNECTION_2100003,
      },
    ],
    truncated: true,
    invalidUtf8: true,
  };
}
