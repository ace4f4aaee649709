/** The fast path: candidate lines out of raw byte chunks. */
export {
  ChunkScanner,
  scanChunks,
  SCAN_DEFAULT_FOLD_LINES,
  SCAN_DEFAULT_MAX_LINE_LENGTH,
  type CandidateLine,
  type ChunkScannerOptions,
  type RecordClosed,
  type ScanItem,
  type ScanTotals,
} from './chunk-scanner.js';
export { mayContinue } from './continuation.js';
export { splitPrefilter, topLevelAlternatives } from './split-alternatives.js';
export { createScanTransform, type ScanOutput, type ScanTransform } from './scan-transform.js';
export { FastRecordTransform, type FastPathBuilder, type FastRecordTransformParts } from './fast-record-transform.js';
