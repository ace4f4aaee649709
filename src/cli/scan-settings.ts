import { availableParallelism } from 'node:os';
import { ErrlensError } from '../errors.js';
import { zoneFromOption } from '../parse/zone.js';
import type { ConfigValues } from './config.js';
import { COLOR_MODES } from './options.js';
import { parseTimeArg } from './time-arg.js';

/** The scan command's flags as yargs parsed them: undefined where the flag was not given. */
export interface ScanArgs {
  files?: string[];
  format?: string;
  color?: string;
  explain?: boolean;
  stats?: boolean;
  quiet?: boolean;
  all?: boolean;
  unknown?: boolean;
  /** Repeatable options: a string when given once, an array when repeated. */
  code?: string | string[];
  module?: string | string[];
  level?: string | string[];
  catalog?: string | string[];
  defaultCatalog?: boolean;
  since?: string;
  until?: string;
  year?: number;
  tz?: string;
  follow?: boolean;
  fromStart?: boolean;
  exitZero?: boolean;
  debug?: boolean;
  jobs?: number;
}

/** Colour choice for pretty output. */
export type ColorMode = (typeof COLOR_MODES)[number];

/** Everything a scan needs, defaults applied: flag > config file > built-in default. */
export interface ScanSettings {
  /** Inputs as given ("-" for stdin); never empty. Globs are expanded later, when reading. */
  readonly files: readonly string[];
  readonly format: string;
  readonly color: ColorMode;
  readonly explain: boolean;
  readonly stats: boolean;
  readonly quiet: boolean;
  readonly all: boolean;
  readonly unknown: boolean;
  readonly codes: readonly string[];
  readonly modules: readonly string[];
  readonly levels: readonly string[];
  readonly catalogs: readonly string[];
  readonly defaultCatalog: boolean;
  readonly since: number | undefined;
  readonly until: number | undefined;
  readonly year: number | undefined;
  readonly tz: string | undefined;
  readonly follow: boolean;
  readonly fromStart: boolean;
  readonly exitZero: boolean;
  readonly debug: boolean;
  /** Worker threads for a batch scan (`--jobs`); 1 keeps everything in the main thread. */
  readonly jobs: number;
}

/** What the environment decides: the default format depends on whether stdout is a terminal. */
export interface SettingsContext {
  readonly stdoutIsTTY: boolean;
  readonly now: number;
}

/** A repeatable option's value (absent, given once or repeated) as a list. */
function toList(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : [value].flat().map(String);
}

/** "a,b" and repeated flags alike become one list; empty items are dropped. */
function splitList(value: string | readonly string[] | undefined): string[] {
  return toList(value)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * Applies defaults to the parsed flags and checks what yargs cannot: value ranges, flag combinations, time values.
 * @throws ErrlensError E_USAGE naming the flag at fault.
 */
export function resolveScanSettings(args: ScanArgs, config: ConfigValues, context: SettingsContext): ScanSettings {
  const pick = <K extends keyof ScanArgs & keyof ConfigValues>(key: K): ScanArgs[K] | ConfigValues[K] =>
    args[key] !== undefined ? args[key] : config[key];

  const follow = args.follow ?? false;
  const fromStart = args.fromStart ?? false;
  const files = args.files !== undefined && args.files.length > 0 ? args.files.map(String) : ['-'];
  if (follow && files.includes('-')) {
    throw new ErrlensError('E_USAGE', '--follow needs file names (standard input is followed by reading it)', '--follow');
  }
  if (fromStart && !follow) throw new ErrlensError('E_USAGE', '--from-start only applies with --follow', '--from-start');

  const year = pick('year');
  if (year !== undefined && (!Number.isInteger(year) || year < 1970 || year > 9999)) {
    throw new ErrlensError('E_USAGE', `invalid year "${String(args.year ?? year)}" (use 1970..9999)`, '--year');
  }
  const tz = pick('tz');
  // Checked now, so a bad zone fails before any file is opened.
  if (tz !== undefined) zoneFromOption(tz);

  const color = (pick('color') ?? 'auto') as ColorMode;
  const since = args.since !== undefined ? parseTimeArg(args.since, '--since', context.now, tz) : undefined;
  const until = args.until !== undefined ? parseTimeArg(args.until, '--until', context.now, tz) : undefined;
  if (since !== undefined && until !== undefined && since > until) {
    throw new ErrlensError('E_USAGE', '--since is later than --until', '--since');
  }

  const jobs = args.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
    throw new ErrlensError('E_USAGE', `invalid number of jobs "${String(args.jobs)}" (use 1..256)`, '--jobs');
  }

  return {
    files,
    format: pick('format') ?? (context.stdoutIsTTY ? 'pretty' : 'ndjson'),
    color,
    explain: pick('explain') ?? false,
    stats: pick('stats') ?? false,
    quiet: args.quiet ?? false,
    all: pick('all') ?? false,
    unknown: pick('unknown') ?? false,
    codes: splitList(pick('code')),
    modules: splitList(pick('module')),
    levels: splitList(pick('level')),
    // Flag paths are relative to the working directory; config paths were resolved against the config's folder.
    catalogs: toList(pick('catalog')),
    defaultCatalog: pick('defaultCatalog') ?? true,
    since,
    until,
    year,
    tz,
    follow,
    fromStart,
    exitZero: pick('exitZero') ?? false,
    debug: args.debug ?? false,
    jobs,
  };
}
