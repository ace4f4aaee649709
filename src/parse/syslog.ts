/**
 * Syslog lines: RFC 3164 (`<34>Oct 11 22:14:15 host app[123]: msg`, the PRI optional, or an RFC 3339
 * time in place of the BSD one) and RFC 5424 (`<165>1 2026-11-21T10:15:32.123Z host app 123 ID [sd] msg`).
 * The level is the PRI's severity name ("err", "warning"); the tag is the app name; the host is not kept.
 */
import type { ParsedLine } from '../types.js';
import type { TimeResolver } from './context.js';
import { setTimeFromWall, type ParsedLineDraft } from './fields.js';
import { setIsoTime } from './iso-time.js';
import { SYSLOG_SEVERITIES } from './levels.js';
import { scanIsoDateTime, wall } from './scan.js';

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m, i) => [m, i + 1]),
);

const PRI = /^<(\d{1,3})>/;
const RFC5424 = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) /;
const BSD_TIME = /^([A-Z][a-z]{2}) ([ \d]?\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? /;
// Sticky: matched at the position after the host. One bounded run, then literal characters: linear.
const HOST = /(\S+)(?: |$)/y;
const TAG = /([^\s:[\]]{1,64})(?:\[(\d{1,10})\])?:(?: |$)/y;

const MAX_PRI = 191;

/** Parses an RFC 5424 or RFC 3164 syslog line (with or without PRI), or returns undefined. */
export function parseSyslog(s: string, resolver: TimeResolver): ParsedLine | undefined {
  return s.charCodeAt(0) === 60 && RFC5424.test(s) ? parse5424(s, resolver) : parse3164(s, resolver);
}

function setPriority(draft: ParsedLineDraft, priText: string | undefined): boolean {
  if (priText === undefined) return true;
  const pri = Number(priText);
  if (pri > MAX_PRI) return false;
  const severity = SYSLOG_SEVERITIES[pri & 7];
  if (severity !== undefined) {
    draft.level = severity[0];
    draft.levelNumber = severity[1];
  }
  return true;
}

function parse5424(s: string, resolver: TimeResolver): ParsedLine | undefined {
  const m = RFC5424.exec(s);
  if (m === null) return undefined;
  const draft: ParsedLineDraft = { format: 'syslog', message: '' };
  if (!setPriority(draft, m[1])) return undefined;
  const timestamp = m[3] ?? '-';
  if (timestamp !== '-') {
    if (!setIsoTime(draft, timestamp, resolver)) return undefined;
    draft.timeText = timestamp;
  }
  const app = m[5] ?? '-';
  if (app !== '-') draft.tag = app;
  const procId = m[6] ?? '-';
  if (/^\d{1,10}$/.test(procId)) draft.pid = Number(procId);
  let i = skipStructuredData(s, m[0].length);
  if (s.charCodeAt(i) === 32) i++;
  if (s.charCodeAt(i) === 0xfeff) i++; // RFC 5424 marks UTF-8 messages with a BOM
  draft.message = s.slice(i);
  return draft;
}

/** The index after the STRUCTURED-DATA field ("-" or one or more [id key="value"] elements, `\]` and `\"` escaped). */
function skipStructuredData(s: string, pos: number): number {
  if (s.charCodeAt(pos) === 45) return pos + 1;
  let i = pos;
  while (s.charCodeAt(i) === 91) {
    let quoted = false;
    for (i++; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (quoted) {
        if (c === 92) i++;
        else if (c === 34) quoted = false;
      } else if (c === 34) {
        quoted = true;
      } else if (c === 93) {
        i++;
        break;
      }
    }
  }
  return i;
}

function parse3164(s: string, resolver: TimeResolver): ParsedLine | undefined {
  const draft: ParsedLineDraft = { format: 'syslog', message: '' };
  let pos = 0;
  const pri = PRI.exec(s);
  if (pri !== null) {
    if (!setPriority(draft, pri[1])) return undefined;
    pos = pri[0].length;
  }
  const rest = pos === 0 ? s : s.slice(pos);
  const bsd = BSD_TIME.exec(rest);
  if (bsd !== null) {
    const month = MONTHS.get(bsd[1] ?? '');
    if (month === undefined) return undefined;
    draft.timeText = bsd[0].slice(0, -1);
    wall.year = NaN;
    wall.month = month;
    wall.day = Number(bsd[2]);
    wall.hour = Number(bsd[3]);
    wall.minute = Number(bsd[4]);
    wall.second = Number(bsd[5]);
    wall.ms = bsd[6] === undefined ? 0 : Number(bsd[6].slice(0, 3).padEnd(3, '0'));
    wall.offset = NaN;
    setTimeFromWall(draft, resolver);
    pos += bsd[0].length;
  } else {
    // Only with a PRI is an RFC 3339 time taken as syslog; without one it is an ISO text line.
    const end = pri === null ? -1 : scanIsoDateTime(s, pos, true);
    if (end < 0 || s.charCodeAt(end) !== 32) return undefined;
    draft.timeText = s.slice(pos, end);
    setTimeFromWall(draft, resolver);
    pos = end + 1;
  }
  HOST.lastIndex = pos;
  const host = HOST.exec(s);
  if (host === null) return undefined;
  pos = HOST.lastIndex;
  TAG.lastIndex = pos;
  const tag = TAG.exec(s);
  if (tag !== null) {
    draft.tag = tag[1] ?? '';
    if (tag[2] !== undefined) draft.pid = Number(tag[2]);
    pos = TAG.lastIndex;
  }
  draft.message = s.slice(pos);
  return draft;
}
