/**
 * Second pass of the page compiler: turns the lines under one section label into items (a paragraph, a list item, a
 * note, a table) and renders them as a message, a description or a list of causes/solutions.
 */
import { renderInline } from './inline-text.js';
import type { PageLine } from './page-lines.js';

/** prose: paragraph text; sub: a nested list item (shown on its own line with its marker); code, table: verbatim. */
type Part =
  | { readonly kind: 'prose'; text: string }
  | { readonly kind: 'sub'; readonly marker: string; text: string }
  | { readonly kind: 'code' | 'table'; readonly text: string };

/** One item of a section: a paragraph or a list item, with any code block or table that belongs to it. */
export interface SectionItem {
  /** The list marker as written ("1.", "-"), or null for a paragraph. */
  readonly marker: string | null;
  readonly parts: Part[];
}

const LIST_ITEM = /^(\s*)(\d{1,9}[.)]|[-*+])[ \t]+(\S.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const TABLE = /^\s*\|/;
const NOTE_LABEL = /^\s*(?:\*\*\s*([A-Za-z]+)\s*:?\s*\*\*|\[!([A-Za-z]+)\])\s*:?\s*$/;
const EMPTY_MARKERS = /^(?:n\/?a|none|-|—)\.?$/i;

function dedent(text: string, indent: number): string {
  let i = 0;
  while (i < indent && i < text.length && text[i] === ' ') i += 1;
  return text.slice(i);
}

/**
 * Groups a section's lines into items. A paragraph is one item, each list item is one item (its continuation lines
 * and indented follow-up paragraphs join it), a code block or an indented table joins the item before it, a
 * `> **NOTE**` block is an item of its own.
 */
export function sectionItems(lines: readonly PageLine[]): SectionItem[] {
  const items: SectionItem[] = [];
  let current: SectionItem | undefined;
  let open = false; // the current item's last part is prose that accepts continuation lines
  let blankBefore = false;
  let itemIndent = 0; // indentation of the current top-level list item's marker
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as PageLine;
    if (line.fence === 'open') {
      const indent = (/^\s*/.exec(line.text)?.[0] ?? '').length;
      const code: string[] = [];
      while (i < lines.length) {
        const codeLine = lines[i] as PageLine;
        code.push(dedent(codeLine.text, indent).trimEnd());
        i += 1;
        if (codeLine.fence === 'close') break;
      }
      const part: Part = { kind: 'code', text: code.join('\n') };
      if (current === undefined) {
        current = { marker: null, parts: [part] };
        items.push(current);
      } else current.parts.push(part);
      open = false;
      blankBefore = false;
      continue;
    }
    i += 1;
    const text = line.text;
    if (text.trim() === '') {
      blankBefore = true;
      open = false;
      continue;
    }
    const quote = QUOTE.exec(text);
    if (quote !== null) {
      const body: string[] = [quote[1] ?? ''];
      while (i < lines.length) {
        const next = lines[i] as PageLine;
        const more = next.fence === null ? QUOTE.exec(next.text) : null;
        if (more === null) break;
        body.push(more[1] ?? '');
        i += 1;
      }
      let label = '';
      const kept = body.filter((b) => {
        const note = NOTE_LABEL.exec(b);
        if (note === null) return b.trim() !== '';
        const word = note[1] ?? note[2] ?? '';
        label = word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
        return false;
      });
      if (kept.length > 0) {
        current = { marker: null, parts: [{ kind: 'prose', text: `${label === '' ? '' : `${label}: `}${kept.join(' ')}` }] };
        items.push(current);
      }
      open = false;
      blankBefore = false;
      continue;
    }
    const indent = (/^\s*/.exec(text)?.[0] ?? '').length;
    if (TABLE.test(text)) {
      const rows: string[] = [text.trim()];
      while (i < lines.length) {
        const next = lines[i] as PageLine;
        if (next.fence !== null || !TABLE.test(next.text)) break;
        rows.push(next.text.trim());
        i += 1;
      }
      const part: Part = { kind: 'table', text: rows.join('\n') };
      if (current !== undefined && (indent > 0 || !blankBefore)) current.parts.push(part);
      else {
        current = { marker: null, parts: [part] };
        items.push(current);
      }
      open = false;
      blankBefore = false;
      continue;
    }
    const listItem = LIST_ITEM.exec(text);
    if (listItem !== null) {
      const marker = listItem[2] ?? '-';
      if (current !== undefined && current.marker !== null && indent >= itemIndent + 2) {
        // A nested list belongs to the item above it: one cause or solution, with its sub-points.
        current.parts.push({ kind: 'sub', marker, text: listItem[3] ?? '' });
      } else {
        current = { marker, parts: [{ kind: 'prose', text: listItem[3] ?? '' }] };
        items.push(current);
        itemIndent = indent;
      }
      open = true;
      blankBefore = false;
      continue;
    }
    const last = current?.parts[current.parts.length - 1];
    if (current !== undefined && open && (last?.kind === 'prose' || last?.kind === 'sub')) {
      last.text += ` ${text.trim()}`;
    } else if (current !== undefined && current.marker !== null && blankBefore && indent >= 2) {
      // An indented paragraph after a blank line continues the list item above it.
      current.parts.push({ kind: 'prose', text: text.trim() });
    } else {
      current = { marker: null, parts: [{ kind: 'prose', text: text.trim() }] };
      items.push(current);
    }
    open = true;
    blankBefore = false;
  }
  return items;
}

