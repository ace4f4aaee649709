/**
 * Reading catalogues from disk: Markdown pages, folders of pages, and JSON catalogues written by errlens, layered
 * over the embedded default.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ErrlensError } from '../errors.js';
import type { CatalogueEntry, CatalogueJson } from '../types.js';
import { Catalogue } from './catalogue.js';
import { getDefaultCatalogue } from './default-catalogue.js';

/** The largest page read from disk, in bytes. Real pages are under 100 KB; this refuses a stray log file or dump. */
export const MAX_PAGE_BYTES = 10 * 1024 * 1024;

/** The largest JSON catalogue read from disk, in bytes (the default catalogue of every OpenHarmony page is ~5 MB). */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** The most pages one folder may hold: beyond it, the folder is probably not a documentation tree. */
export const MAX_FOLDER_PAGES = 20_000;

/** Folder names never searched for pages: the docs' own test fixtures, and tooling folders. */
const SKIPPED_FOLDERS = new Set(['onlyfortest', 'node_modules']);

/** A file a folder build left out, and why. */
export interface SkippedPage {
  /** The path as found: the folder given joined with the page's relative path. */
  readonly file: string;
  readonly reason: string;
}

/** Options for {@link loadCatalogue}. */
export interface LoadCatalogueOptions {
  /** Pages, folders of pages or JSON catalogues, layered in order: a later entry with the same id wins. Default: none. */
  readonly catalogs?: readonly string[];
  /** Start from the embedded default catalogue (default true); false uses only `catalogs`. */
  readonly defaultCatalogue?: boolean;
  /** Told about each file a folder contributed nothing from (not an error-code page, link out of the folder, …). */
  readonly onSkip?: (skipped: SkippedPage) => void;
}

/** What {@link compileCatalogue} produces. */
export interface CompiledCatalogue {
  /** Every entry compiled, layered in the order of the paths. */
  readonly catalogue: Catalogue;
  /** Each page (or JSON catalogue) read, with the entries it gave. */
  readonly pages: readonly { readonly file: string; readonly entries: readonly CatalogueEntry[] }[];
  /** Files of folders that were left out, with the reason. */
  readonly skipped: readonly SkippedPage[];
}

interface SourceResult {
  readonly pages: { file: string; entries: readonly CatalogueEntry[] }[];
  readonly skipped: SkippedPage[];
  /** A JSON catalogue's own version. */
  readonly version?: string;
}

/** What reading catalogue files takes beyond the embedded default: see {@link fileReaders}. */
interface FileReaders {
  /** A page's entries, aliases and advice added, as the default catalogue's were at build time. */
  readonly compilePage: (text: string, file: string, location: string) => CatalogueEntry[];
  readonly parseCatalogueJson: (text: string, where: string) => CatalogueJson;
  /** The version of a catalogue made from pages: a hash of its entries. */
  readonly contentVersion: (entries: readonly CatalogueEntry[]) => string;
}

let readers: Promise<FileReaders> | undefined;

/**
 * The page compiler, the JSON catalogue parser and the hash, imported on first use: a scan with the embedded
 * catalogue alone (the usual run) reads no catalogue file, and would otherwise load a dozen modules at start-up.
 */
function fileReaders(): Promise<FileReaders> {
  readers ??= Promise.all([
    import('./parse-page.js'),
    import('./aliases.js'),
    import('./advice.js'),
    import('./catalogue-json.js'),
    import('node:crypto'),
  ]).then(([{ parsePage }, { withAliases }, { withAdvice }, { parseCatalogueJson }, { createHash }]) => ({
    compilePage: (text, file, location) => withAdvice(withAliases(parsePage(text, file, { location }).entries)),
    parseCatalogueJson,
    contentVersion: (entries) => `catalog@${createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 12)}`,
  }));
  return readers;
}

