/**
 * Time zones for completing wall-clock times that carry no zone: the machine's local zone, UTC, a
 * fixed offset, or an IANA zone resolved with Intl. Offsets are cached per wall-clock hour, so a line
 * costs one comparison (same hour as the line before) or one Map lookup once its hour has been resolved.
 */
import { ErrlensError } from '../errors.js';

/** A zone that can turn a wall-clock time into an offset. */
export interface Zone {
  /** As shown in time assumptions: "local", "UTC", "+08:00", "Asia/Shanghai". */
  readonly name: string;
  /** True when the zone came from the caller (the `--tz` option) rather than the machine. */
  readonly chosen: boolean;
  /** False for UTC and fixed offsets, whose offset is part of their name already. */
  readonly variable: boolean;
  /** Minutes east of UTC in force at this wall-clock time (month 1..12). */
  offsetAt(year: number, month: number, day: number, hour: number): number;
}

const FIXED_OFFSET = /^([+-])(\d\d):?(\d\d)$/;

/** Largest cache before it is cleared; a log spanning 4096 distinct hours is 170 days long. */
const CACHE_LIMIT = 4096;

/**
 * Parses a `--tz` value: undefined (the machine's zone), "local", "UTC"/"Z"/"GMT", an offset such as
 * "+08:00" or "+0800", or an IANA name such as "Asia/Shanghai".
 * @throws ErrlensError E_USAGE "unknown time zone" for anything else.
 */
export function zoneFromOption(tz: string | undefined): Zone {
  if (tz === undefined) return localZone(false);
  const trimmed = tz.trim();
  const lower = trimmed.toLowerCase();
  if (lower === 'local') return localZone(true);
  if (lower === 'utc' || lower === 'z' || lower === 'gmt' || lower === 'etc/utc') return fixedZone('UTC', 0);
  const fixed = FIXED_OFFSET.exec(trimmed);
  if (fixed !== null) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3]);
    if (hours > 14 || minutes > 59) throw new ErrlensError('E_USAGE', 'unknown time zone', tz);
    const sign = fixed[1] === '-' ? -1 : 1;
    const offset = sign * (hours * 60 + minutes);
    return fixedZone(formatOffset(offset), offset);
  }
  return ianaZone(trimmed, tz);
}

/**
 * IANA zones by name, shared by every context (one per input file): the Intl formatter and the per-hour
 * offsets are built once. The machine zone is not shared, since changing process.env.TZ changes it.
 */
const ianaZones = new Map<string, Zone>();
const IANA_ZONES_LIMIT = 64;

/** Formats minutes east of UTC as "+08:00" / "-05:30". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

function fixedZone(name: string, offset: number): Zone {
  return new CachedZone(name, true, false, () => offset);
}

function hourKey(year: number, month: number, day: number, hour: number): number {
  return ((year * 16 + month) * 32 + day) * 32 + hour;
}

/**
 * Every zone is this one class, so the per-line `offsetAt` call site stays monomorphic; the expensive
 * wall-clock→offset function runs once per wall-clock hour (a last-hit slot, then a bounded map).
 */
class CachedZone implements Zone {
  readonly name: string;
  readonly chosen: boolean;
  readonly variable: boolean;
  private readonly compute: (y: number, mo: number, d: number, h: number) => number;
  private readonly cache = new Map<number, number>();
  private lastKey = -1;
  private lastOffset = 0;

  constructor(
    name: string,
    chosen: boolean,
    variable: boolean,
    compute: (y: number, mo: number, d: number, h: number) => number,
  ) {
    this.name = name;
    this.chosen = chosen;
    this.variable = variable;
    this.compute = compute;
  }

  offsetAt(y: number, mo: number, d: number, h: number): number {
    const key = hourKey(y, mo, d, h);
    if (key === this.lastKey) return this.lastOffset;
    let offset = this.cache.get(key);
    if (offset === undefined) {
      offset = this.compute(y, mo, d, h);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, offset);
    }
    this.lastKey = key;
    this.lastOffset = offset;
    return offset;
  }
}

function localZone(chosen: boolean): Zone {
  // The Date constructor applies the machine's zone rules, including DST, to a wall-clock time.
  return new CachedZone('local', chosen, true, (y, mo, d, h) => -new Date(y, mo - 1, d, h, 30).getTimezoneOffset());
}

function ianaZone(name: string, original: string): Zone {
  const known = ianaZones.get(name);
  if (known !== undefined) return known;
  const zone = buildIanaZone(name, original);
  if (ianaZones.size >= IANA_ZONES_LIMIT) ianaZones.clear();
  ianaZones.set(name, zone);
  return zone;
}

function buildIanaZone(name: string, original: string): Zone {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    throw new ErrlensError('E_USAGE', 'unknown time zone', original, { cause });
  }
  /** Offset in force at an instant: the zone's wall clock then, read back as if it were UTC, minus the instant. */
  const offsetAtInstant = (instant: number): number => {
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const part of formatter.formatToParts(instant)) {
      const v = Number(part.value);
      switch (part.type) {
        case 'year': y = v; break;
        case 'month': mo = v; break;
        case 'day': d = v; break;
        case 'hour': h = v; break;
        case 'minute': mi = v; break;
        case 'second': s = v; break;
        default: break;
      }
    }
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
  };
  return new CachedZone(name, true, true, (y, mo, d, h) => {
      // Resolve at half past the hour so a transition on the hour boundary is already in effect. The offsets
      // in force 18 hours either side bracket any one transition; a candidate is valid when the instant it
      // gives shows this wall-clock time.
      const wall = Date.UTC(y, mo - 1, d, h, 30);
      const before = offsetAtInstant(wall - 18 * 3_600_000);
      const after = offsetAtInstant(wall + 18 * 3_600_000);
      if (before === after) return before;
      const beforeValid = offsetAtInstant(wall - before * 60000) === before;
      const afterValid = offsetAtInstant(wall - after * 60000) === after;
      if (beforeValid && afterValid) return Math.max(before, after); // repeated hour: the earlier instant, as Date does
      if (afterValid) return after;
      return before; // valid, or a skipped hour: read it on the clock from before the change, as Date does
  });
}
