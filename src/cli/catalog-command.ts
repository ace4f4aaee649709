/**
 * `errlens catalog build` and `errlens catalog list`: handlers that take their arguments and output sinks and return
 * an exit status, so they are tested without a process.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../catalogue/catalogue.js';
import { compileCatalogue } from '../catalogue/load.js';
import { EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND, ErrlensError, formatError } from '../errors.js';

/** Where a command writes: anything with `write(text)`, such as process.stdout or a test buffer. */
export interface CommandIO {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  /** Print the stack of unexpected errors too (`--debug`). */
  readonly debug?: boolean;
}

/** Writes `err` as `errlens: <what>: <where>` (and its stack under --debug) and returns exit status 2. */
export function reportError(err: unknown, io: CommandIO): number {
  io.stderr.write(`${formatError(err)}\n`);
  if (io.debug === true && err instanceof Error && err.stack !== undefined) io.stderr.write(`${err.stack}\n`);
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
    summary.write(
      `compiled ${count(pages.length, 'page', 'pages')}, ${count(catalogue.entries.length, 'entry', 'entries')} (${catalogue.version})\n`,
    );
    for (const page of pages) summary.write(`  ${page.file}: ${count(page.entries.length, 'entry', 'entries')}\n`);
    if (skipped.length > 0) {
      summary.write(`skipped ${count(skipped.length, 'file', 'files')}:\n`);
      for (const skip of skipped) summary.write(`  ${skip.file}: ${skip.reason}\n`);
    }
    if (!toStdout) summary.write(`wrote ${args.output}\n`);
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
    io.stdout.write(`# ${catalogue.version}: ${catalogue.entries.length} entries, ${catalogue.codes().length} codes\n`);
    const codeWidth = Math.max(0, ...catalogue.entries.map((e) => e.code.length));
    const moduleWidth = Math.max(0, ...catalogue.entries.map((e) => e.module.length));
    for (const entry of catalogue.entries) {
      const system = entry.systemOnly ? ' [system]' : '';
      io.stdout.write(
        `${entry.code.padEnd(codeWidth)}  ${entry.module.padEnd(moduleWidth)}  ${entry.title}${system}  (${entry.page.file})\n`,
      );
    }
  }
  return catalogue.entries.length > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}
