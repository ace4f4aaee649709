/**
 * The page compiler: one OpenHarmony error-code Markdown page in, catalogue entries out. Pure (no I/O).
 */
import type { CatalogueEntry } from '../types.js';
import { renderInline } from './inline-text.js';
import { parseError, splitPageLines, type PageLine } from './page-lines.js';
import { placeholderPattern } from './placeholder-pattern.js';
import { messageAlternatives, renderList, renderMessage, renderText, sectionItems } from './section-items.js';
import { Slugger } from './slug.js';

/** The largest page (in UTF-16 code units) the compiler accepts: real pages are under 100 KB. */
export const MAX_PAGE_CHARS = 10 * 1024 * 1024;

/** What one page compiles to. */
export interface ParsedPage {
  /** The entries, in page order. */
  readonly entries: CatalogueEntry[];
  /** The page's `#` title as written, without a trailing full stop, e.g. "WebSocket Error Codes". */
  readonly title: string;
}

/** Options for {@link parsePage}. */
export interface ParsePageOptions {
  /** How errors name the page (e.g. the path the user gave); default: `file`. */
  readonly location?: string;
}

type Field = 'message' | 'description' | 'causes' | 'solutions';

/** Section labels seen on real pages (lower case, without the colon some pages add), and the field each fills. */
const LABELS: ReadonlyMap<string, Field> = new Map<string, Field>([
  ['error message', 'message'],
  ['error messages', 'message'],
  ['message', 'message'],
  ['error information', 'message'],
  ['error info', 'message'],
  ['description', 'description'],
  ['error description', 'description'],
  ['possible causes', 'causes'],
  ['possible cause', 'causes'],
  ['cause', 'causes'],
  ['causes', 'causes'],
  ['solution', 'solutions'],
  ['solutions', 'solutions'],
  ['procedure', 'solutions'],
  ['procedures', 'solutions'],
  ['handling procedure', 'solutions'],
  ['handling procedures', 'solutions'],
  ['resolution steps', 'solutions'],
  ['resolution', 'solutions'],
]);

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
// A code, then the end or a separator: "## 401 Title", "## 401: Title", "## 401 - Title" (but not "## 1.2 Setup").
const CODE_HEADING = /^(-?\d{1,12})(?:$|[\s:：]+(?:[-–—][ \t]+)?(.*)$)/;
const BOLD_LABEL = /^\s{0,3}\*\*([^*]{1,60})\*\*\s*(.*)$/;

/** The field a label names, or undefined when `text` is not a section label. */
function labelField(text: string): Field | undefined {
  const key = text.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '').toLowerCase();
  return LABELS.get(key);
}

