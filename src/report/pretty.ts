/**
 * The human writer: each record as pino-pretty prints a log line (time, level, message), followed by what each hit
 * means and the first thing to try; with `explain`, the whole catalogue entry.
 *
 *     [2026-09-26 14:46:56.819] ERROR: app.log:3 NETSTACK: [websocket_exec.cpp:1003] ParseUrl failed
 *         2302001 WebSocket URL Error (WebSocket)
 *           fix: Check that the URL starts with ws:// or wss://.
 *
 * pino-pretty formats the first line from the same pino envelope the NDJSON writer uses (level, time, msg), so the
 * two outputs agree on level names and time rendering. Everything taken from the log or the catalogue goes through
 * {@link sanitizeText} first: a log line cannot drive the terminal.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { prettyFactory } from 'pino-pretty';
import type { CatalogueEntry, Hit, LogRecord } from '../types.js';
import { sanitizeText } from './sanitize.js';

/** Options of {@link createPrettyFormatter} and {@link createPrettyWriter}. */
export interface PrettyOptions {
  /** Use ANSI colours (decide with `resolveColor`). Default false. */
  readonly color?: boolean;
  /** Print each hit's whole catalogue entry: message, description, causes, solutions, reference. Default false. */
  readonly explain?: boolean;
  /** Show times in UTC rather than the machine's zone. Default false. */
  readonly utc?: boolean;
  /** Continuation lines of a folded record shown before "… N more lines". Default 20. */
  readonly maxContinuationLines?: number;
}

const SGR = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
} as const;

type Style = keyof typeof SGR;
type Paint = (style: Style, text: string) => string;

const plain: Paint = (_style, text) => text;
const ansi: Paint = (style, text) => (text === '' ? text : `${SGR[style][0]}${text}${SGR[style][1]}`);

/** Indentation of the hit lines under a record, and of the details under a hit. */
const HIT_INDENT = '    ';
const DETAIL_INDENT = '      ';

/** The pino envelope pino-pretty formats: only the keys it shows. */
interface Envelope {
  level: number;
  time?: number;
  msg: string;
}

function sourceLabel(record: LogRecord): string {
  return `${record.source === '-' ? '<stdin>' : record.source}:${record.line}`;
}

/** Sanitised lines of a possibly multi-line text (catalogue solutions hold code blocks). */
function textLines(text: string): string[] {
  return text.split(/\r?\n/).map(sanitizeText);
}

function hitHead(hit: Hit, paint: Paint): string {
  const code = paint('bold', paint('red', sanitizeText(hit.code)));
  const printed = hit.internalCode !== undefined ? paint('dim', ` (printed as ${sanitizeText(hit.internalCode)})`) : '';
  if (hit.entry !== undefined) {
    return `${code} ${paint('bold', sanitizeText(hit.entry.title))} ${paint('dim', `(${sanitizeText(hit.entry.module)})`)}${printed}`;
  }
  if (hit.candidates !== undefined && hit.candidates.length > 0) {
    return `${code} ${paint('yellow', `one of ${hit.candidates.length} meanings`)}${printed}`;
  }
  const family = hit.family !== undefined ? `, ${sanitizeText(hit.family)} family` : '';
  return `${code} ${paint('yellow', `not in the catalogue${family}`)}${printed}`;
}

function labelled(label: string, text: string, paint: Paint, style: Style = 'dim'): string[] {
  const [first = '', ...rest] = textLines(text);
  const pad = ' '.repeat(label.length + 2);
  return [`${DETAIL_INDENT}${paint(style, `${label}:`)} ${first}`, ...rest.map((l) => `${DETAIL_INDENT}${pad}${l}`)];
}

function listed(label: string, items: readonly string[], paint: Paint): string[] {
  if (items.length === 0) return [];
  const out = [`${DETAIL_INDENT}${paint('dim', `${label}:`)}`];
  for (const item of items) {
    const [first = '', ...rest] = textLines(item);
    out.push(`${DETAIL_INDENT}  - ${first}`, ...rest.map((l) => `${DETAIL_INDENT}    ${l}`));
  }
  return out;
}

