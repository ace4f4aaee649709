/**
 * The markdown report: a summary as a GitHub issue body. Header, one table of codes (most frequent first), tables
 * of ambiguous and unknown codes, a timeline (Mermaid xychart-beta and a plain table), bursts and sequences, then
 * per-code details with sample lines — all within a size budget.
 *
 * Log content (sample lines, tags, processes, sources, unknown codes) is escaped for where it lands: table cells
 * escape `|`, backticks and markup characters; sample lines sit in a fence longer than any backtick run they hold.
 */
import type { CodeSummaryJson, SampleJson, SummaryJson } from './summary-json.js';
import { sanitizeText } from './sanitize.js';
import {
  describeCode,
  ellipsis,
  formatAccounting,
  formatClock,
  formatDuration,
  formatMaybeTime,
  formatPeak,
  formatTime,
  formatTopNames,
  formatWindows,
  groupDigits,
  zoneOffset,
} from './summary-format.js';
import { DISPLAY_BUCKETS, displayTimeline } from './timeline.js';

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Most characters of output. Default 60 000 (a GitHub issue body holds 65 536). Counts are never cut. */
  readonly budget?: number;
  /** The errlens version the header cites. */
  readonly errlensVersion: string;
  /** Buckets in the timeline. Default 24. */
  readonly timelineBuckets?: number;
}

/** Default size budget in characters. */
export const DEFAULT_MARKDOWN_BUDGET = 60_000;
/** Codes drawn in the timeline chart (the most frequent). */
export const TIMELINE_SERIES = 5;
/** Codes whose details stay open when the report is over budget; the rest fold into `<details>`. */
export const OPEN_DETAILS = 10;
/** Longest first suggested fix shown in the table. */
const FIX_CHARS = 160;

