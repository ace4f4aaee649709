/**
 * `errlens catalog build` and `errlens catalog list`: handlers that take their arguments and output sinks and return
 * an exit status, so they are tested without a process.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../catalogue/catalogue.js';
import { compileCatalogue } from '../catalogue/load.js';
import { EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND, ErrlensError } from '../errors.js';
import { sanitizeText } from '../report/sanitize.js';
import { reportError as writeError } from './report-error.js';

/** Where a command writes: anything with `write(text)`, such as process.stdout or a test buffer. */
export interface CommandIO {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  /** Print the stack of unexpected errors too (`--debug`). */
  readonly debug?: boolean;
}

/**
 * Writes `err` as `errlens: <what>: <where>` (and its stack under --debug), terminal-safe, and returns exit status 2.
 */
export function reportError(err: unknown, io: CommandIO): number {
  writeError(io.stderr, err, io.debug === true);
  return EXIT_ERROR;
}

/** Arguments of `errlens catalog build`. */
export interface CatalogBuildArgs {
  /** Pages, folders of pages and JSON catalogues to compile, in layering order. */
  readonly paths: readonly string[];
  /** The JSON file to write; `-` or absent writes the JSON to stdout (the summary then goes to stderr). */
  readonly output?: string;
}

/** Writes `text` to `file` through a temporary file, so a failed build never leaves half a catalogue behind. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (err) {
    await unlink(temporary).catch(() => undefined);
    throw new ErrlensError('E_OUTPUT', `cannot write catalogue (${(err as NodeJS.ErrnoException).code ?? String(err)})`, file, {
      cause: err,
    });
  }
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Compiles pages into a JSON catalogue (the form `--catalog x.json` reads). Prints how many pages and entries were
 * compiled, the entries of each page, and every file skipped with its reason.
 *
 * @returns 0 on success, 2 when a page, folder or the output fails (the error is printed as `errlens: …`).
 */
export async function runCatalogBuild(args: CatalogBuildArgs, io: CommandIO): Promise<number> {
  try {
    const { catalogue, pages, skipped } = await compileCatalogue(args.paths);
    const json = `${JSON.stringify(catalogue.toJSON(), null, 2)}\n`;
    const toStdout = args.output === undefined || args.output === '-';
    const summary = toStdout ? io.stderr : io.stdout;
    if (toStdout) io.stdout.write(json);
    else await writeAtomically(args.output, json);
    // File names, reasons and the version come from the pages and the file system: made terminal-safe.
    summary.write(
      `compiled ${count(pages.length, 'page', 'pages')}, ${count(catalogue.entries.length, 'entry', 'entries')} (${sanitizeText(catalogue.version)})\n`,
    );
    for (const page of pages) summary.write(`  ${sanitizeText(page.file)}: ${count(page.entries.length, 'entry', 'entries')}\n`);
    if (skipped.length > 0) {
      summary.write(`skipped ${count(skipped.length, 'file', 'files')}:\n`);
      for (const skip of skipped) summary.write(`  ${sanitizeText(skip.file)}: ${sanitizeText(skip.reason)}\n`);
    }
    if (!toStdout) summary.write(`wrote ${sanitizeText(args.output)}\n`);
    return EXIT_FOUND;
  } catch (err) {
    return reportError(err, io);
  }
}

/** Arguments of `errlens catalog list`. */
export interface CatalogListArgs {
  readonly catalogue: Catalogue;
  /** text: one line per entry; json: the catalogue as `catalog build` writes it. */
  readonly format: 'text' | 'json';
}

/**
 * Lists every entry of a catalogue. Text lines are `code  module  title  page` in aligned columns, system-only
 * entries marked `[system]`, after a header naming the catalogue version.
 *
 * @returns 0 when the catalogue has entries, 1 when it is empty.
 */
export function runCatalogList(args: CatalogListArgs, io: CommandIO): number {
  const { catalogue } = args;
  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify(catalogue.toJSON(), null, 2)}\n`);
  } else {
    // Every field comes from a catalogue page, which may hold escape sequences: each is made terminal-safe, and the
    // columns are aligned on what is printed.
    io.stdout.write(`# ${sanitizeText(catalogue.version)}: ${catalogue.entries.length} entries, ${catalogue.codes().length} codes\n`);
    const rows = catalogue.entries.map((e) => ({
      code: sanitizeText(e.code),
      module: sanitizeText(e.module),
      title: sanitizeText(e.title),
      file: sanitizeText(e.page.file),
      system: e.systemOnly,
    }));
    const codeWidth = Math.max(0, ...rows.map((r) => r.code.length));
    const moduleWidth = Math.max(0, ...rows.map((r) => r.module.length));
    for (const row of rows) {
      const system = row.system ? ' [system]' : '';
      io.stdout.write(`${row.code.padEnd(codeWidth)}  ${row.module.padEnd(moduleWidth)}  ${row.title}${system}  (${row.file})\n`);
    }
  }
  return catalogue.entries.length > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}
