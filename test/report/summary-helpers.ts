/**
 * Builders for hand-written LogRecord lists, so report tests do not depend on the parser or the extractor.
 * Fixtures in fixtures/summary/*.json hold records whose hits name catalogue entries by id; `loadRecords`
 * resolves them against fixtures/summary/entries.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueEntry, Hit, LogRecord, ParsedLine } from '../../src/types.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'summary');

/** A catalogue entry with the fields reports use; the rest filled plausibly. */
export function entry(code: string, module: string, title: string, extra: Partial<CatalogueEntry> = {}): CatalogueEntry {
  const file = `errorcode-${module.toLowerCase().replace(/\s+/g, '-')}.md`;
  return {
    id: `${file}#${code}`,
    code,
    page: { title: `${module} Error Codes`, file },
    kit: 'Network Kit',
    subsystem: null,
    module,
    title,
    message: `${title}.`,
    description: `This error code is reported when ${title.toLowerCase()}.`,
    causes: ['The first cause.'],
    solutions: ['Check the first thing.'],
    reference: { page: file, anchor: `${code}-${title.toLowerCase().replace(/\s+/g, '-')}` },
    aliases: [],
    systemOnly: false,
    ...extra,
  };
}

/** A hit of `code` on `text`, settled to `e`, ambiguous between `candidates`, or unknown. */
export function hit(code: string, opts: { entry?: CatalogueEntry; candidates?: CatalogueEntry[]; family?: string } = {}): Hit {
  const kind = opts.entry === undefined && opts.candidates === undefined ? 'unknown' : 'code';
  return {
    code,
    kind,
    match: code,
    span: [0, code.length],
    rule: 'code.test',
    confidence: opts.candidates === undefined ? 1 : 0.5,
    ...(opts.entry === undefined ? {} : { entry: opts.entry }),
    ...(opts.candidates === undefined ? {} : { candidates: opts.candidates }),
    ...(opts.family === undefined ? {} : { family: opts.family }),
  };
}

/** A one-line record. */
export function record(
  source: string,
  line: number,
  text: string,
  hits: readonly Hit[] = [],
  fields: Partial<ParsedLine> = {},
  extra: Partial<Pick<LogRecord, 'lineCount' | 'truncated' | 'invalidUtf8'>> = {},
): LogRecord {
  return { source, line, lineCount: 1, text, fields: { format: 'plain', message: text, ...fields }, hits, ...extra };
}

interface HitRef {
  code: string;
  entry?: string;
  candidates?: string[];
  family?: string;
}
interface RecordFixture {
  source: string;
  line: number;
  lineCount?: number;
  text: string;
  time?: string;
  tag?: string;
  process?: string;
  timeAssumption?: string;
  truncated?: boolean;
  invalidUtf8?: boolean;
  hits?: HitRef[];
}

/** Entries of fixtures/summary/entries.json by id. */
export function loadEntries(): Map<string, CatalogueEntry> {
  const list = JSON.parse(readFileSync(join(FIXTURES, 'entries.json'), 'utf8')) as CatalogueEntry[];
  return new Map(list.map((e) => [e.id, e]));
}

/** Reads fixtures/summary/<name>.json into LogRecords, resolving entry ids. */
export function loadRecords(name: string): LogRecord[] {
  const entries = loadEntries();
  const get = (id: string): CatalogueEntry => {
    const e = entries.get(id);
    if (e === undefined) throw new Error(`fixture ${name}: no entry ${id}`);
    return e;
  };
  const raw = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as RecordFixture[];
  return raw.map((r) => {
    const hits = (r.hits ?? []).map((h) =>
      hit(h.code, {
        ...(h.entry === undefined ? {} : { entry: get(h.entry) }),
        ...(h.candidates === undefined ? {} : { candidates: h.candidates.map(get) }),
        ...(h.family === undefined ? {} : { family: h.family }),
      }),
    );
    const fields: Partial<ParsedLine> = {
      ...(r.time === undefined ? {} : { time: Date.parse(r.time) }),
      ...(r.tag === undefined ? {} : { tag: r.tag }),
      ...(r.process === undefined ? {} : { process: r.process }),
      ...(r.timeAssumption === undefined ? {} : { timeAssumption: r.timeAssumption }),
    };
    return {
      ...record(r.source, r.line, r.text, hits, { format: 'hilog', ...fields }),
      lineCount: r.lineCount ?? 1,
      ...(r.truncated === undefined ? {} : { truncated: r.truncated }),
      ...(r.invalidUtf8 === undefined ? {} : { invalidUtf8: r.invalidUtf8 }),
    };
  });
}
