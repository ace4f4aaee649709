/**
 * Per-line format detection and parsing (hilog, DevEco, JSON lines, syslog, ISO and bracketed text,
 * plain), time completion under a parse context, and multi-line record folding.
 */
export { parseLine } from './parse-line.js';
export { createParseContext, type ParseContext, type ParseContextOptions } from './context.js';
export { safeJsonParse } from './safe-json.js';
export { MAX_JSON_DEPTH } from './json-line.js';
export {
  createFolder,
  isContinuation,
  continuationKind,
  FOLD_DEFAULTS,
  type Folder,
  type FolderOptions,
  type ContinuationKind,
} from './fold.js';
