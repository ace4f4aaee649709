/**
 * `errlens explain <code|words>`: everything the catalogue knows about a code, or the entries a phrase from a log
 * points to. Like Windows' err.exe, an ambiguous code shows every meaning.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { EXIT_FOUND, EXIT_NOT_FOUND } from '../errors.js';
import { sanitizeLines, sanitizeText } from '../report/sanitize.js';
import type { CatalogueEntry } from '../types.js';
import type { CommandIO } from './catalog-command.js';

/** Arguments of `errlens explain`. */
export interface ExplainArgs {
  readonly catalogue: Catalogue;
  /** A code ("2302001", "-1") or words from a message or log line ("over the max request"). */
  readonly query: string;
  readonly format: 'text' | 'json';
  /** Most entries shown for a words search (default 10); a code always shows all its meanings. */
  readonly limit?: number;
}

/**
 * How an explain query was matched: `code` exactly, `words` found in a message, alias, title or description, or
 * `text` for a pasted log line holding known codes or a known message or alias.
 */
export type ExplainMatch = 'code' | 'words' | 'text' | 'none';

// A whole number standing on its own: not part of a word, a version, a decimal or a longer number ("200x", "1.2").
const NUMBER = /(?<![\w.-])-?\d{1,12}(?![\w.])/g;

/**
 * The entries a query finds: by exact code first, else by words, else (for a pasted line) the known codes in it and
 * the entries whose message or alias it contains, in that order. Best first; at most `limit` unless matched by code.
 */
export function explainQuery(
  catalogue: Catalogue,
  query: string,
  limit = 10,
): { matchedBy: ExplainMatch; total: number; entries: readonly CatalogueEntry[] } {
  const text = query.trim();
  const byCode = catalogue.lookup(text);
  if (byCode.length > 0) return { matchedBy: 'code', total: byCode.length, entries: byCode };
  // A number the catalogue does not know is an unknown code, not words to look for in descriptions.
  if (/^-?\d+$/.test(text)) return { matchedBy: 'none', total: 0, entries: [] };
  const max = Math.max(1, limit);
  const found = catalogue.search(text);
  if (found.length > 0) return { matchedBy: 'words', total: found.length, entries: found.slice(0, max) };
  const inText = new Set<CatalogueEntry>();
  for (const [number] of text.matchAll(NUMBER)) for (const entry of catalogue.lookup(number)) inText.add(entry);
  for (const entry of catalogue.searchWithin(text)) inText.add(entry);
  if (inText.size === 0) return { matchedBy: 'none', total: 0, entries: [] };
  return { matchedBy: 'text', total: inText.size, entries: [...inText].slice(0, max) };
}

const LABEL_WIDTH = 13;

/**
 * `label` padded to the value column, then `value` with its continuation lines indented to that column. The value
 * comes from a catalogue page: it is made terminal-safe here, its line breaks kept as layout.
 */
function field(label: string, value: string): string {
  const indent = ' '.repeat(LABEL_WIDTH + 2);
  return `  ${label.padEnd(LABEL_WIDTH)}${sanitizeLines(value).split('\n').join(`\n${indent}`)}\n`;
}

/** A numbered list under a label; multi-line items (code blocks) stay aligned under their first line. */
function listField(label: string, items: readonly string[]): string {
  if (items.length === 0) return field(label, '(none documented)');
  const width = String(items.length).length + 2;
  const lines = items.map((item, i) => `${`${i + 1}.`.padEnd(width)}${item.split('\n').join(`\n${' '.repeat(width)}`)}`);
  return field(label, lines.join('\n'));
}

/**
 * One entry as text: code and title, then one labelled field per line. Every value is made terminal-safe (see
 * {@link field}): a catalogue page can hold escape sequences as easily as a log can.
 */
export function formatEntry(entry: CatalogueEntry): string {
  const s = sanitizeText;
  const origin = [entry.kit, entry.subsystem].filter((part): part is string => part !== null).map(s);
  let out = `${s(entry.code)}  ${entry.title === '' ? '(untitled)' : s(entry.title)}\n`;
  // One-line values are escaped whole (a line break in a title shows as \x0a); the others keep theirs as layout.
  out += field('Module', origin.length > 0 ? `${s(entry.module)} (${origin.join(', ')})` : s(entry.module));
  out += field('Page', `${s(entry.page.title)} (${s(entry.page.file)})`);
  out += field('Message', entry.message === '' ? '(none documented)' : entry.message);
  out += field('Description', entry.description === '' ? '(none documented)' : entry.description);
  out += listField('Causes', entry.causes);
  out += listField('Solutions', entry.solutions);
  if (entry.solutionsBy === 'errlens') out += field('', '(suggested by errlens: the page documents no solution)');
  out += field('Reference', `${s(entry.reference.page)}#${s(entry.reference.anchor)}`);
  // One alias a line: a line break inside an alias is escaped, not taken for the next alias.
  if (entry.aliases.length > 0) out += field('Aliases', entry.aliases.map((alias) => `"${s(alias)}"`).join('\n'));
  if (entry.systemOnly) out += field('System only', 'yes (documented for system applications)');
  return out;
}

/**
 * Explains a code or a phrase: prints title, module, page, message, description, causes, solutions, reference and
 * aliases of every matching entry (text), or `{ query, matchedBy, total, entries }` (json).
 *
 * @returns 0 when something matched, 1 when nothing did (a note goes to stderr in text format).
 */
export function runExplain(args: ExplainArgs, io: CommandIO): number {
  const result = explainQuery(args.catalogue, args.query, args.limit);
  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify({ query: args.query, ...result }, null, 2)}\n`);
    return result.entries.length > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
  }
  if (result.entries.length === 0) {
    // The query may be a pasted log line, escape sequences and all: echoed terminal-safe.
    const what = /^-?\d+$/.test(args.query.trim()) ? `no catalogue entry for code ${args.query.trim()}` : `no catalogue entry matches "${args.query}"`;
    io.stderr.write(`errlens: ${sanitizeText(what)}\n`);
    return EXIT_NOT_FOUND;
  }
  if (result.matchedBy === 'code' && result.total > 1) {
    io.stdout.write(`${sanitizeText(args.query.trim())} has ${result.total} meanings:\n\n`);
  } else if (result.matchedBy === 'words' || result.matchedBy === 'text') {
    const shown = result.entries.length < result.total ? ` (showing ${result.entries.length})` : '';
    const verb =
      result.matchedBy === 'words'
        ? `${result.total === 1 ? 'entry matches' : 'entries match'}`
        : `${result.total === 1 ? 'entry' : 'entries'} found in`;
    io.stdout.write(`${result.total} ${verb} "${sanitizeText(args.query)}"${shown}:\n\n`);
  }
  io.stdout.write(result.entries.map(formatEntry).join('\n'));
  return EXIT_FOUND;
}