/** Parses an ATX heading line; undefined when the line is not a heading. */
function parseHeading(text: string): { level: number; text: string } | undefined {
  const match = HEADING.exec(text);
  if (match === null) return undefined;
  // A closing sequence of #s (`## Title ##`) is not part of the title.
  const body = (match[2] ?? '').trim().replace(/(?:^|[ \t]+)#+$/, '');
  return { level: (match[1] ?? '#').length, text: body };
}

/** The short module name of a page: its title without the "Error Codes" suffix. */
export function moduleName(title: string): string {
  const name = title.replace(/\s*error\s+codes?$/i, '').trim();
  return name === '' ? title : name;
}

/** An entry being collected: its heading and the lines under each section label. */
interface Draft {
  readonly code: string;
  readonly title: string;
  readonly level: number;
  readonly anchor: string;
  readonly line: number;
  readonly systemOnly: boolean;
  readonly sections: Map<Field | 'preamble', PageLine[]>;
  section: Field | 'preamble';
  labelled: boolean;
}

/**
 * Compiles one error-code page. `file` names the page in entry ids and references (a file name, or a path relative
 * to the folder the page was found in).
 *
 * Each `##`/`###` heading that starts with a code (`## 2302001 WebSocket URL Error`, `## -1 …`) opens an entry;
 * a heading at the same or a higher level that is not a code (a category heading) closes it. Under it, bold labels
 * (`**Error Message**`, `**Cause**`, `**Handling Procedure**`, …) fill message, description, causes and solutions.
 *
 * @throws ErrlensError E_CATALOGUE_PARSE (`<reason>: <file>:<line>`) when the page has no `#` title, no error-code
 *   heading, a code heading without any recognised section, the same code twice, an unterminated code block, comment
 *   or Del region, or is larger than {@link MAX_PAGE_CHARS}: a page is compiled whole or not at all.
 */
export function parsePage(text: string, file: string, options: ParsePageOptions = {}): ParsedPage {
  const where = options.location ?? file;
  if (text.length > MAX_PAGE_CHARS) {
    throw parseError(`page too large (${text.length} characters; the limit is ${MAX_PAGE_CHARS})`, where, 1);
  }
  const { lines, kit, subsystem } = splitPageLines(text, where);
  const slugger = new Slugger();
  const seen = new Map<string, number>();
  const entries: CatalogueEntry[] = [];
  let title: string | undefined;
  let draft: Draft | undefined;

  const close = (): void => {
    if (draft === undefined) return;
    entries.push(finish(draft, file, where, title ?? '', kit, subsystem));
    draft = undefined;
  };

  for (const line of lines) {
    const heading = line.fence === null ? parseHeading(line.text) : undefined;
    if (heading !== undefined) {
      const rendered = renderInline(heading.text, { keepCodeTicks: false });
      const anchor = slugger.slug(rendered);
      const code = heading.level >= 2 ? CODE_HEADING.exec(rendered) : null;
      if (heading.level === 1 && title === undefined) {
        title = rendered.replace(/\.$/, '').trim();
        if (title === '') throw parseError('empty page title', where, line.no);
        continue;
      }
      if (code !== null) {
        if (title === undefined) throw parseError("error-code heading before the page's '#' title", where, line.no);
        close();
        const value = code[1] ?? '';
        const first = seen.get(value);
        if (first !== undefined) throw parseError(`duplicate code ${value} (first at line ${first})`, where, line.no);
        seen.set(value, line.no);
        draft = {
          code: value,
          title: (code[2] ?? '').replace(/\.$/, '').trim(),
          level: heading.level,
          anchor,
          line: line.no,
          systemOnly: line.inDel,
          sections: new Map(),
          section: 'preamble',
          labelled: false,
        };
        continue;
      }
      const field = labelField(rendered);
      if (draft !== undefined && heading.level > draft.level) {
        // Deeper headings belong to the entry: a label written as a heading, or a sub-heading kept as a paragraph.
        if (field !== undefined) switchSection(draft, field);
        else addLine(draft, { ...line, text: rendered });
        continue;
      }
      close();
      continue;
    }
    if (draft === undefined) continue; // page preamble and category introductions describe no code
    const label = line.fence === null ? BOLD_LABEL.exec(line.text) : null;
    const field = label !== null ? labelField(label[1] ?? '') : undefined;
    if (label !== null && field !== undefined) {
      switchSection(draft, field);
      const rest = (label[2] ?? '').replace(/^:\s*/, '');
      if (rest !== '') addLine(draft, { ...line, text: rest });
      continue;
    }
    addLine(draft, line);
  }
  close();

  if (title === undefined) throw parseError("no '#' page title", where, 1);
  if (entries.length === 0) throw parseError('no error-code headings (such as "## 2302001 Title")', where, 1);
  return { entries, title };
}

function switchSection(draft: Draft, field: Field): void {
  draft.section = field;
  draft.labelled = true;
  if (!draft.sections.has(field)) draft.sections.set(field, []);
}

function addLine(draft: Draft, line: PageLine): void {
  const list = draft.sections.get(draft.section);
  if (list === undefined) draft.sections.set(draft.section, [line]);
  else list.push(line);
}

function finish(
  draft: Draft,
  file: string,
  where: string,
  pageTitle: string,
  kit: string | null,
  subsystem: string | null,
): CatalogueEntry {
  if (!draft.labelled) {
    throw parseError(
      `no recognisable section (Error Message, Description, Possible Causes, Solution, …) under code ${draft.code}`,
      where,
      draft.line,
    );
  }
  const items = (field: Field | 'preamble') => sectionItems(draft.sections.get(field) ?? []);
  const messageItems = items('message');
  const message = renderMessage(messageItems);
  const description = renderText(items('description')) || renderText(items('preamble'));
  const pattern = placeholderPattern(message);
  const aliases = [...new Set(messageAlternatives(messageItems))].filter((alias) => alias !== message);
  return {
    id: `${file}#${draft.code}`,
    code: draft.code,
    page: { title: pageTitle, file },
    kit,
    subsystem,
    module: moduleName(pageTitle),
    title: draft.title,
    message,
    ...(pattern === undefined ? {} : { messagePattern: pattern }),
    description,
    causes: renderList(items('causes')),
    solutions: renderList(items('solutions')),
    reference: { page: file, anchor: draft.anchor },
    aliases,
    systemOnly: draft.systemOnly,
  };
}