function readError(what: string, where: string, cause?: unknown): ErrlensError {
  return new ErrlensError('E_CATALOGUE_READ', what, where, cause === undefined ? undefined : { cause });
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return code ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Reads a text file after checking its size, so a huge file is refused before it is loaded. Only regular files are
 * read: a FIFO or a device such as /dev/zero would never end.
 */
async function readLimited(file: string, limit: number, kind: string): Promise<string> {
  let size: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw readError('not a regular file', file);
    size = stats.size;
  } catch (err) {
    if (err instanceof ErrlensError) throw err;
    throw readError(`cannot read catalogue (${describeFsError(err)})`, file, err);
  }
  if (size > limit) {
    throw readError(`${kind} too large (${size} bytes; the limit is ${limit} bytes)`, file);
  }
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw readError(`cannot read catalogue (${describeFsError(err)})`, file, err);
  }
}

/**
 * True when a page presents itself as an error-code page: its name (`errorcode-*.md`, `errcode-*.md`) or its title
 * ("… Error Codes"). A folder build must compile such pages; other pages are skipped when they do not compile.
 */
export function looksLikeErrorCodePage(file: string, text: string): boolean {
  if (/^err(?:or)?code[-_]/i.test(path.basename(file))) return true;
  const title = /^\s{0,3}#[ \t]+(.*)$/m.exec(text.slice(0, 4096));
  return title !== null && /error\s+codes?\.?\s*$/i.test(title[1] ?? '');
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Every `*.md` under `root` (sorted, relative paths with `/`), not following links out of it or into folders. */
async function collectPages(root: string): Promise<{ files: string[]; skipped: SkippedPage[] }> {
  const rootReal = await realpath(root);
  const files: string[] = [];
  const skipped: SkippedPage[] = [];
  const walk = async (relDir: string): Promise<void> => {
    let dirents: Dirent[];
    try {
      dirents = await readdir(path.join(root, relDir), { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: path.join(root, relDir), reason: `cannot read folder (${describeFsError(err)})` });
      return;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of dirents) {
      const rel = relDir === '' ? dirent.name : `${relDir}/${dirent.name}`;
      const isPage = dirent.name.toLowerCase().endsWith('.md');
      if (dirent.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(dirent.name) && !dirent.name.startsWith('.')) await walk(rel);
      } else if (dirent.isSymbolicLink()) {
        // Links are followed only to files inside the folder: a docs tree must not pull in pages from elsewhere,
        // and links to folders could loop.
        const target = await realpath(path.join(root, rel)).catch(() => undefined);
        const isFolder = target !== undefined && (await stat(target)).isDirectory();
        const file = path.join(root, rel);
        if (isFolder) skipped.push({ file, reason: 'symbolic link to a folder, not followed' });
        else if (!isPage) continue;
        else if (target === undefined) skipped.push({ file, reason: 'broken symbolic link' });
        else if (!isInside(rootReal, target)) skipped.push({ file, reason: 'symbolic link out of the folder, not followed' });
        else files.push(rel);
      } else if (dirent.isFile() && isPage) {
        files.push(rel);
      }
      if (files.length > MAX_FOLDER_PAGES) {
        throw readError(`more than ${MAX_FOLDER_PAGES} pages in the folder`, root);
      }
    }
  };
  await walk('');
  return { files, skipped };
}

async function readFolder(root: string, { compilePage }: FileReaders): Promise<SourceResult> {
  const { files, skipped } = await collectPages(root);
  const pages: SourceResult['pages'] = [];
  for (const rel of files) {
    const where = path.join(root, rel);
    let text: string;
    try {
      text = await readLimited(where, MAX_PAGE_BYTES, 'page');
    } catch (err) {
      if (err instanceof ErrlensError && !looksLikeErrorCodePage(rel, '')) {
        skipped.push({ file: where, reason: err.what });
        continue;
      }
      throw err;
    }
    try {
      pages.push({ file: rel, entries: compilePage(text, rel, where) });
    } catch (err) {
      if (err instanceof ErrlensError && !looksLikeErrorCodePage(rel, text)) {
        skipped.push({ file: where, reason: `not an error-code page: ${err.what}` });
        continue;
      }
      throw err;
    }
  }
  if (pages.length === 0) {
    throw readError('no error-code pages in the folder', root);
  }
  return { pages, skipped };
}

