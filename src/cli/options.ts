/**
 * Every option of the scan command, defined once: name, type, documentation and the default shown in `--help`.
 * Defaults are applied by `resolveScanSettings` rather than by yargs, because a config file sits between the two:
 * flag > config file > built-in default, and yargs cannot tell a default from a value that was given.
 * Repeatable options (--code, --catalog, ...) are plain strings that yargs gathers into an array when repeated:
 * yargs's `array: true` would swallow the file names that follow (`--code 2302001 app.log`).
 */

import type { Options } from 'yargs';

/** Formats that write each record as it is found. */
export const RECORD_FORMATS = ['ndjson', 'pretty'] as const;

/** Formats that write one summary when the input ends (or the scan is stopped). */
export const SUMMARY_FORMATS = ['markdown', 'json', 'text'] as const;

/** Every `--format` value, in the order `--help` lists them. */
export const OUTPUT_FORMATS: readonly string[] = [...RECORD_FORMATS, ...SUMMARY_FORMATS];

/** Values of `--color`. */
export const COLOR_MODES = ['auto', 'always', 'never'] as const;

/**
 * One option as yargs takes it. `defaultDescription` is the default as `--help` prints it; the value itself is
 * applied in `resolveScanSettings`.
 */
export type OptionSpec = Options & { readonly describe: string; readonly defaultDescription: string; readonly group: string };

const OUTPUT = 'Output:';
const MATCHING = 'What to report:';
const CATALOGUE = 'Catalogue:';
const TIME = 'Time:';
const INPUT = 'Input:';
const BEHAVIOUR = 'Behaviour:';

/**
 * The scan command's options (the flags of `errlens [FILE...]`), keyed by long name.
 * @param formats - the `--format` choices this build offers
 */
export function scanOptions(formats: readonly string[] = OUTPUT_FORMATS): Readonly<Record<string, OptionSpec>> {
  return {
    format: {
      type: 'string',
      choices: [...formats],
      describe:
        'Output format. Per record, as found: ndjson (one JSON object per line), pretty (for people). ' +
        'One summary at the end: markdown (an issue-ready report), json (mergeable with errlens merge), text',
      defaultDescription: 'pretty when stdout is a terminal, else ndjson',
      group: OUTPUT,
      requiresArg: true,
    },
    color: {
      type: 'string',
      choices: [...COLOR_MODES],
      describe: 'Colour in pretty output; auto follows the terminal, NO_COLOR and FORCE_COLOR (--no-color = never)',
      defaultDescription: 'auto',
      group: OUTPUT,
      requiresArg: true,
    },
    explain: {
      type: 'boolean',
      describe: 'Show description, causes and solutions under each hit (pretty output)',
      defaultDescription: 'false',
      group: OUTPUT,
    },
    stats: {
      type: 'boolean',
      describe: 'Print line accounting (lines read, with hits, too long, undecodable) on stderr at the end',
      defaultDescription: 'false',
      group: OUTPUT,
    },
    quiet: {
      type: 'boolean',
      alias: 'q',
      describe: 'Write nothing to stdout and no progress bar; stop at the first hit, which exits 0 even after an error (as grep -q)',
      defaultDescription: 'false',
      group: OUTPUT,
    },
    all: {
      type: 'boolean',
      describe: 'Output every record, with or without a hit',
      defaultDescription: 'false',
      group: MATCHING,
    },
    unknown: {
      type: 'boolean',
      describe: 'Also report code-like numbers in error context that are not in the catalogue',
      defaultDescription: 'false',
      group: MATCHING,
    },
    code: {
      type: 'string',
      describe: 'Keep only hits on these codes (repeatable or comma-separated)',
      defaultDescription: 'any code',
      group: MATCHING,
      requiresArg: true,
    },
    module: {
      type: 'string',
      describe: 'Keep only hits in these modules, e.g. WebSocket (repeatable or comma-separated)',
      defaultDescription: 'any module',
      group: MATCHING,
      requiresArg: true,
    },
    level: {
      type: 'string',
      describe: 'Keep only these levels: one value is a minimum (W = warnings and worse), several an exact set',
      defaultDescription: 'any level',
      group: MATCHING,
      requiresArg: true,
    },
    catalog: {
      type: 'string',
      describe: 'Add a catalogue over the default one: a JSON file from `errlens catalog build`, a Markdown error-code page or a folder of pages (repeatable; later ones win)',
      defaultDescription: 'none',
      group: CATALOGUE,
      requiresArg: true,
    },
    'default-catalog': {
      type: 'boolean',
      describe: 'Use the built-in catalogue; --no-default-catalog leaves it out',
      defaultDescription: 'true',
      group: CATALOGUE,
    },
    since: {
      type: 'string',
      describe: 'Keep records at or after this time: ISO 8601 (2026-05-01T10:00:00Z) or a duration back from now (10m, 2h, 1d)',
      defaultDescription: 'no limit',
      group: TIME,
      requiresArg: true,
    },
    until: {
      type: 'string',
      describe: 'Keep records at or before this time (same forms as --since)',
      defaultDescription: 'no limit',
      group: TIME,
      requiresArg: true,
    },
    year: {
      type: 'number',
      describe: 'Year for times written without one (hilog)',
      defaultDescription: "the file's modification year; the current year for stdin",
      group: TIME,
      requiresArg: true,
    },
    tz: {
      type: 'string',
      describe: 'Zone for times written without one: local, UTC, +08:00 or an IANA name',
      defaultDescription: 'local',
      group: TIME,
      requiresArg: true,
    },
    follow: {
      type: 'boolean',
      alias: 'f',
      describe: 'Follow the files like tail -F: wait for new lines, survive rotation and truncation',
      defaultDescription: 'false',
      group: INPUT,
    },
    'from-start': {
      type: 'boolean',
      describe: 'With --follow, read the files from their start first instead of from their end',
      defaultDescription: 'false',
      group: INPUT,
    },
    jobs: {
      type: 'number',
      alias: 'j',
      describe:
        'Worker threads: several files at once, and, from 3 jobs, a large uncompressed file in parts cut at line starts. ' +
        'Output is the same as with --jobs 1. One thread reads small inputs (under 64 MiB in all), --follow, --quiet, ' +
        'and, below 3 jobs, NDJSON and pretty output (there threads do not pay)',
      defaultDescription: 'the number of CPU cores',
      group: BEHAVIOUR,
      requiresArg: true,
    },
    'exit-zero': {
      type: 'boolean',
      describe: 'Exit 0 when nothing was found (errors still exit 2)',
      defaultDescription: 'false',
      group: BEHAVIOUR,
    },
    debug: {
      type: 'boolean',
      describe: 'Print stack traces with errors',
      defaultDescription: 'false',
      group: BEHAVIOUR,
    },
  };
}

/** Usage examples shown by `--help`: [command, what it does]. */
export const EXAMPLES: readonly (readonly [string, string])[] = [
  ['errlens device.log', 'Annotate the error codes in a log'],
  ['hdc shell hilog | errlens', 'Annotate a live device log from stdin'],
  ['errlens -f /data/log/app.log', 'Follow a file across rotations'],
  ["errlens 'logs/*.gz' --format ndjson | jq .error.code", 'Scan gzip logs (detected by content), machine output'],
  ['errlens --code 2302001 --since 1h device.log', 'Only one code, only the last hour'],
];
