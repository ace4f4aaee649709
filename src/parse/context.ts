/**
 * The parse context: what to assume when a line's time lacks its year or its zone, and the cached
 * machinery that completes such times cheaply on every line.
 */
import { ErrlensError } from '../errors.js';
import { civilToEpochMs } from './scan.js';
import { formatOffset, zoneFromOption, type Zone } from './zone.js';

/** What parseLine needs to complete times that lack a year or a zone. Build it with {@link createParseContext}. */
export interface ParseContext {
  /** The year to give times without one (the `--year` option). */
  readonly year?: number;
  /** The zone to give times without one (the `--tz` option): "UTC", "local", "+08:00", "+0800" or an IANA name; default the machine's zone. */
  readonly tz?: string;
  /** The year used when `year` is absent. */
  readonly fallbackYear: number;
  /** Why `fallbackYear` was chosen, shown in time assumptions: "file modified" or "current year". */
  readonly fallbackYearSource: string;
  /**
   * Epoch milliseconds no line can be later than (the file's mtime, or now). When a date completed with
   * `fallbackYear` would fall more than a day after it (the slack allows for clock skew), the year before is
   * used instead: a log written into January holds December lines from the year before. Absent: no such correction.
   */
  readonly notAfter?: number;
}

/** Options for {@link createParseContext}. */
export interface ParseContextOptions {
  /** The year to assume for lines without one; default: the year of `fileMtime`, else the current year. */
  readonly year?: number;
  /** The zone to assume for lines without one; default the machine's zone. */
  readonly tz?: string;
  /** The input file's modification time, when reading a file. */
  readonly fileMtime?: Date;
  /** The current time; default `new Date()` (tests pin it). */
  readonly now?: Date;
}

/**
 * Builds a parse context: the fallback year comes from the file's mtime ("file modified") or the clock
 * ("current year"), and the time zone is validated now rather than on the first line.
 * @throws ErrlensError E_USAGE "unknown time zone" for a bad `tz`, "invalid year" for a year outside 1970..9999.
 */
export function createParseContext(opts: ParseContextOptions = {}): ParseContext {
  if (opts.year !== undefined && !(Number.isInteger(opts.year) && opts.year >= 1970 && opts.year <= 9999)) {
    throw new ErrlensError('E_USAGE', 'invalid year', String(opts.year));
  }
  const mtime = opts.fileMtime !== undefined && !Number.isNaN(opts.fileMtime.getTime()) ? opts.fileMtime : undefined;
  const reference = mtime ?? opts.now ?? new Date();
  const zone = zoneFromOption(opts.tz); // validates tz before any line is read
  const ctx: ParseContext = {
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    ...(opts.tz !== undefined ? { tz: opts.tz } : {}),
    // The year in the zone the lines are read in: at 2025-12-31T16:30Z it is already 2026 in +08:00.
    fallbackYear: new Date(wallClockAt(reference.getTime(), zone)).getUTCFullYear(),
    fallbackYearSource: mtime !== undefined ? 'file modified' : 'current year',
    notAfter: reference.getTime(),
  };
  return ctx;
}

/**
 * The wall clock of `zone` at an instant, as epoch milliseconds read as UTC. The offset is looked up at the
 * UTC wall time, which is off by the offset itself only within hours of a DST change: harmless for finding a year.
 */
function wallClockAt(instant: number, zone: Zone): number {
  const d = new Date(instant);
  return instant + zone.offsetAt(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours()) * 60000;
}

const DAY_MS = 86_400_000;

/**
 * Completes wall-clock times under one context. `complete` returns the epoch time and leaves the
 * human-readable assumption in `assumption` (undefined when nothing was assumed), so the hot path allocates nothing.
 */