/** Reads one named path: a folder of pages, a JSON catalogue, or a page (which must compile). */
async function readSource(given: string, reading: FileReaders): Promise<SourceResult> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(given)).isDirectory();
  } catch (err) {
    throw readError(`cannot read catalogue (${describeFsError(err)})`, given, err);
  }
  if (isFolder) return readFolder(given, reading);
  const lower = given.toLowerCase();
  const isPage = lower.endsWith('.md') || lower.endsWith('.markdown');
  const text = await readLimited(given, isPage ? MAX_PAGE_BYTES : MAX_JSON_BYTES, isPage ? 'page' : 'catalogue');
  // JSON is recognised by name or, for a file named otherwise (e.g. from a pipe), by its first character.
  if (lower.endsWith('.json') || (!isPage && text.trimStart().startsWith('{'))) {
    const json = reading.parseCatalogueJson(text, given);
    return { pages: [{ file: given, entries: json.entries }], skipped: [], version: json.version };
  }
  if (text.length > MAX_PAGE_BYTES) {
    throw readError(`page too large (${text.length} characters; the limit is ${MAX_PAGE_BYTES})`, given);
  }
  const file = path.basename(given);
  return { pages: [{ file, entries: reading.compilePage(text, file, given) }], skipped: [] };
}

/** A catalogue of `entries` whose version is a hash of their content, so outputs can cite what they used. */
function contentCatalogue(entries: readonly CatalogueEntry[], { contentVersion }: FileReaders, version?: string): Catalogue {
  return new Catalogue(entries, version ?? contentVersion(entries));
}

/** Entries of several pages as one list, a later page's entry replacing an earlier one with the same id. */
function mergeEntries(pages: SourceResult['pages']): CatalogueEntry[] {
  const byId = new Map<string, CatalogueEntry>();
  for (const page of pages) for (const entry of page.entries) byId.set(entry.id, entry);
  return [...byId.values()];
}

/**
 * Compiles pages for `errlens catalog build`. Each path is a page, a folder of pages (searched recursively for
 * `*.md`, skipping `onlyfortest` folders and links out of the folder) or a JSON catalogue. In a folder, a page that
 * does not compile is skipped with a reason unless it presents itself as an error-code page (by name or title);
 * a page named directly must compile.
 *
 * @throws ErrlensError E_CATALOGUE_PARSE, E_CATALOGUE_SHAPE or E_CATALOGUE_READ on the first path that fails.
 */
export async function compileCatalogue(paths: readonly string[]): Promise<CompiledCatalogue> {
  if (paths.length === 0) throw new ErrlensError('E_USAGE', 'no pages or folders to compile');
  const reading = await fileReaders();
  const pages: SourceResult['pages'] = [];
  const skipped: SkippedPage[] = [];
  for (const given of paths) {
    const result = await readSource(given, reading);
    pages.push(...result.pages);
    skipped.push(...result.skipped);
  }
  return { catalogue: contentCatalogue(mergeEntries(pages), reading), pages, skipped };
}

/**
 * The catalogue to annotate with: the embedded default (unless `defaultCatalogue` is false), then each of `catalogs`
 * layered over it in order. A JSON catalogue keeps its own version; pages get a content hash.
 *
 * @throws ErrlensError E_CATALOGUE_PARSE, E_CATALOGUE_SHAPE or E_CATALOGUE_READ naming the file that failed.
 */
export async function loadCatalogue(options: LoadCatalogueOptions = {}): Promise<Catalogue> {
  let result = options.defaultCatalogue === false ? undefined : getDefaultCatalogue();
  for (const given of options.catalogs ?? []) {
    const reading = await fileReaders();
    const source = await readSource(given, reading);
    for (const skipped of source.skipped) options.onSkip?.(skipped);
    const layer = contentCatalogue(mergeEntries(source.pages), reading, source.version);
    result = result === undefined ? layer : result.layer(layer);
  }
  return result ?? new Catalogue([], 'empty');
}
