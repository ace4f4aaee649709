import { ErrlensError } from '../../src/errors.js';
import { createRecordFilter } from '../../src/report/record-filter.js';
import type { LogRecord } from '../../src/types.js';
import { HILOG_TIME, foldedRecord, plainRecord, websocketRecord } from './record-fixtures.js';

const ws = websocketRecord(); // 2302001 WebSocket, level E (50), time HILOG_TIME
const plain = plainRecord(); // 2100002 ambiguous (two modules) + 2302777 unknown WebSocket family; no level, no time
const folded = foldedRecord(); // 2100003 folded from internal 2100102, level E
const info: LogRecord = { ...ws, hits: [], fields: { ...ws.fields, level: 'I', levelNumber: 30 } };
const warn: LogRecord = { ...ws, fields: { ...ws.fields, level: 'W', levelNumber: 40, time: HILOG_TIME + 1000 } };
const fatal: LogRecord = { ...ws, fields: { ...ws.fields, level: 'F', levelNumber: 60, time: HILOG_TIME - 1000 } };

function kept(filter: (r: LogRecord) => boolean, records: LogRecord[]): LogRecord[] {
  return records.filter(filter);
}

describe('createRecordFilter', () => {
  test('with no criteria every record passes, with or without hits', () => {
    expect(kept(createRecordFilter(), [ws, plain, folded, info])).toEqual([ws, plain, folded, info]);
  });

  test('codes: a record passes when any hit has one of the codes; records without hits do not', () => {
    expect(kept(createRecordFilter({ codes: ['2302001'] }), [ws, plain, folded, info])).toEqual([ws]);
    expect(kept(createRecordFilter({ codes: [' 2302777 ', '2100003'] }), [ws, plain, folded, info])).toEqual([plain, folded]);
  });

  test('codes: an internal code as printed also selects the hit it folded into', () => {
    expect(kept(createRecordFilter({ codes: ['2100102'] }), [ws, plain, folded])).toEqual([folded]);
  });

  test('modules: case- and punctuation-insensitive, on entries, candidates and unknown families', () => {
    expect(kept(createRecordFilter({ modules: ['websocket'] }), [ws, plain, folded])).toEqual([ws, plain]);
    expect(kept(createRecordFilter({ modules: ['network-policy'] }), [ws, plain, folded])).toEqual([plain]);
    expect(kept(createRecordFilter({ modules: ['Network Connection Management'] }), [ws, plain, folded])).toEqual([plain, folded]);
  });

  test('codes and modules together must hold for the same hit', () => {
    // plain has 2100002 (network modules) and 2302777 (WebSocket family): no one hit is both.
    expect(kept(createRecordFilter({ codes: ['2100002'], modules: ['WebSocket'] }), [plain])).toEqual([]);
    expect(kept(createRecordFilter({ codes: ['2302777'], modules: ['WebSocket'] }), [plain])).toEqual([plain]);
  });

  test('one level is a minimum, given as a letter, a word or a number', () => {
    const all = [info, warn, ws, fatal];
    expect(kept(createRecordFilter({ levels: ['W'] }), all)).toEqual([warn, ws, fatal]);
    expect(kept(createRecordFilter({ levels: ['error'] }), all)).toEqual([ws, fatal]);
    expect(kept(createRecordFilter({ levels: ['60'] }), all)).toEqual([fatal]);
  });

  test('several levels are an exact set', () => {
    expect(kept(createRecordFilter({ levels: ['warn', 'F'] }), [info, warn, ws, fatal])).toEqual([warn, fatal]);
  });

  test('a line without a level counts as error', () => {
    expect(kept(createRecordFilter({ levels: ['E'] }), [plain])).toEqual([plain]);
    expect(kept(createRecordFilter({ levels: ['F'] }), [plain])).toEqual([]);
  });

  test('an unknown level is a usage error', () => {
    expect(() => createRecordFilter({ levels: ['loud'] })).toThrow(ErrlensError);
    expect(() => createRecordFilter({ levels: ['70'] })).toThrow(/unknown level "70"/);
  });

  test('since and until are inclusive bounds on the record time', () => {
    const all = [fatal, ws, warn]; // HILOG_TIME - 1s, HILOG_TIME, HILOG_TIME + 1s
    expect(kept(createRecordFilter({ since: HILOG_TIME }), all)).toEqual([ws, warn]);
    expect(kept(createRecordFilter({ until: HILOG_TIME }), all)).toEqual([fatal, ws]);
    expect(kept(createRecordFilter({ since: HILOG_TIME, until: HILOG_TIME }), all)).toEqual([ws]);
  });

  test('records without a time are dropped as soon as a time bound is set', () => {
    expect(kept(createRecordFilter({ since: 0 }), [plain, ws])).toEqual([ws]);
    expect(kept(createRecordFilter({ until: Number.MAX_SAFE_INTEGER }), [plain, ws])).toEqual([ws]);
  });
});
