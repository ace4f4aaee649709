/**
 * errlens as a library. This file alone decides what is public: everything else under `src/` is internal and may
 * change without notice.
 *
 * @example
 * ```ts
 * import { pipeline } from 'node:stream/promises';
 * import { createReadStream } from 'node:fs';
 * import { createErrlensStream, createNdjsonWriter, getDefaultCatalogue } from 'errlens';
 *
 * const catalogue = getDefaultCatalogue();
 * const scan = createErrlensStream({ catalogue, source: 'device.log', idleFlushMs: Infinity });
 * await pipeline(createReadStream('device.log'), scan, createNdjsonWriter({ catalogueVersion: catalogue.version }), process.stdout);
 * console.error(scan.stats);
 * ```
 */

// The scanner.
export {
  createErrlensStream,
  DEFAULT_IDLE_FLUSH_MS,
  DEFAULT_MAX_LINE_LENGTH,
  type ErrlensStream,
  type ErrlensStreamOptions,
} from './stream.js';

// The catalogue.
export { Catalogue } from './catalogue/catalogue.js';
export { getDefaultCatalogue } from './catalogue/default-catalogue.js';
export { loadCatalogue, type LoadCatalogueOptions, type SkippedPage } from './catalogue/load.js';

// The stages, for callers that assemble their own pipeline.
export { createExtractor, type Extractor, type ExtractorOptions } from './extract/index.js';
export {
  parseLine,
  createParseContext,
  createFolder,
  FOLD_DEFAULTS,
  type ParseContext,
  type ParseContextOptions,
  type Folder,
  type FolderOptions,
} from './parse/index.js';

// Record writers and filters.
export {
  createNdjsonWriter,
  toNdjsonObject,
  ndjsonLine,
  NDJSON_SCHEMA_VERSION,
  type NdjsonRecord,
  type NdjsonHit,
  type NdjsonCandidate,
  type NdjsonWriterOptions,
} from './report/ndjson.js';
export { createPrettyFormatter, createPrettyWriter, type PrettyOptions } from './report/pretty.js';
export { resolveColor, type ColorMode } from './report/pretty-color.js';
export { sanitizeText } from './report/sanitize.js';
export { createRecordFilter, type RecordFilter, type RecordFilterOptions } from './report/record-filter.js';

// Summaries.
export { createSummary, type SummaryAccumulator, type SummaryOptions } from './report/summary.js';
export { mergeSummaries, parseSummary, type SummaryJson } from './report/summary-json.js';
export { renderMarkdown, type MarkdownOptions } from './report/markdown.js';
export { renderText, type TextOptions } from './report/text.js';

// Errors and the shared vocabulary.
export { ErrlensError, formatError, type ErrlensErrorCode } from './errors.js';
export type {
  CatalogueEntry,
  CatalogueJson,
  Hit,
  HitKind,
  LineAccounting,
  LogFormat,
  LogRecord,
  PageRef,
  ParsedLine,
} from './types.js';
