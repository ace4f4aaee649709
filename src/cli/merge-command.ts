/**
 * `errlens merge a.json b.json ...`: combines summaries made on shards, devices or machines into one, and prints
 * it as JSON (to merge again), markdown or text. Every input is validated strictly before anything is printed.
 */
import { readFile } from 'node:fs/promises';
import { EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND, ErrlensError } from '../errors.js';
import { renderMarkdown } from '../report/markdown.js';
import { mergeSummaries, parseSummary, type SummaryJson } from '../report/summary-json.js';
import { renderText } from '../report/text.js';
import { reportError } from './report-error.js';

/** Output formats of `errlens merge`. */
export type MergeFormat = 'json' | 'markdown' | 'text';

/** Where the merge handler writes: `process.stdout`/`process.stderr` or anything with `write`. */
export interface TextSink {
  write(chunk: string): unknown;
}

/** Arguments of {@link runMerge}, as parsed by yargs. */
export interface MergeArgs {
  /** Summary JSON files, at least one. */
  readonly files: readonly string[];
  readonly format: MergeFormat;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Cited in markdown and text headers. Default "unknown". */
  readonly errlensVersion?: string;
  /** Markdown size budget in characters (default 60 000). */
  readonly budget?: number;
  /** Adds why a file was rejected (the offending field) to the error message. */
  readonly debug?: boolean;
}

async function load(file: string, debug: boolean): Promise<SummaryJson> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ErrlensError('E_INPUT_READ', 'cannot read summary', file, { cause });
  }
  try {
    return parseSummary(text);
  } catch (cause) {
    const why = debug && cause instanceof Error ? ` (${cause.message})` : '';
    throw new ErrlensError('E_INPUT_READ', 'not an errlens summary', `${file}${why}`, { cause });
  }
}

/** Renders a summary in one of the merge output formats. */
export function renderSummary(summary: SummaryJson, format: MergeFormat, errlensVersion: string, budget?: number): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(summary, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(summary, { errlensVersion, ...(budget === undefined ? {} : { budget }) });
    case 'text':
      return renderText(summary, { errlensVersion });
  }
}

/**
 * Reads, validates and merges the summaries in `files`, writes the result to `stdout`, and resolves to the exit
 * status: 0 when the merged summary has hits, 1 when it has none, 2 when a file cannot be read or is not an
 * errlens summary (`errlens: not an errlens summary: <file>` on stderr; nothing on stdout).
 */
export async function runMerge(args: MergeArgs): Promise<number> {
  try {
    if (args.files.length === 0) throw new ErrlensError('E_USAGE', 'merge needs at least one summary file');
    const debug = args.debug ?? false;
    // Sequential reads keep memory to one file text at a time; the summaries themselves are small.
    let merged: SummaryJson | undefined;
    for (const file of args.files) {
      const next = await load(file, debug);
      merged = merged === undefined ? next : mergeSummaries(merged, next);
    }
    if (merged === undefined) throw new ErrlensError('E_USAGE', 'merge needs at least one summary file');
    args.stdout.write(renderSummary(merged, args.format, args.errlensVersion ?? 'unknown', args.budget));
    return merged.accounting.hits > 0 || merged.codes.length > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
  } catch (err) {
    // The message names a file, and under --debug quotes the rejected summary: made terminal-safe there. --debug
    // here means the reason in the message, not stacks.
    reportError(args.stderr, err, false);
    return EXIT_ERROR;
  }
}

