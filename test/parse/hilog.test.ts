import { createParseContext, parseLine } from '../../src/parse/index.js';

const ctx = createParseContext({ year: 2026, tz: 'UTC' });

describe('hilog lines', () => {
  it('gives monotonic seconds as text only: they count from boot, not from 1970', () => {
    const parsed = parseLine('  8123.456  610  610 I C01800/samgr/SAMGR: AddProc', ctx);
    expect(parsed).toMatchObject({ format: 'hilog', timeText: '8123.456', process: 'samgr', tag: 'SAMGR' });
    expect(parsed).not.toHaveProperty('time');
    expect(parsed).not.toHaveProperty('timeAssumption');
  });

  it('reads epoch seconds with a micro- or nanosecond fraction, without assuming anything', () => {
    const parsed = parseLine('1713517334.735123456  5394  5394 W A03200/t: x', ctx);
    expect(parsed.time).toBe(1713517334735);
    expect(parsed).not.toHaveProperty('timeAssumption');
  });

  it('reads a UTC abbreviation as the zone, and says when an abbreviation is ambiguous', () => {
    const utc = parseLine('UTC 04-19 17:02:14.735  1  1 I A03200/t: x', createParseContext({ year: 2026, tz: '+08:00' }));
    expect(utc.time).toBe(Date.UTC(2026, 3, 19, 17, 2, 14, 735));
    expect(utc.timeAssumption).toBe('year 2026 (--year)');
    const cst = parseLine('CST 04-19 17:02:14.735  1  1 I A03200/t: x', createParseContext({ year: 2026, tz: '+08:00' }));
    expect(cst.time).toBe(Date.UTC(2026, 3, 19, 9, 2, 14, 735));
    expect(cst.timeAssumption).toBe('year 2026 (--year), zone +08:00 (--tz) (line\'s zone "CST" is ambiguous)');
  });

  it('keeps the tag and message apart when the message holds ": " and "/"', () => {
    const parsed = parseLine('04-19 17:02:14.735  1  1 E C015B0/NETSTACK: exec a/b failed errorCode: 2300007', ctx);
    expect(parsed).toMatchObject({ tag: 'NETSTACK', message: 'exec a/b failed errorCode: 2300007' });
    expect(parsed).not.toHaveProperty('process');
  });

  it('keeps a message that starts with a space (hilog prints "tag: " then the message as given)', () => {
    expect(parseLine('08-28 10:19:24.002   618 17580 W C01650/hiview/Rdb:  DB :', ctx).message).toBe(' DB :');
  });

  it('still recognises a line whose date is impossible, but gives it no time', () => {
    const parsed = parseLine('13-45 17:02:14.735  1  1 I A03200/t: odd clock', ctx);
    expect(parsed.format).toBe('hilog');
    expect(parsed).not.toHaveProperty('time');
  });

  it.each([
    ['no tag separator', '04-19 17:02:14.735  1  1 I A03200/tag without colon'],
    ['no domain slash', '04-19 17:02:14.735  1  1 I A03200 tag: msg'],
    ['unknown level letter', '04-19 17:02:14.735  1  1 X A03200/t: msg'],
    ['missing tid', '04-19 17:02:14.735  1 I A03200/t: msg'],
    ['non-hex domain', '04-19 17:02:14.735  1  1 I GXYZ12/t: msg'],
  ])('is not hilog with %s', (_name, line) => {
    expect(parseLine(line, ctx).format).not.toBe('hilog');
  });
});
