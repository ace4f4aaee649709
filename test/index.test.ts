import { Readable, Transform } from 'node:stream';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import * as errlens from '../src/index.js';
import type { LogRecord } from '../src/index.js';

const LOG = [
  '09-26 14:46:56.819  9308  9456 I C015B0/com.example.app/NETSTACK: [websocket_exec.cpp:900] OnOpen',
  '09-26 14:46:56.820  9308  9456 E C015B0/com.example.app/NETSTACK: [websocket_exec.cpp:1003] ParseUrl failed',
  '07-06 14:34:39.631  28571  31205 E C015b0/NetConnManager: Register result 2101022',
].join('\n');

describe('public API', () => {
  test('exports exactly the documented values (types are checked by tsc)', () => {
    expect(Object.keys(errlens).sort()).toEqual(
      [
        'Catalogue',
        'DEFAULT_IDLE_FLUSH_MS',
        'DEFAULT_MAX_LINE_LENGTH',
        'ErrlensError',
        'FOLD_DEFAULTS',
        'NDJSON_SCHEMA_VERSION',
        'createErrlensStream',
        'createExtractor',
        'createFolder',
        'createNdjsonWriter',
        'createParseContext',
        'createPrettyFormatter',
        'createPrettyWriter',
        'createRecordFilter',
        'createSummary',
        'formatError',
        'getDefaultCatalogue',
        'loadCatalogue',
        'mergeSummaries',
        'parseLine',
        'parseSummary',
        'renderMarkdown',
        'renderText',
        'resolveColor',
        'sanitizeText',
        'toNdjsonObject',
        'ndjsonLine',
      ].sort(),
    );
  });

  test('stream, filter and NDJSON writer compose into a pipeline', async () => {
    const catalogue = errlens.getDefaultCatalogue();
    const scan = errlens.createErrlensStream({ catalogue, source: 'device.log', year: 2026, tz: 'UTC', idleFlushMs: Infinity });
    const keep = errlens.createRecordFilter({ modules: ['WebSocket'] });
    const filter = new Transform({
      objectMode: true,
      transform(record: LogRecord, _enc, cb) {
        cb(null, keep(record) ? record : undefined);
      },
    });
    const writer = errlens.createNdjsonWriter({ catalogueVersion: catalogue.version });
    const chunks: string[] = [];
    await pipeline(Readable.from([LOG]), scan, filter, writer, async (source: AsyncIterable<Buffer | string>) => {
      for await (const chunk of source) chunks.push(String(chunk));
    });
    const objects = chunks.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(objects).toHaveLength(1);
    expect(objects[0].error).toEqual({ code: '2302001', message: 'Websocket url error.', type: 'WebSocket' });
    expect(objects[0].errlens.line).toBe(2);
    expect(objects[0].errlens.catalogueVersion).toBe(catalogue.version);
    expect(objects[0].time).toBe(Date.UTC(2026, 8, 26, 14, 46, 56, 820));
    // Both hits were found; the filter let one through.
    expect(scan.stats).toMatchObject({ linesRead: 3, linesWithHits: 2, recordsWithHits: 2, hits: 2 });
  });

  test('the pretty writer prints what the stream found', async () => {
    const scan = errlens.createErrlensStream({ year: 2026, tz: 'UTC', idleFlushMs: Infinity });
    const out = await text(Readable.from([LOG]).pipe(scan).pipe(errlens.createPrettyWriter({ utc: true })));
    expect(out).toContain('[2026-09-26 14:46:56.820] ERROR: <stdin>:2 NETSTACK: [websocket_exec.cpp:1003] ParseUrl failed\n    2302001 WebSocket URL Error (WebSocket)\n');
    expect(out).toContain('<stdin>:3 NetConnManager: Register result 2101022\n    2101022 ');
  });
});
