/**
 * The text report: the markdown table's content as a compact, aligned table for a terminal. No colour, no
 * markup; log content has its control characters escaped so it cannot drive the terminal.
 */
import type { CodeSummaryJson, SummaryJson } from './summary-json.js';
import { sanitizeText } from './sanitize.js';
import {
  describeCode,
  ellipsis,
  formatAccounting,
  formatDuration,
  formatMaybeTime,
  formatPeak,
  formatTime,
  formatTopNames,
  formatWindows,
  groupDigits,
  zoneOffset,
} from './summary-format.js';

/** Options of {@link renderText}. */
export interface TextOptions {
  /** The errlens version the header cites. */
  readonly errlensVersion?: string;
}

interface Column {
  readonly name: string;
  readonly max: number;
  readonly right?: boolean;
}

/** One line of plain, terminal-safe text. */
function clean(text: string): string {
  return sanitizeText(text.replace(/\t/g, ' '));
}

function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const cells = rows.map((r) => columns.map((c, i) => ellipsis(clean(r[i] ?? ''), c.max)));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((x, i) => {
        const w = widths[i] ?? 0;
        return columns[i]?.right === true ? x.padStart(w) : x.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.name)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

const CODE_COLUMNS: readonly Column[] = [
  { name: 'code', max: 12 },
  { name: 'module', max: 24 },
  { name: 'title', max: 36 },
  { name: 'count', max: 12, right: true },
  { name: 'first seen', max: 19 },
  { name: 'last seen', max: 19 },
  { name: 'peak/min', max: 16, right: true },
  { name: 'top tags; processes', max: 36 },
  { name: 'first suggested fix', max: 60 },
];

function codeRow(c: CodeSummaryJson): string[] {
  const d = describeCode(c);
  return [
    c.code,
    d.module,
    c.kind === 'ambiguous' ? (c.candidates ?? []).map((x) => x.title).join(' / ') : d.title,
    groupDigits(c.hits),
    formatMaybeTime(c.firstSeen),
    formatMaybeTime(c.lastSeen),
    formatPeak(c.peak),
    formatTopNames(c),
    d.fix === '' ? '—' : d.fix,
  ];
}

/** Renders a summary as a compact text table with a short header; ends with a newline. */
export function renderText(summary: SummaryJson, opts: TextOptions = {}): string {
  const s = summary;
  const out: string[] = [];
  for (const i of s.inputs) out.push(clean(`input   ${i.name}  ${groupDigits(i.size)} bytes  sha256 ${i.sha256}`));
  out.push(
    s.span === null
      ? 'span    no line carried a time'
      : `span    ${formatTime(s.span.first)} → ${formatTime(s.span.last)} (UTC${zoneOffset(s.span.first)})`,
  );
  if (s.timeAssumptions.length > 0) out.push(clean(`zone    ${s.timeAssumptions.join('; ')}`));
  out.push(
    `lines   ${formatAccounting(s.accounting)}`,
    `records ${groupDigits(s.accounting.records)}, ${groupDigits(s.accounting.recordsWithHits)} with hits; hits ${groupDigits(s.accounting.hits)}`,
    clean(`catalog ${s.catalogueVersions.join(', ') || 'unknown'}${opts.errlensVersion === undefined ? '' : `; errlens ${opts.errlensVersion}`}`),
    '',
  );
  const groups: [string, CodeSummaryJson[]][] = [
    ['codes', s.codes.filter((c) => c.kind === 'code')],
    ['ambiguous (several documented meanings)', s.codes.filter((c) => c.kind === 'ambiguous')],
    ['unknown (not in the catalogue)', s.codes.filter((c) => c.kind === 'unknown')],
  ];
  let any = false;
  for (const [title, list] of groups) {
    if (list.length === 0) continue;
    any = true;
    out.push(`${title}:`, ...renderTable(CODE_COLUMNS, list.map(codeRow)), '');
  }
  if (!any) out.push('no error codes found', '');
  for (const c of s.codes) {
    for (const b of c.bursts) {
      out.push(clean(`burst   ${c.code}: ${groupDigits(b.hits)} hits ${formatTime(b.start)} → ${formatTime(b.end)}`));
    }
  }
  for (const q of s.sequences) {
    out.push(
      clean(
        `follows ${q.fromCode} then ${q.toCode} within ${formatDuration(q.windowMs)}: in ${groupDigits(q.count)} of ${formatWindows(q.outOf, q.bucketMs)}`,
      ),
    );
  }
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
