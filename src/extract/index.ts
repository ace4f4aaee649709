/** Extraction: finds error codes and markers in log records. */
export { createExtractor, type Extractor, type ExtractorOptions } from './extractor.js';
export { CODE_RULES, type CodeRule } from './code-rules.js';
export { MARKER_RULES, type MarkerRule } from './marker-rules.js';
export { CONFIDENCE } from './confidence.js';
