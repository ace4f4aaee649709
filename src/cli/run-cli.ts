import yargs, { type Argv } from 'yargs';
import { EXIT_ERROR, ErrlensError } from '../errors.js';
import type { CliIo } from './cli-io.js';
import { findConfig, type ConfigValues } from './config.js';
import { EXAMPLES, OUTPUT_FORMATS, scanOptions, type OptionSpec } from './options.js';
import { reportError, writeNotice } from './report-error.js';
import { resolveScanSettings, type ScanArgs } from './scan-settings.js';
import { readVersion } from './version.js';

/** Options the catalogue-reading subcommands share with the scan command. */
interface CatalogueArgs {
  readonly catalog?: string[];
  readonly defaultCatalog?: boolean;
}

/** What the command line asked for: decided while yargs parses, carried out after. */
type Invocation =
  | { readonly kind: 'done' }
  | { readonly kind: 'scan'; readonly args: ScanArgs }
  | { readonly kind: 'catalog-build'; readonly paths: string[]; readonly output?: string }
  | { readonly kind: 'catalog-list'; readonly format: 'text' | 'json'; readonly catalogue: CatalogueArgs }
  | { readonly kind: 'explain'; readonly query: string; readonly format: 'text' | 'json'; readonly catalogue: CatalogueArgs }
  | { readonly kind: 'merge'; readonly files: string[]; readonly format?: 'json' | 'markdown' | 'text' };

/** The scan command's catalogue options, shared as they are (one definition) with `catalog list` and `explain`. */
function catalogueOptions(): Record<string, OptionSpec> {
  const all = scanOptions(OUTPUT_FORMATS);
  return { catalog: all['catalog'] as OptionSpec, 'default-catalog': all['default-catalog'] as OptionSpec };
}

function catalogueArgs(parsed: Record<string, unknown>): CatalogueArgs {
  return {
    ...(parsed['catalog'] !== undefined ? { catalog: [parsed['catalog']].flat().map(String) } : {}),
    ...(parsed['defaultCatalog'] !== undefined ? { defaultCatalog: parsed['defaultCatalog'] === true } : {}),
  };
}

/**
 * yargs drops a lone "-" from positionals, yet "-" is how a user names standard input (`errlens a.log - b.log`)
 * and stdout (`catalog build -o -`). It travels through yargs disguised as this token and is restored after.
 */
const DASH_TOKEN = '\u0000stdin\u0000';

function restoreDash<T>(value: T): T {
  if (value === DASH_TOKEN) return '-' as T;
  if (Array.isArray(value)) return value.map((v: unknown) => restoreDash(v)) as T;
  return value;
}

function restoreDashes(parsed: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) out[key] = restoreDash(value);
  return out;
}

/** "-" travels disguised (see DASH_TOKEN); the common `--no-color` means `--color never`. */
function preprocessArg(arg: string): string {
  if (arg === '-') return DASH_TOKEN;
  if (arg === '--no-color') return '--color=never';
  return arg;
}

function buildParser(argv: readonly string[], io: CliIo, set: (inv: Invocation) => void): Argv {
  const width = io.stdout.isTTY === true ? Math.min(120, process.stdout.columns ?? 100) : 100;
  const parser = yargs(argv.map(preprocessArg))
    .scriptName('errlens')
    .usage('Usage: errlens [options] [FILE...]\n\nFind OpenHarmony / HarmonyOS error codes in logs and explain them from the catalogue.')
    .parserConfiguration({ 'strip-aliased': true, 'strip-dashed': true })
    .exitProcess(false)
    .strict()
    .version(readVersion())
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .wrap(width)
    .fail((message: string | null, err: Error | undefined) => {
      if (err instanceof ErrlensError) throw err;
      throw new ErrlensError('E_USAGE', `${message ?? err?.message ?? 'invalid arguments'} (see errlens --help)`);
    })
    .command(
      '$0 [files..]',
      'Scan logs (files, gzip files or standard input) for error codes',
      (y) =>
        y
          .positional('files', {
            type: 'string',
            array: true,
            describe: 'Log files, plain or gzip (detected by content); "-" or none reads standard input; quoted globs are expanded',
          })
          .options(scanOptions(OUTPUT_FORMATS)),
      (raw) => {
        const parsed = restoreDashes(raw);
        // Names after "--" land in `_`: they are files too (`errlens -- -odd-name.log`).
        const files = [...((parsed['files'] as unknown[] | undefined) ?? []), ...(parsed['_'] as unknown[])].map(String);
        set({ kind: 'scan', args: { ...(parsed as ScanArgs), files } });
      },
    )
    .command('catalog', 'Build a catalogue from error-code pages, or list one', (y) =>
      y
        .command(
          'build <paths..>',
          'Compile Markdown error-code pages, folders of pages or JSON catalogues into one JSON catalogue',
          (b) =>
            b
              .positional('paths', { type: 'string', array: true, describe: 'Pages, folders and JSON catalogues, layered in order' })
              .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'The JSON file to write', defaultDescription: 'stdout' }),
          (raw) => {
            const parsed = restoreDashes(raw);
            const output = parsed['output'] as string | undefined;
            set({ kind: 'catalog-build', paths: (parsed['paths'] as unknown[]).map(String), ...(output !== undefined ? { output } : {}) });
          },
        )
        .command(
          'list',
          'List every entry of the catalogue in use',
          (b) =>
            b
              .option('format', { choices: ['text', 'json'], default: 'text', describe: 'text: aligned columns; json: the catalogue as catalog build writes it' })
              .options(catalogueOptions()),
          (parsed) => set({ kind: 'catalog-list', format: parsed['format'] as 'text' | 'json', catalogue: catalogueArgs(parsed) }),
        )
        .demandCommand(1, 'catalog needs a subcommand: build or list'),
    )
    .command(
      'explain <query..>',
      'Explain a code, or find the entries a phrase from a log points to',
      (b) =>
        b
          .positional('query', { type: 'string', array: true, describe: 'A code (2302001) or words (over the max request)' })
          .option('format', { choices: ['text', 'json'], default: 'text', describe: 'Output format' })
          .options(catalogueOptions()),
      (parsed) =>
        set({
          kind: 'explain',
          query: (parsed['query'] as unknown[]).map(String).join(' '),
          format: parsed['format'] as 'text' | 'json',
          catalogue: catalogueArgs(parsed),
        }),
    )
    .command(
      'merge <files..>',
      'Merge summaries written by --format json into one',
      (b) =>
        b
          .positional('files', { type: 'string', array: true, describe: 'Summary JSON files' })
          .option('format', {
            choices: ['json', 'markdown', 'text'],
            requiresArg: true,
            describe: 'json merges again; markdown and text are for people',
            defaultDescription: 'text when stdout is a terminal, else json',
          }),
      (raw) => {
        const parsed = restoreDashes(raw);
        const format = parsed['format'] as 'json' | 'markdown' | 'text' | undefined;
        set({ kind: 'merge', files: (parsed['files'] as unknown[]).map(String), ...(format !== undefined ? { format } : {}) });
      },
    );
  for (const [command, description] of EXAMPLES) parser.example(command, description);
  parser.epilogue(
    'Exit status: 0 when something was found, 1 when nothing was, 2 on an error (130 after Ctrl-C, 143 after SIGTERM).\n' +
      'Defaults can be set in .errlensrc.json or the "errlens" key of package.json, searched upward from the working directory; flags win.',
  );
  return parser;
}

