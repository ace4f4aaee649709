import { getDefaultCatalogue } from '../../../src/catalogue/default-catalogue.js';
import { createExtractor, type Extractor } from '../../../src/extract/index.js';
import type { Hit } from '../../../src/types.js';
import { fieldsFor } from './fields.js';

const extractors = new Map<string, Extractor>();

/** The default-catalogue extractor (cached per option set). */
export function defaultExtractor(unknown = false): Extractor {
  const key = String(unknown);
  let x = extractors.get(key);
  if (x === undefined) {
    x = createExtractor(getDefaultCatalogue(), { unknown });
    extractors.set(key, x);
  }
  return x;
}

/** Hits for one line with the default catalogue, fields derived as a parser would. */
export function extractLine(line: string, unknown = false): Hit[] {
  return defaultExtractor(unknown).extract(line, fieldsFor(line));
}

/** Compact view of hits for assertions: "code@rule:match". */
export function brief(hits: readonly Hit[]): string[] {
  return hits.map((h) => `${h.code}@${h.rule}:${h.match}`);
}
