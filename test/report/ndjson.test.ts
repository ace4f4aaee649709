import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { prettyFactory } from 'pino-pretty';
import { createNdjsonWriter, ndjsonLine, toNdjsonObject } from '../../src/report/ndjson.js';
import { createErrlensStream } from '../../src/stream.js';
import type { LogRecord } from '../../src/types.js';
import {
  CONNECTION_2100002,
  HILOG_LINE,
  HILOG_TIME,
  POLICY_2100002,
  WEBSOCKET_2302001,
  foldedRecord,
  plainRecord,
  websocketRecord,
} from './record-fixtures.js';

const VERSION = 'errlens-default@0.1.0+test';
const REPO_ROOT = path.join(__dirname, '../..');

/** Writes records through the writer and parses every output line back. */
async function roundTrip(records: LogRecord[]): Promise<{ raw: string; objects: ReturnType<typeof JSON.parse>[] }> {
  const raw = await text(Readable.from(records, { objectMode: true }).pipe(createNdjsonWriter({ catalogueVersion: VERSION })));
  const lines = raw.split('\n');
  expect(lines.pop()).toBe('');
  return { raw, objects: lines.map((l) => JSON.parse(l)) };
}

describe('NDJSON writer', () => {
  test('writes one JSON object per line, in record order', async () => {
    const { objects } = await roundTrip([websocketRecord(), plainRecord(), foldedRecord()]);
    expect(objects.map((o) => o.errlens.line)).toEqual([42, 7, 3]);
  });

  test('a hilog record: pino envelope, ECS objects and errlens details, field by field', async () => {
    const [o] = (await roundTrip([websocketRecord()])).objects;
    expect(Object.keys(o)).toEqual(['schemaVersion', 'level', 'time', 'msg', 'event', 'log', 'process', 'error', 'errlens']);
    expect(o.schemaVersion).toBe(1);
    expect(o.level).toBe(50);
    expect(o.time).toBe(HILOG_TIME);
    expect(o.msg).toBe('2302001 WebSocket URL Error: [websocket_exec.cpp:1003] ParseUrl failed');
    expect(o.event).toEqual({ original: HILOG_LINE });
    expect(o.log).toEqual({ file: { path: 'logs/device.log' }, level: 'E', logger: 'NETSTACK' });
    expect(o.process).toEqual({ pid: 9308, name: 'com.example.app', thread: { id: 9456 } });
    expect(o.error).toEqual({ code: '2302001', message: 'Websocket url error.', type: 'WebSocket' });
    expect(o.errlens.line).toBe(42);
    expect(o.errlens.lineCount).toBe(1);
    expect(o.errlens.source).toBe('logs/device.log');
    expect(o.errlens.format).toBe('hilog');
    expect(o.errlens.domain).toBe('C015B0');
    expect(o.errlens.timeAssumption).toBe('year 2026 (file modified), zone UTC (--tz)');
    expect(o.errlens.catalogueVersion).toBe(VERSION);
    expect(o.errlens).not.toHaveProperty('truncated');
    expect(o.errlens).not.toHaveProperty('invalidUtf8');
    expect(o.errlens.hits).toHaveLength(1);
    const hit = o.errlens.hits[0];
    expect(hit).toEqual({
      code: '2302001',
      kind: 'marker',
      match: 'ParseUrl failed',
      span: [HILOG_LINE.indexOf('ParseUrl'), HILOG_LINE.length],
      rule: 'marker.alias',
      confidence: 0.9,
      module: 'WebSocket',
      title: 'WebSocket URL Error',
      message: 'Websocket url error.',
      description: WEBSOCKET_2302001.description,
      causes: WEBSOCKET_2302001.causes,
      solutions: WEBSOCKET_2302001.solutions,
      reference: { page: 'errorcode-net-webSocket.md', anchor: '2302001-websocket-url-error' },
    });
    // The span points at the match in event.original.
    expect(o.event.original.slice(hit.span[0], hit.span[1])).toBe(hit.match);
  });

  test('a plain line: default level 50, no time, no process or log level, ambiguous and unknown hits', async () => {
    const [o] = (await roundTrip([plainRecord()])).objects;
    expect(o.level).toBe(50);
    expect(o).not.toHaveProperty('time');
    expect(o).not.toHaveProperty('process');
    expect(o.log).toEqual({ file: { path: '-' } });
    expect(o.msg).toBe(
      '2100002 Failed to Connect to the Service / Failed to Connect to the Policy Service: Register result 2100002 then 2302777',
    );
    // No single entry: the error object has the code only.
    expect(o.error).toEqual({ code: '2100002' });
    const [ambiguous, unknown] = o.errlens.hits;
    expect(ambiguous.candidates).toEqual(
      [CONNECTION_2100002, POLICY_2100002].map((e) => ({
        code: e.code,
        module: e.module,
        title: e.title,
        message: e.message,
        reference: e.reference,
      })),
    );
    expect(ambiguous).not.toHaveProperty('title');
    expect(ambiguous).not.toHaveProperty('module');
    expect(unknown).toEqual({
      code: '2302777',
      kind: 'unknown',
      match: '2302777',
      span: [29, 36],
      rule: 'unknown.number',
      confidence: 0.3,
      family: 'WebSocket',
    });
  });

  test('a folded record: event.original holds every line; flags and internal codes are written', async () => {
    const record = foldedRecord();
    const [o] = (await roundTrip([record])).objects;
    expect(o.event.original).toBe(record.text);
    expect(o.event.original.split('\n')).toHaveLength(3);
    expect(o.errlens.lineCount).toBe(3);
    expect(o.errlens.truncated).toBe(true);
    expect(o.errlens.invalidUtf8).toBe(true);
    expect(o.errlens.hits[0].internalCode).toBe('2100102');
    expect(o.errlens.hits[0].solutions).toEqual([]);
    expect(o.error).toEqual({ code: '2100003', message: 'System Internal Error.', type: 'Network Connection Management' });
  });

  test('a record without hits (--all) has the line as msg and no error object', () => {
    const record: LogRecord = { ...websocketRecord(), hits: [] };
    const o = toNdjsonObject(record, VERSION);
    expect(o.msg).toBe('[websocket_exec.cpp:1003] ParseUrl failed');
    expect(o).not.toHaveProperty('error');
    expect(o.errlens.hits).toEqual([]);
  });

  test('hostile content stays inside its JSON string: control characters are escaped', async () => {
    const hostile = 'x\u001b[2J\u001b]0;owned\u0007\r\ny\u2028z\ud800';
    const record: LogRecord = { ...plainRecord(), text: hostile, fields: { format: 'plain', message: hostile } };
    const { raw, objects } = await roundTrip([record]);
    // Exactly one line, and nothing a terminal would act on.
    expect(raw.split('\n')).toHaveLength(2);
    expect(raw.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(objects[0].event.original).toBe(hostile);
  });

  test('pino-pretty reads the output as a pino log line: level, time and msg', async () => {
    const { raw } = await roundTrip([websocketRecord()]);
    const pretty = prettyFactory({ colorize: false, translateTime: 'UTC:yyyy-mm-dd HH:MM:ss.l', hideObject: true });
    expect(pretty(raw.trim())).toBe(
      '[2026-09-26 14:46:56.819] ERROR: 2302001 WebSocket URL Error: [websocket_exec.cpp:1003] ParseUrl failed\n',
    );
  });

  test('ndjsonLine writes exactly JSON.stringify(toNdjsonObject(...)) and a newline, for every record of the corpora', async () => {
    const records: LogRecord[] = [websocketRecord(), plainRecord(), foldedRecord()];
    // Real records of every shape the extractor makes: the labelled corpora (codes, markers, ambiguous and unknown
    // codes with --unknown, folded stack traces, JSON lines) and the sample device log; --all adds records without hits.
    for (const file of ['fixtures/corpus/corpus.log', 'fixtures/corpus/multiline.log', 'fixtures/sample/device.log']) {
      for (const options of [{ unknown: true }, { all: true }]) {
        const scan = createErrlensStream({ ...options, source: file, year: 2026, tz: 'UTC', idleFlushMs: Infinity });
        for await (const record of createReadStream(path.join(REPO_ROOT, file)).pipe(scan)) records.push(record as LogRecord);
      }
    }
    expect(records.filter((r) => r.hits.length > 1).length).toBeGreaterThan(0);
    expect(records.filter((r) => r.hits.some((h) => h.candidates !== undefined)).length).toBeGreaterThan(0);
    expect(records.filter((r) => r.hits.length === 0).length).toBeGreaterThan(0);
    // Each line is asked for twice: the second time the entries' cached JSON is used.
    for (const record of [...records, ...records]) {
      expect(ndjsonLine(record, VERSION)).toBe(`${JSON.stringify(toNdjsonObject(record, VERSION))}\n`);
    }
  });
});