export class TimeResolver {
  /** The assumption made by the last `complete` call, or undefined when the line's time was complete. */
  assumption: string | undefined;
  // Copied out of the context so the hot path reads one class's fields, whatever shape the context has.
  private readonly year: number;
  private readonly fallbackYear: number;
  private readonly fallbackYearSource: string;
  /** `ctx.notAfter` as a wall-clock time in the zone (NaN when absent), comparable with a line's date. */
  private readonly notAfter: number;
  private readonly zone: Zone;
  private readonly assumptions = new Map<number, string>();

  constructor(ctx: ParseContext) {
    this.year = ctx.year ?? NaN;
    this.fallbackYear = ctx.fallbackYear;
    this.fallbackYearSource = ctx.fallbackYearSource;
    this.zone = zoneFromOption(ctx.tz);
    this.notAfter = ctx.notAfter === undefined ? NaN : wallClockAt(ctx.notAfter, this.zone);
  }

  /**
   * Epoch milliseconds of a wall-clock time, or NaN when a field is out of range.
   * @param year the line's year, or NaN when it has none
   * @param month 1..12
   * @param offset the line's offset in minutes east of UTC, or NaN when it has none
   */
  complete(
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    ms: number,
    offset: number,
  ): number {
    this.assumption = undefined;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
    let yearKey = 0;
    let y = year;
    if (Number.isNaN(y)) {
      if (!Number.isNaN(this.year)) {
        y = this.year;
        yearKey = y * 4;
      } else {
        y = this.fallbackYear;
        yearKey = y * 4 + 1;
        // NaN compares false, so no correction without a limit.
        if (civilToEpochMs(y, month, day, 0, 0, 0, 0) > this.notAfter + DAY_MS) {
          y -= 1;
          yearKey = y * 4 + 2;
        }
      }
    }
    let zoneKey = 0;
    let off = offset;
    if (Number.isNaN(off)) {
      off = this.zone.offsetAt(y, month, day, hour);
      zoneKey = off + 2048;
    }
    const wall = civilToEpochMs(y, month, day, hour, minute, second, ms);
    if (yearKey !== 0 || zoneKey !== 0) this.assumption = this.describe(yearKey, zoneKey, month, day);
    return wall - off * 60000;
  }

  private describe(yearKey: number, zoneKey: number, month: number, day: number): string {
    // Rolled-back years name the date that forced them, so that part of the key includes it.
    const key = yearKey % 4 === 2 ? (yearKey * 4096 + zoneKey) * 512 + month * 32 + day : yearKey * 4096 + zoneKey;
    let text = this.assumptions.get(key);
    if (text === undefined) {
      const parts: string[] = [];
      if (yearKey !== 0) parts.push(this.describeYear(yearKey, month, day));
      if (zoneKey !== 0) parts.push(this.describeZone(zoneKey - 2048));
      text = parts.join(', ');
      if (this.assumptions.size >= 1024) this.assumptions.clear();
      this.assumptions.set(key, text);
    }
    return text;
  }

  private describeYear(yearKey: number, month: number, day: number): string {
    const y = Math.floor(yearKey / 4);
    switch (yearKey % 4) {
      case 0:
        return `year ${y} (--year)`;
      case 1:
        return `year ${y} (${this.fallbackYearSource})`;
      default: {
        const mmdd = `${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
        return `year ${y} (${this.fallbackYearSource} ${y + 1}, less one: ${mmdd} would be after it)`;
      }
    }
  }

  private describeZone(offset: number): string {
    const zone = this.zone;
    if (!zone.chosen) return `zone local ${formatOffset(offset)}`;
    return zone.variable ? `zone ${zone.name} ${formatOffset(offset)} (--tz)` : `zone ${zone.name} (--tz)`;
  }
}

const resolvers = new WeakMap<ParseContext, TimeResolver>();

/** The cached resolver of a context, created on first use. @throws ErrlensError E_USAGE for a bad `ctx.tz`. */
export function resolverFor(ctx: ParseContext): TimeResolver {
  let resolver = resolvers.get(ctx);
  if (resolver === undefined) {
    resolver = new TimeResolver(ctx);
    resolvers.set(ctx, resolver);
  }
  return resolver;
}