/** True for an ordered-list marker ("1.", "2)"). */
function isOrdered(marker: string | null): boolean {
  return marker !== null && /\d/.test(marker);
}

/** The text of one item: prose rendered as plain text, code blocks and tables kept verbatim on their own lines. */
export function renderItem(item: SectionItem, options: { message?: boolean } = {}): string {
  let out = '';
  let previous: Part['kind'] | undefined;
  for (const part of item.parts) {
    let text: string;
    if (part.kind === 'prose') text = renderInline(part.text, { keepCodeTicks: options.message !== true });
    else if (part.kind === 'sub') {
      const body = renderInline(part.text, { keepCodeTicks: options.message !== true });
      if (isOrdered(part.marker)) text = `${part.marker} ${body}`;
      else text = options.message === true ? body : `- ${body}`;
    } else if (options.message === true && part.kind === 'code') {
      // A message printed in a code block is still the message: keep its text, not its fences.
      text = part.text.split('\n').slice(1, -1).join(' ').trim();
    } else text = part.text;
    if (text === '') continue;
    // Messages are one line; elsewhere sub-points, code and tables start lines of their own.
    const inline = part.kind === 'prose' && previous === 'prose';
    const joiner = out === '' ? '' : inline || (options.message === true && part.kind === 'sub') ? ' ' : '\n';
    out += joiner + text;
    previous = part.kind;
  }
  return out;
}

/** True when a section says only "NA", "N/A", "None" or "-": documented as having nothing. */
function saysNothing(items: readonly SectionItem[]): boolean {
  return items.length === 1 && EMPTY_MARKERS.test(renderItem(items[0] as SectionItem));
}

/** The section as a list (causes, solutions): each item one string, list markers dropped. */
export function renderList(items: readonly SectionItem[]): string[] {
  if (saysNothing(items)) return [];
  return items.map((item) => renderItem(item)).filter((text) => text !== '');
}

/** The section as one paragraph-per-line text (descriptions): numbered markers kept, bullets shown as "-". */
export function renderText(items: readonly SectionItem[]): string {
  if (saysNothing(items)) return '';
  return items
    .map((item) => {
      const text = renderItem(item);
      if (item.marker === null || text === '') return text;
      return `${isOrdered(item.marker) ? item.marker : '-'} ${text}`;
    })
    .filter((text) => text !== '')
    .join('\n');
}

/**
 * The section as an error message: lines joined with a space, numbered markers kept (runtime messages such as 401's
 * print "Possible causes: 1. …; 2. …"), bullets and inline-code backticks dropped.
 */
export function renderMessage(items: readonly SectionItem[]): string {
  if (saysNothing(items)) return '';
  return items
    .map((item) => {
      const text = renderItem(item, { message: true });
      return isOrdered(item.marker) && text !== '' ? `${item.marker} ${text}` : text;
    })
    .filter((text) => text !== '')
    .join(' ');
}

/**
 * When a message is documented as a bulleted list of alternatives ("any of the following: - A. - B."), each
 * alternative on its own; empty otherwise. Introductory items ending in ":" are left out.
 */
export function messageAlternatives(items: readonly SectionItem[]): string[] {
  const bullets = items.filter((item) => item.marker !== null && !isOrdered(item.marker));
  if (bullets.length < 2) return [];
  return bullets.map((item) => renderItem(item, { message: true })).filter((text) => text !== '' && !text.endsWith(':'));
}
