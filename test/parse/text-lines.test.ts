/** Syslog, ISO-prefixed and bracketed text lines: the cases beyond the one-line fixtures. */
import { createParseContext, parseLine } from '../../src/parse/index.js';

const ctx = createParseContext({ year: 2026, tz: 'UTC' });

describe('syslog', () => {
  it('maps every PRI severity to a name and a pino number', () => {
    const severities = [0, 1, 2, 3, 4, 5, 6, 7].map((sev) => {
      const p = parseLine(`<${8 + sev}>Oct 11 22:14:15 host app: x`, ctx);
      return [p.level, p.levelNumber];
    });
    expect(severities).toEqual([
      ['emerg', 60],
      ['alert', 60],
      ['crit', 60],
      ['err', 50],
      ['warning', 40],
      ['notice', 30],
      ['info', 30],
      ['debug', 20],
    ]);
  });

  it('reads an RFC 3339 time after a PRI (rsyslog templates)', () => {
    const p = parseLine('<30>2026-11-21T10:15:32.5+01:00 host netd[77]: link down', ctx);
    expect(p).toMatchObject({ format: 'syslog', tag: 'netd', pid: 77, message: 'link down', level: 'info' });
    expect(p.time).toBe(Date.UTC(2026, 10, 21, 9, 15, 32, 500));
  });

  it('keeps the message whole when there is no tag', () => {
    expect(parseLine('Oct 11 22:14:15 host just a message', ctx)).toMatchObject({ format: 'syslog', message: 'just a message' });
  });

  it('skips several structured-data elements with escaped quotes', () => {
    const p = parseLine('<14>1 2026-01-01T00:00:00Z h a - - [a x="1\\"]"][b y="2"] done', ctx);
    expect(p).toMatchObject({ format: 'syslog', message: 'done' });
    expect(p).not.toHaveProperty('pid');
  });
});

describe('ISO-prefixed text', () => {
  it.each([
    ['2026-11-21T10:15:32.123Z [ERROR] [ws] boom', 'ERROR', 'ws', 'boom'],
    ['2026-11-21 10:15:32.123 +0800 WARNING NetConn: slow', 'WARNING', 'NetConn', 'slow'],
    ['2026-11-21T10:15:32Z | INFO | started', 'INFO', undefined, 'started'],
    ['2026-11-21T10:15:32Z fatal: out of memory', 'fatal', undefined, 'out of memory'],
    ['2026-11-21T10:15:32Z W/ActivityManager: x', 'W', 'ActivityManager', 'x'],
    ['2026-11-21T10:15:32Z Wx/y: z', undefined, 'Wx/y', 'z'],
  ])('reads level and tag from %j', (line, level, tag, message) => {
    const p = parseLine(line, ctx);
    expect(p.format).toBe('iso');
    expect(p.level).toBe(level);
    expect(p.tag).toBe(tag);
    expect(p.message).toBe(message);
  });

  it('applies the offset written on the line', () => {
    expect(parseLine('2026-11-21 10:15:32.123 +0800 WARNING x', ctx).time).toBe(Date.UTC(2026, 10, 21, 2, 15, 32, 123));
    expect(parseLine('2026-11-21T10:15-05:00 x', ctx).time).toBe(Date.UTC(2026, 10, 21, 15, 15));
  });
});

describe('bracketed text', () => {
  it('reads an ISO time with T and zone inside the brackets', () => {
    const p = parseLine('[2026-11-21T10:15:32.123+08:00] WARN retry', ctx);
    expect(p).toMatchObject({ format: 'bracketed', level: 'WARN', message: 'retry' });
    expect(p.time).toBe(Date.UTC(2026, 10, 21, 2, 15, 32, 123));
  });

  it('keeps kernel-style uptime seconds as text only', () => {
    const p = parseLine('[  123.456789] usb 1-1: new device', ctx);
    expect(p).toMatchObject({ format: 'bracketed', timeText: '  123.456789', message: 'usb 1-1: new device' });
    expect(p).not.toHaveProperty('time');
  });

  it('does not take a level word that is only a prefix of the message', () => {
    const p = parseLine('[10:15:32] Errors were found', ctx);
    expect(p).not.toHaveProperty('level');
    expect(p.message).toBe('Errors were found');
  });
});
