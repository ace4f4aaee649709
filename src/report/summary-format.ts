/**
 * Small formatters shared by the markdown and text renderings of a summary, so both say the same thing in the
 * same words: times, counts, peaks, top names, accounting.
 */
import type { LineAccounting } from '../types.js';
import type { CodeSummaryJson, NameCountJson } from './summary-json.js';
import { MINUTE_MS, type PeakJson } from './timeline.js';

/** 1234567 → "1,234,567", independent of locale. */
export function groupDigits(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The local zone's offset at `time` as "+08:00". */
export function zoneOffset(time: number): string {
  const minutes = -new Date(time).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Epoch ms as local "YYYY-MM-DD HH:MM:SS" (the offset is stated once, in the header). */
export function formatTime(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Epoch ms as local "HH:MM", or "MM-DD HH:MM" when `withDate`. */
export function formatClock(time: number, withDate: boolean): string {
  const d = new Date(time);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withDate ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}` : hm;
}

/** A duration as "5 s", "4 min", "2 h", "3 d" (the largest unit that divides it, else seconds). */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [MINUTE_MS, 'min'],
    [1_000, 's'],
  ];
  for (const [size, name] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${name}`;
  return `${ms} ms`;
}

/** "12" for a per-minute peak; "12 per 4 min" when the code's histogram had to be coarser; "—" without times. */
export function formatPeak(peak: PeakJson | null): string {
  if (peak === null) return '—';
  return peak.windowMs === MINUTE_MS ? groupDigits(peak.count) : `${groupDigits(peak.count)} per ${formatDuration(peak.windowMs)}`;
}

/** A time or "—" when absent. */
export function formatMaybeTime(time: number | null): string {
  return time === null ? '—' : formatTime(time);
}

function topNames(list: readonly NameCountJson[], n: number): string[] {
  return list.slice(0, n).map((x) => `${x.name} (${groupDigits(x.count)})`);
}

/** "NETSTACK (12), JSAPP (3); com.example.app (15)": the top tags, then the top processes. */
export function formatTopNames(c: CodeSummaryJson, n = 2): string {
  const parts = [topNames(c.tags, n).join(', '), topNames(c.processes, n).join(', ')].filter((x) => x !== '');
  return parts.length === 0 ? '—' : parts.join('; ');
}

/** "1,234 = 12 with hits + 1,200 without + 2 too long + 0 undecodable". */
export function formatAccounting(a: LineAccounting): string {
  return (
    `${groupDigits(a.linesRead)} = ${groupDigits(a.linesWithHits)} with hits + ${groupDigits(a.linesWithoutHits)} without` +
    ` + ${groupDigits(a.linesTooLong)} too long + ${groupDigits(a.linesUndecodable)} undecodable`
  );
}

/** The module and title of a code, or what stands in for them for ambiguous and unknown codes. */
export function describeCode(c: CodeSummaryJson): { module: string; title: string; fix: string } {
  if (c.entry !== undefined) return { module: c.entry.module, title: c.entry.title, fix: c.entry.solutions[0] ?? '' };
  if (c.candidates !== undefined) {
    return { module: [...new Set(c.candidates.map((x) => x.module))].join(' / '), title: 'ambiguous', fix: '' };
  }
  return { module: c.family ?? '', title: 'not in the catalogue', fix: '' };
}

/** Cuts `text` to `max` characters, ending with "…" when cut. */
export function ellipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}

/** "3 minutes", "1 minute", or "3 windows of 4 min" for wider buckets. */
export function formatWindows(n: number, bucketMs: number): string {
  if (bucketMs === MINUTE_MS) return `${groupDigits(n)} minute${n === 1 ? '' : 's'}`;
  return `${groupDigits(n)} window${n === 1 ? '' : 's'} of ${formatDuration(bucketMs)}`;
}
