/** Parallel scanning (`--jobs N`): planning, the worker pool, and the task every worker runs. */
export {
  alignCut,
  alignShards,
  inspectInputs,
  planShards,
  planTasks,
  worthParallel,
  DEFAULT_MIN_SHARD_BYTES,
  DEFAULT_PARALLEL_MIN_BYTES,
  DEFAULT_SHARD_THRESHOLD,
  DEFAULT_MAX_SHARD_BYTES,
  type PlanInput,
  type PlanOptions,
  type ReadAt,
  type ScanTask,
  type ShardTask,
  type WholeTask,
} from './plan.js';
export { LineCounter, ShardBuffer } from './count-lines.js';
export type { CountOutput, RecordsOutput, SummaryOutput, TaskResult, TaskScanOptions } from './protocol.js';
export {
  runParallel,
  deserializeError,
  DEFAULT_BATCH_BYTES,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_STOP_TIMEOUT_MS,
  DEFAULT_WORKER_OLD_GENERATION_MB,
  DEFAULT_WORKER_YOUNG_GENERATION_MB,
  DEFAULT_WINDOW,
  type ParallelResult,
  type RunParallelOptions,
} from './run-parallel.js';
export { patchSeams, seamRecord, SEAM_TEXT, type ShardSeam } from './seams.js';