/**
 * Escapes text for a table cell or a line of prose: control characters become visible escapes, line breaks
 * spaces, and characters that markdown or HTML would act on are backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return sanitizeText(text.replace(/\r\n|\r|\n/g, ' ')).replace(/[\\`*_[\]<>|#~!&]/g, (ch) => `\\${ch}`);
}

/** A fenced block holding `body`, with a fence longer than any run of backticks inside it. */
export function fence(body: string, info = 'text'): string {
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}${info}\n${body}\n${marks}`;
}

function table(head: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string {
  const sep = align.map((a) => (a === 'r' ? '---:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function header(s: SummaryJson, errlensVersion: string): string {
  const out: string[] = ['# errlens summary', ''];
  if (s.inputs.length > 0) {
    out.push(
      table(
        ['input', 'size (bytes)', 'sha256'],
        ['l', 'r', 'l'],
        s.inputs.map((i) => [escapeMarkdown(i.name), groupDigits(i.size), escapeMarkdown(i.sha256)]),
      ),
      '',
    );
  }
  const a = s.accounting;
  const span =
    s.span === null
      ? 'no line carried a time'
      : `${formatTime(s.span.first)} → ${formatTime(s.span.last)} (shown in UTC${zoneOffset(s.span.first)})`;
  out.push(
    `- **Time span:** ${span}`,
    `- **Zone assumed:** ${s.timeAssumptions.length === 0 ? 'none needed (times were complete)' : s.timeAssumptions.map(escapeMarkdown).join('; ')}`,
    `- **Lines read:** ${formatAccounting(a)}`,
    `- **Records:** ${groupDigits(a.records)}, ${groupDigits(a.recordsWithHits)} with hits; **hits:** ${groupDigits(a.hits)}`,
    `- **Catalogue:** ${s.catalogueVersions.length === 0 ? 'unknown' : s.catalogueVersions.map(escapeMarkdown).join(', ')}`,
    `- **errlens:** ${escapeMarkdown(errlensVersion)}${s.options.redacted ? '' : ' (samples not redacted)'}`,
  );
  return out.join('\n');
}

function codeTables(s: SummaryJson): string {
  const out: string[] = [];
  const known = s.codes.filter((c) => c.kind === 'code');
  const ambiguous = s.codes.filter((c) => c.kind === 'ambiguous');
  const unknown = s.codes.filter((c) => c.kind === 'unknown');
  out.push('## Codes', '');
  if (known.length === 0) out.push('No catalogued error code was found.');
  else {
    out.push(
      table(
        ['code', 'module', 'title', 'count', 'first seen', 'last seen', 'peak / min', 'top tags; processes', 'first suggested fix'],
        ['l', 'l', 'l', 'r', 'l', 'l', 'r', 'l', 'l'],
        known.map((c) => {
          const d = describeCode(c);
          return [
            escapeMarkdown(c.code),
            escapeMarkdown(d.module),
            escapeMarkdown(d.title),
            groupDigits(c.hits),
            formatMaybeTime(c.firstSeen),
            formatMaybeTime(c.lastSeen),
            formatPeak(c.peak),
            escapeMarkdown(formatTopNames(c)),
            escapeMarkdown(ellipsis(d.fix === '' ? '—' : d.fix, FIX_CHARS)),
          ];
        }),
      ),
    );
  }
  if (ambiguous.length > 0) {
    out.push(
      '',
      '### Ambiguous hits',
      '',
      'These codes are documented with several meanings and the line did not say which applies.',
      '',
      table(
        ['code', 'could be', 'count', 'first seen', 'last seen', 'top tags; processes'],
        ['l', 'l', 'r', 'l', 'l', 'l'],
        ambiguous.map((c) => [
          escapeMarkdown(c.code),
          escapeMarkdown((c.candidates ?? []).map((x) => `${x.module}: ${x.title}`).join('; ')),
          groupDigits(c.hits),
          formatMaybeTime(c.firstSeen),
          formatMaybeTime(c.lastSeen),
          escapeMarkdown(formatTopNames(c)),
        ]),
      ),
    );
  }
  if (unknown.length > 0) {
    out.push(
      '',
      '### Unknown codes',
      '',
      'Numbers that look like error codes but are not in the catalogue.',
      '',
      table(
        ['code', 'family', 'count', 'first seen', 'last seen', 'top tags; processes'],
        ['l', 'l', 'r', 'l', 'l', 'l'],
        unknown.map((c) => [
          escapeMarkdown(c.code),
          escapeMarkdown(c.family ?? '—'),
          groupDigits(c.hits),
          formatMaybeTime(c.firstSeen),
          formatMaybeTime(c.lastSeen),
          escapeMarkdown(formatTopNames(c)),
        ]),
      ),
    );
  }
  return out.join('\n');
}

function plural(n: number, word: string): string {
  return `${groupDigits(n)} ${word}${n === 1 ? '' : 's'}`;
}

function label(c: CodeSummaryJson): string {
  return c.kind === 'code' ? c.code : c.kind === 'ambiguous' ? `${c.code} (ambiguous)` : `${c.code} (unknown)`;
}

function timelineSection(s: SummaryJson, buckets: number): string {
  const top = s.codes.filter((c) => c.timeline.buckets.length > 0).slice(0, TIMELINE_SERIES);
  const view = displayTimeline(
    top.map((c) => ({ key: c.key, code: c.code, hits: c.hits, timeline: c.timeline })),
    buckets,
  );
  const out: string[] = ['## Timeline', ''];
  if (view === null) {
    out.push('No hit carried a time.');
    return out.join('\n');
  }
  const first = view.starts[0] ?? 0;
  const lastStart = view.starts[view.starts.length - 1] ?? first;
  const withDate = formatTime(first).slice(0, 10) !== formatTime(lastStart).slice(0, 10) || view.widthMs >= 86_400_000;
  const labels = view.starts.map((t) => formatClock(t, withDate));
  const max = Math.max(1, ...view.rows.flatMap((r) => r.counts));
  const width = formatDuration(view.widthMs);
  const names = top.map(label);
  out.push(
    `Hits per ${width}, ${groupDigits(view.starts.length)} buckets from ${formatTime(first)}; series in order: ${names.map(escapeMarkdown).join(', ')}.`,
    '',
    fence(
      [
        'xychart-beta',
        `  title "Hits per ${width}"`,
        `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
        `  y-axis "hits" 0 --> ${max}`,
        ...view.rows.map((r) => `  line [${r.counts.join(', ')}]`),
      ].join('\n'),
      'mermaid',
    ),
    '',
    table(
      ['from', ...names.map(escapeMarkdown)],
      ['l', ...names.map((): 'r' => 'r')],
      view.starts.map((t, i) => [formatClock(t, withDate), ...view.rows.map((r) => groupDigits(r.counts[i] ?? 0))]),
    ),
  );
  const bursts = s.codes.flatMap((c) => c.bursts.map((b) => ({ c, b })));
  if (bursts.length > 0) {
    out.push('', '### Bursts', '');
    for (const { c, b } of bursts) {
      const minutes = Math.max(1, (b.end - b.start) / 60_000);
      out.push(
        `- **${escapeMarkdown(label(c))}**: ${groupDigits(b.hits)} hits from ${formatTime(b.start)} to ${formatTime(b.end)}` +
          ` (${groupDigits(Math.round(b.hits / minutes))} per minute; ${groupDigits(c.hits)} in all).`,
      );
    }
  }
  if (s.sequences.length > 0) {
    out.push('', '### Codes that follow one another', '', 'When one code tends to come seconds after another, the first often causes the second.', '');
    for (const q of s.sequences) {
      out.push(
        `- **${escapeMarkdown(q.fromCode)}** then **${escapeMarkdown(q.toCode)}** within ${formatDuration(q.windowMs)}:` +
          ` in ${groupDigits(q.count)} of the ${formatWindows(q.outOf, q.bucketMs)} where ${escapeMarkdown(q.toCode)} appeared.`,
      );
    }
  }
  return out.join('\n');
}

