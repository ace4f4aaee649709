import { ErrlensError } from '../../src/errors.js';
import { createParseContext, parseLine } from '../../src/parse/index.js';

const HILOG = '04-19 17:02:14.735  5394  5394 E A03200/testTag: boom';

describe('createParseContext', () => {
  it('takes the fallback year from the file mtime and says so', () => {
    const ctx = createParseContext({ fileMtime: new Date('2025-06-01T00:00:00Z'), tz: 'UTC' });
    expect(ctx.fallbackYear).toBe(2025);
    expect(ctx.fallbackYearSource).toBe('file modified');
    const parsed = parseLine(HILOG, ctx);
    expect(parsed.time).toBe(Date.UTC(2025, 3, 19, 17, 2, 14, 735));
    expect(parsed.timeAssumption).toBe('year 2025 (file modified), zone UTC (--tz)');
  });

  it('falls back to the current year without a file', () => {
    const ctx = createParseContext({ tz: '+08:00', now: new Date('2027-08-01T00:00:00Z') });
    expect(ctx.fallbackYear).toBe(2027);
    expect(ctx.fallbackYearSource).toBe('current year');
    expect(parseLine(HILOG, ctx).timeAssumption).toBe('year 2027 (current year), zone +08:00 (--tz)');
  });

  it('prefers --year over the file mtime', () => {
    const ctx = createParseContext({ year: 2024, fileMtime: new Date('2026-06-01T00:00:00Z'), tz: 'UTC' });
    const parsed = parseLine(HILOG, ctx);
    expect(parsed.time).toBe(Date.UTC(2024, 3, 19, 17, 2, 14, 735));
    expect(parsed.timeAssumption).toBe('year 2024 (--year), zone UTC (--tz)');
  });

  it('takes the year before for dates that would fall after the file was written (December lines read in January)', () => {
    const ctx = createParseContext({ fileMtime: new Date('2026-01-02T08:00:00Z'), tz: 'UTC' });
    const december = parseLine('12-31 23:59:59.000  1  1 E A03200/t: late', ctx);
    expect(december.time).toBe(Date.UTC(2025, 11, 31, 23, 59, 59));
    expect(december.timeAssumption).toBe('year 2025 (file modified 2026, less one: 12-31 would be after it), zone UTC (--tz)');
    const january = parseLine('01-02 07:00:00.000  1  1 E A03200/t: early', ctx);
    expect(january.time).toBe(Date.UTC(2026, 0, 2, 7));
    expect(january.timeAssumption).toBe('year 2026 (file modified), zone UTC (--tz)');
  });

  it('reads the file year in the zone the lines are read in', () => {
    // 16:30 UTC on 31 December is already 00:30 on 1 January in +08:00.
    const ctx = createParseContext({ fileMtime: new Date('2025-12-31T16:30:00Z'), tz: '+08:00' });
    expect(ctx.fallbackYear).toBe(2026);
    expect(parseLine('01-01 00:10:00.000  1  1 E A03200/t: new year', ctx).time).toBe(Date.UTC(2025, 11, 31, 16, 10));
    expect(parseLine('12-31 23:50:00.000  1  1 E A03200/t: old year', ctx).time).toBe(Date.UTC(2025, 11, 31, 15, 50));
  });

  it('never rolls back a year given with --year', () => {
    const ctx = createParseContext({ year: 2026, fileMtime: new Date('2026-01-02T08:00:00Z'), tz: 'UTC' });
    expect(parseLine('12-31 23:59:59.000  1  1 E A03200/t: late', ctx).time).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
  });

  it.each(['Mars/Olympus_Mons', '+25:00', '+08:61', 'not a zone', ''])('rejects the time zone %j', (tz) => {
    let error: unknown;
    try {
      createParseContext({ tz });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ErrlensError);
    expect(error).toMatchObject({ code: 'E_USAGE', what: 'unknown time zone', where: tz });
  });

  it.each([1969, 2026.5, 10000])('rejects the year %p', (year) => {
    expect(() => createParseContext({ year })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  it('ignores an invalid mtime and uses the clock instead', () => {
    const ctx = createParseContext({ fileMtime: new Date(NaN), now: new Date('2030-03-03T00:00:00Z') });
    expect(ctx.fallbackYear).toBe(2030);
    expect(ctx.fallbackYearSource).toBe('current year');
  });

  it('uses the machine zone when no tz is given, and names its offset', () => {
    const ctx = createParseContext({ year: 2026 });
    const parsed = parseLine(HILOG, ctx);
    const expected = new Date(2026, 3, 19, 17, 2, 14, 735);
    expect(parsed.time).toBe(expected.getTime());
    const offset = -expected.getTimezoneOffset();
    const sign = offset < 0 ? '-' : '+';
    const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const mm = String(Math.abs(offset) % 60).padStart(2, '0');
    expect(parsed.timeAssumption).toBe(`year 2026 (--year), zone local ${sign}${hh}:${mm}`);
  });

  it('resolves IANA zones with their daylight-saving offset at each date', () => {
    const ctx = createParseContext({ year: 2026, tz: 'America/New_York' });
    const summer = parseLine('07-04 12:00:00.000  1  1 I A03200/t: summer', ctx);
    const winter = parseLine('01-15 12:00:00.000  1  1 I A03200/t: winter', ctx);
    expect(summer.time).toBe(Date.UTC(2026, 6, 4, 16));
    expect(winter.time).toBe(Date.UTC(2026, 0, 15, 17));
    expect(summer.timeAssumption).toBe('year 2026 (--year), zone America/New_York -04:00 (--tz)');
    expect(winter.timeAssumption).toBe('year 2026 (--year), zone America/New_York -05:00 (--tz)');
  });

  it('switches offset at the hour of a DST change (Europe/Berlin, 2026-03-29 02:00 → 03:00)', () => {
    const ctx = createParseContext({ year: 2026, tz: 'Europe/Berlin' });
    expect(parseLine('03-29 01:30:00.000  1  1 I A03200/t: before', ctx).time).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(parseLine('03-29 03:30:00.000  1  1 I A03200/t: after', ctx).time).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('treats "+0800", "+08:00" and "Asia/Shanghai" alike for a date without DST', () => {
    const times = ['+0800', '+08:00', 'Asia/Shanghai'].map(
      (tz) => parseLine(HILOG, createParseContext({ year: 2026, tz })).time,
    );
    expect(times).toEqual([Date.UTC(2026, 3, 19, 9, 2, 14, 735), Date.UTC(2026, 3, 19, 9, 2, 14, 735), Date.UTC(2026, 3, 19, 9, 2, 14, 735)]);
  });

  it('sets no timeAssumption when the line carries a full time', () => {
    const ctx = createParseContext({ year: 2020, tz: 'Asia/Shanghai' });
    const parsed = parseLine('2026-11-21T10:15:32.123Z ERROR x', ctx);
    expect(parsed.time).toBe(Date.UTC(2026, 10, 21, 10, 15, 32, 123));
    expect(parsed).not.toHaveProperty('timeAssumption');
  });

  it('accepts a hand-built context and validates its zone on first use', () => {
    const ctx = { fallbackYear: 2026, fallbackYearSource: 'test', tz: 'UTC' };
    expect(parseLine(HILOG, ctx).timeAssumption).toBe('year 2026 (test), zone UTC (--tz)');
    expect(() => parseLine(HILOG, { fallbackYear: 2026, fallbackYearSource: 'test', tz: 'Nowhere/Land' })).toThrow(
      ErrlensError,
    );
  });
});