function entryDetails(entry: CatalogueEntry, explain: boolean, paint: Paint): string[] {
  if (!explain) {
    const fix = entry.solutions[0];
    return fix === undefined ? [] : labelled('fix', fix, paint, 'green');
  }
  return [
    ...(entry.message !== '' ? labelled('message', entry.message, paint) : []),
    ...(entry.description !== '' ? labelled('description', entry.description, paint) : []),
    ...listed('causes', entry.causes, paint),
    ...listed('solutions', entry.solutions, paint),
    ...labelled('reference', `${entry.reference.page}#${entry.reference.anchor}`, paint),
  ];
}

function hitLines(hit: Hit, explain: boolean, paint: Paint): string[] {
  const lines = [`${HIT_INDENT}${hitHead(hit, paint)}`];
  if (hit.entry !== undefined) lines.push(...entryDetails(hit.entry, explain, paint));
  for (const c of hit.candidates ?? []) {
    lines.push(`${DETAIL_INDENT}${paint('dim', '?')} ${sanitizeText(c.module)}: ${sanitizeText(c.title)}`);
    if (explain) lines.push(...entryDetails(c, true, paint).map((l) => `  ${l}`));
  }
  return lines;
}

/**
 * A function that formats one record as text (several lines, each ending in "\n").
 * Records without hits (passed on with `--all`) are printed dimmed and without hit lines.
 */
export function createPrettyFormatter(options: PrettyOptions = {}): (record: LogRecord) => string {
  const color = options.color ?? false;
  const explain = options.explain ?? false;
  const maxContinuation = options.maxContinuationLines ?? 20;
  const paint = color ? ansi : plain;
  const translateTime = `${options.utc === true ? 'UTC' : 'SYS'}:yyyy-mm-dd HH:MM:ss.l`;
  const base = { messageKey: 'msg', translateTime, hideObject: true, ignore: 'pid,hostname,name' } as const;
  const formatHit = prettyFactory({ ...base, colorize: color });
  // A record without hits is context, not news: printed dimmed, so pino-pretty's own colours are left out.
  const formatContext = prettyFactory({ ...base, colorize: false });

  return (record) => {
    const f = record.fields;
    const flags = [record.truncated === true ? 'truncated' : '', record.invalidUtf8 === true ? 'invalid UTF-8' : '']
      .filter((s) => s !== '')
      .map((s) => ` [${s}]`)
      .join('');
    const tag = f.tag !== undefined ? `${sanitizeText(f.tag)}: ` : '';
    const hasHits = record.hits.length > 0;
    // No colour inside the message: pino-pretty strips control characters from it, which would leave "[2m" behind.
    const where = sourceLabel(record);
    const envelope: Envelope = {
      level: f.levelNumber ?? 50,
      ...(f.time !== undefined ? { time: f.time } : {}),
      msg: `${where} ${tag}${sanitizeText(f.message)}${flags}`,
    };
    const lines = [(hasHits ? formatHit : formatContext)(envelope).replace(/\n$/, '')];
    if (record.lineCount > 1) {
      const rest = record.text.split('\n').slice(1);
      for (const line of rest.slice(0, maxContinuation)) lines.push(`  | ${sanitizeText(line)}`);
      const more = rest.length - maxContinuation;
      if (more > 0) lines.push(`  | … ${more} more line${more === 1 ? '' : 's'}`);
    }
    if (!hasHits) return `${lines.map((l) => paint('dim', l)).join('\n')}\n`;
    for (const hit of record.hits) lines.push(...hitLines(hit, explain, paint));
    return `${lines.join('\n')}\n`;
  };
}

/** A Transform from {@link LogRecord} objects (writable side, object mode) to pretty text. */
export function createPrettyWriter(options: PrettyOptions = {}): Transform {
  const format = createPrettyFormatter(options);
  return new Transform({
    writableObjectMode: true,
    transform(record: LogRecord, _encoding: BufferEncoding, callback: TransformCallback) {
      let text: string;
      try {
        text = format(record);
      } catch (err) {
        callback(err as Error);
        return;
      }
      callback(null, text);
    },
  });
}