function sampleBlock(x: SampleJson): string {
  const where = `${x.source}:${x.line}`;
  const when = x.time === null ? '' : ` · ${formatTime(x.time)}`;
  const lines = [
    ...x.before.map((t) => `  ${t}`),
    ...x.text.split('\n').map((t) => `» ${t}`),
    ...x.after.map((t) => `  ${t}`),
  ].map((l) => sanitizeText(l));
  return `${escapeMarkdown(where)}${when} (${x.role})\n\n${fence(lines.join('\n'))}`;
}

/** How much of a code's section is shown. */
type Level = 'full' | 'folded' | 'no-samples' | 'omitted';

function numbered(items: readonly string[]): string {
  return items.map((x, i) => `${i + 1}. ${x.replace(/\s*\n\s*/g, ' ')}`).join('\n');
}

function section(c: CodeSummaryJson, rank: number, level: Level, s: SummaryJson): string {
  if (level === 'omitted') return '';
  const d = describeCode(c);
  const heading = `### ${escapeMarkdown(label(c))} · ${escapeMarkdown(d.module || '—')} · ${escapeMarkdown(d.title)}`;
  const body: string[] = [`**${plural(c.hits, 'hit')}** in ${plural(c.records, 'record')}.`];
  const e = c.entry;
  if (e !== undefined) {
    if (e.message !== '') body.push(`**Error message:** ${e.message}`);
    if (e.description !== '') body.push(`**Description:** ${e.description}`);
    if (e.causes.length > 0) body.push(`**Possible causes:**\n\n${numbered(e.causes)}`);
    if (e.solutions.length > 0) body.push(`**Solution:**\n\n${numbered(e.solutions)}`);
    body.push(`Reference: ${escapeMarkdown(e.pageTitle)}, \`${e.reference.page}#${e.reference.anchor}\``);
  }
  if (c.candidates !== undefined) {
    body.push(`**Could be:**\n\n${c.candidates.map((x) => `- ${escapeMarkdown(`${x.module}: ${x.title}`)} (\`${x.id}\`)`).join('\n')}`);
  }
  if (c.untimedHits > 0) body.push(`${plural(c.untimedHits, 'hit')} had no time and ${c.untimedHits === 1 ? 'is' : 'are'} in no timeline.`);
  if (level !== 'no-samples' && c.samples.length > 0) {
    const blocks = c.samples.map(sampleBlock).join('\n\n');
    const title = `Samples (${c.samples.length} of ${plural(c.records, 'record')}${s.options.redacted ? ', redacted' : ''})`;
    body.push(level === 'full' ? `**${title}:**\n\n${blocks}` : `<details><summary>${title}</summary>\n\n${blocks}\n\n</details>`);
  }
  if (level !== 'full' && rank >= OPEN_DETAILS) {
    return `<details><summary>${heading.slice(4)}</summary>\n\n${body.join('\n\n')}\n\n</details>`;
  }
  return `${heading}\n\n${body.join('\n\n')}`;
}

function omissionNote(levels: readonly Level[], codes: readonly CodeSummaryJson[], budget: number, over = false): string {
  const noSamples = codes.filter((_, i) => levels[i] === 'no-samples' || levels[i] === 'omitted').map((c) => label(c));
  const omitted = codes.filter((_, i) => levels[i] === 'omitted').map((c) => label(c));
  if (noSamples.length === 0) return '';
  const parts = [`samples of ${noSamples.length} codes (${noSamples.map(escapeMarkdown).join(', ')})`];
  if (omitted.length > 0) parts.push(`details of ${omitted.length} codes (${omitted.map(escapeMarkdown).join(', ')})`);
  return (
    `> **Left out** to stay within ${groupDigits(budget)} characters: ${parts.join('; ')}.` +
    ' Counts are complete; `--format json` has everything.' +
    (over ? ' The tables alone exceed the budget, since counts are never cut.' : '')
  );
}

/**
 * Renders a summary as markdown for a GitHub issue. When the whole exceeds `budget` characters, samples and the
 * details of codes ranked below {@link OPEN_DETAILS} fold into `<details>` blocks; if still over, samples and then
 * details are cut, lowest-ranked first, and a note lists what was left out. Header, tables and the timeline are
 * never cut, so a report with very many codes can still exceed the budget.
 */
export function renderMarkdown(summary: SummaryJson, opts: MarkdownOptions): string {
  const budget = opts.budget ?? DEFAULT_MARKDOWN_BUDGET;
  const fixed = [
    header(summary, opts.errlensVersion),
    codeTables(summary),
    timelineSection(summary, opts.timelineBuckets ?? DISPLAY_BUCKETS),
  ].join('\n\n');
  const codes = summary.codes;
  const levels: Level[] = codes.map(() => 'full');
  const sizes = new Map<string, number>();
  const sectionText = (i: number): string => {
    const c = codes[i];
    return c === undefined ? '' : section(c, i, levels[i] ?? 'full', summary);
  };
  const sizeOf = (i: number): number => {
    const id = `${i}:${levels[i]}`;
    let n = sizes.get(id);
    if (n === undefined) {
      const text = sectionText(i);
      n = text === '' ? 0 : text.length + 2;
      sizes.set(id, n);
    }
    return n;
  };
  const total = (): number => {
    let n = fixed.length + '\n\n## Details\n\n'.length + omissionNote(levels, codes, budget).length + 2;
    for (let i = 0; i < codes.length; i++) n += sizeOf(i);
    return n;
  };

  if (total() > budget) {
    for (let i = 0; i < codes.length; i++) levels[i] = 'folded';
    // Cut samples, then whole details, from the lowest-ranked code up, until it fits.
    for (const cutTo of ['no-samples', 'omitted'] as const) {
      for (let i = codes.length - 1; i >= 0 && total() > budget; i--) levels[i] = cutTo;
    }
  }

  const note = omissionNote(levels, codes, budget, total() > budget);
  const sections = codes.map((_, i) => sectionText(i)).filter((x) => x !== '');
  const details = ['## Details', ...(note === '' ? [] : [note]), ...sections];
  return `${fixed}\n\n${details.join('\n\n')}\n`;
}