async function loadCatalogueFor(args: CatalogueArgs, config: ConfigValues, io: CliIo) {
  const { loadCatalogue } = await import('../catalogue/load.js');
  return loadCatalogue({
    catalogs: args.catalog ?? config.catalog ?? [],
    defaultCatalogue: args.defaultCatalog ?? config.defaultCatalog ?? true,
    onSkip: (skipped) => writeNotice(io.stderr, `skipped ${skipped.file}: ${skipped.reason}`),
  });
}

/** Carries out a parsed invocation and returns its exit status. */
async function dispatch(invocation: Invocation, io: CliIo, debug: boolean): Promise<number> {
  switch (invocation.kind) {
    case 'done':
      return 0;
    case 'scan': {
      const config = await findConfig(io.cwd, OUTPUT_FORMATS);
      const settings = resolveScanSettings(invocation.args, config?.values ?? {}, {
        stdoutIsTTY: io.stdout.isTTY === true,
        now: Date.now(),
      });
      const { runScan } = await import('./scan-command.js');
      return runScan(settings, io);
    }
    case 'catalog-build': {
      const { runCatalogBuild } = await import('./catalog-command.js');
      return runCatalogBuild({ paths: invocation.paths, ...(invocation.output !== undefined ? { output: invocation.output } : {}) }, { stdout: io.stdout, stderr: io.stderr, debug });
    }
    case 'catalog-list': {
      const config = await findConfig(io.cwd, OUTPUT_FORMATS);
      const catalogue = await loadCatalogueFor(invocation.catalogue, config?.values ?? {}, io);
      const { runCatalogList } = await import('./catalog-command.js');
      return runCatalogList({ catalogue, format: invocation.format }, { stdout: io.stdout, stderr: io.stderr, debug });
    }
    case 'explain': {
      const config = await findConfig(io.cwd, OUTPUT_FORMATS);
      const catalogue = await loadCatalogueFor(invocation.catalogue, config?.values ?? {}, io);
      const { runExplain } = await import('./explain-command.js');
      return runExplain({ catalogue, query: invocation.query, format: invocation.format }, { stdout: io.stdout, stderr: io.stderr, debug });
    }
    case 'merge': {
      const { runMerge } = await import('./merge-command.js');
      return runMerge({
        files: invocation.files,
        format: invocation.format ?? (io.stdout.isTTY === true ? 'text' : 'json'),
        stdout: io.stdout,
        stderr: io.stderr,
        errlensVersion: readVersion(),
        debug,
      });
    }
  }
}

/**
 * Runs errlens with the arguments after the script name and returns the exit status. Usage and config errors are
 * reported as `errlens: <what>: <where>` with status 2; `--help` and `--version` print and return 0.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let invocation: Invocation = { kind: 'done' };
  const debug = argv.includes('--debug');
  try {
    await buildParser(argv, io, (inv) => {
      invocation = inv;
    }).parseAsync();
    return await dispatch(invocation, io, debug);
  } catch (err) {
    reportError(io.stderr, err, debug);
    return EXIT_ERROR;
  }
}
