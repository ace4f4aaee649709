import { ErrlensError } from '../errors.js';
import { zoneFromOption } from '../parse/zone.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const RELATIVE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;

/** ISO 8601 date, optional time, optional zone: 2026-05-01, 2026-05-01T10:15, 2026-05-01 10:15:02.123+08:00. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a `--since`/`--until` value into epoch milliseconds.
 * Accepted: a duration back from `now` ("30s", "10m", "2h", "1d", "1w", "500ms"), or an ISO 8601 date-time. An ISO
 * time without a zone is read in `tz` (the `--tz` value; the machine's zone when absent), the zone in which
 * zoneless log lines are read too, so the filter and the lines agree.
 * @throws ErrlensError E_USAGE naming `flag` when the value is neither.
 */
export function parseTimeArg(value: string, flag: string, now: number, tz?: string): number {
  const text = value.trim();
  const rel = RELATIVE.exec(text);
  if (rel !== null) return now - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number);
  const iso = ISO.exec(text);
  if (iso !== null) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = iso;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const wall = Date.UTC(year, month - 1, day, hour, Number(mi), Number(s), Number(ms.padEnd(3, '0')));
    const check = new Date(wall);
    if (check.getUTCMonth() === month - 1 && check.getUTCDate() === day && hour < 24) {
      if (zone !== undefined) {
        if (zone.toUpperCase() === 'Z') return wall;
        const digits = zone.replace(':', '');
        const sign = digits.startsWith('-') ? -1 : 1;
        const offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
        return wall - offset * 60_000;
      }
      const offset = zoneFromOption(tz).offsetAt(year, month, day, hour);
      return wall - offset * 60_000;
    }
  }
  throw new ErrlensError('E_USAGE', `invalid time "${value}" (use ISO 8601 such as 2026-05-01T10:00:00Z, or a duration such as 10m, 2h, 1d)`, flag);
}
