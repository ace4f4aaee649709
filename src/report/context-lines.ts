/**
 * Records of context a summary keeps before and after each sample, by default. In a module of its own so that the
 * CLI can hand the stream this many context records without loading the summary code on per-record runs.
 */
export const DEFAULT_CONTEXT_LINES = 1;
