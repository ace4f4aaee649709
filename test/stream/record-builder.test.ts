import { createFolder } from '../../src/parse/index.js';
import { RecordBuilder } from '../../src/stream/record-builder.js';
import type { Hit, LogRecord, ParsedLine } from '../../src/types.js';

/** A builder whose extractor finds a hit on every "E" and records what it was asked to search. */
function builder(searched: string[]): RecordBuilder {
  return new RecordBuilder({
    source: 'x.log',
    all: true,
    parse: (text): ParsedLine => ({ format: 'plain', message: text }),
    extract: (text): Hit[] => {
      searched.push(text);
      return text.includes('E') ? [{ kind: 'code', code: '401', span: [text.indexOf('E'), text.indexOf('E') + 1] } as unknown as Hit] : [];
    },
    fold: createFolder(),
  });
}

describe('RecordBuilder mayHit', () => {
  test('a record made only of lines that cannot hold a hit is emitted without being searched', () => {
    const searched: string[] = [];
    const b = builder(searched);
    const out: LogRecord[] = [];
    b.push('context line E', false, false, out, false);
    b.push('candidate E', false, false, out, true);
    b.flush(out);
    expect(searched).toEqual(['candidate E']);
    expect(out.map((r) => [r.text, r.hits.length])).toEqual([
      ['context line E', 0],
      ['candidate E', 1],
    ]);
    expect(b.stats).toMatchObject({ linesRead: 2, linesWithHits: 1, linesWithoutHits: 1, records: 2, recordsWithHits: 1, hits: 1 });
  });

  test('a folded record with one line that may hold a hit is searched whole', () => {
    const searched: string[] = [];
    const b = builder(searched);
    const out: LogRecord[] = [];
    b.push('04-19 17:02:14.735  5394  5394 E A03d00/JSAPP: failed', false, false, out, false);
    b.push('    at connect (Index.ets:42:7) E', false, false, out, true);
    b.flush(out);
    expect(out).toHaveLength(1);
    expect(out[0]?.lineCount).toBe(2);
    expect(searched).toHaveLength(1);
  });

  test('mayHit defaults to true', () => {
    const searched: string[] = [];
    const b = builder(searched);
    const out: LogRecord[] = [];
    b.push('E', false, false, out);
    b.flush(out);
    expect(searched).toEqual(['E']);
  });
});
