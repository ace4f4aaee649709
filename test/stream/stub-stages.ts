/**
 * Small, deterministic stand-ins for the parser, extractor and fold policy, so that the stream's own behaviour
 * (splitting, cutting, numbering, folding, timing) is tested apart from theirs.
 */
import { LineCutter } from '../../src/stream/line-cutter.js';
import type { Folder } from '../../src/parse/fold.js';
import { RecordBuilder } from '../../src/stream/record-builder.js';
import { RecordTransform } from '../../src/stream/record-transform.js';
import type { Hit, LogRecord, ParsedLine } from '../../src/types.js';

/** Every line is plain; a line starting "E " has level E. */
export function stubParse(text: string): ParsedLine {
  return text.startsWith('E ') ? { format: 'plain', message: text.slice(2), level: 'E', levelNumber: 50 } : { format: 'plain', message: text };
}

/** A hit for every 7-digit number. */
export function stubExtract(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(/\b\d{7}\b/g)) {
    const start = m.index;
    hits.push({ code: m[0], kind: 'code', match: m[0], span: [start, start + m[0].length], rule: 'stub', confidence: 1 });
  }
  return hits;
}

/** Lines starting with white space continue the previous record, at most 5 lines to a record. */
export function stubFolder(): Folder {
  let lines = 0;
  return {
    push(line) {
      if (lines > 0 && lines < 5 && /^\s/.test(line)) {
        lines++;
        return true;
      }
      lines = 1;
      return false;
    },
    reset() {
      lines = 0;
    },
  };
}

export interface StubOptions {
  all?: boolean;
  maxLineBytes?: number;
  idleFlushMs?: number;
  fold?: boolean;
  source?: string;
}

/** A RecordTransform over the stub stages. */
export function stubStream(opts: StubOptions = {}): RecordTransform {
  const builder = new RecordBuilder({
    source: opts.source ?? 'test.log',
    all: opts.all ?? true,
    parse: stubParse,
    extract: stubExtract,
    ...(opts.fold === false ? {} : { fold: stubFolder() }),
  });
  return new RecordTransform({
    cutter: new LineCutter(opts.maxLineBytes ?? 65536),
    builder,
    idleFlushMs: opts.idleFlushMs ?? Infinity,
  });
}

/** Writes `chunks` in order, ends the stream, and collects every record. */
export async function collect(stream: NodeJS.ReadWriteStream, chunks: readonly (Buffer | string)[]): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (r: LogRecord) => records.push(r));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  for (const c of chunks) stream.write(c);
  stream.end();
  await done;
  return records;
}
