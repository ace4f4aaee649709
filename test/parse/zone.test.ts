import { formatOffset, zoneFromOption } from '../../src/parse/zone.js';

describe('zoneFromOption', () => {
  it('gives UTC for its spellings', () => {
    for (const tz of ['UTC', 'utc', 'Z', 'GMT']) {
      const zone = zoneFromOption(tz);
      expect(zone.name).toBe('UTC');
      expect(zone.offsetAt(2026, 7, 1, 12)).toBe(0);
    }
  });

  it('parses fixed offsets with or without a colon', () => {
    expect(zoneFromOption('+0530').offsetAt(2026, 1, 1, 0)).toBe(330);
    expect(zoneFromOption('-03:00').offsetAt(2026, 1, 1, 0)).toBe(-180);
    expect(zoneFromOption('+0530').name).toBe('+05:30');
  });

  it('reads IANA offsets at the wall-clock time asked about', () => {
    const sydney = zoneFromOption('Australia/Sydney');
    expect(sydney.offsetAt(2026, 1, 15, 12)).toBe(660); // AEDT
    expect(sydney.offsetAt(2026, 7, 15, 12)).toBe(600); // AEST
    expect(zoneFromOption('Asia/Kathmandu').offsetAt(2026, 5, 1, 9)).toBe(345);
  });

  it('builds each IANA zone once, so contexts for many files share its formatter and offset cache', () => {
    expect(zoneFromOption('Asia/Tokyo')).toBe(zoneFromOption(' Asia/Tokyo '));
    expect(zoneFromOption('local')).not.toBe(zoneFromOption('local'));
  });

  it('marks the machine zone as not chosen and "local" as chosen', () => {
    expect(zoneFromOption(undefined).chosen).toBe(false);
    expect(zoneFromOption('local').chosen).toBe(true);
    const expected = -new Date(2026, 5, 1, 12, 30).getTimezoneOffset();
    expect(zoneFromOption('local').offsetAt(2026, 6, 1, 12)).toBe(expected);
  });
});

describe('formatOffset', () => {
  it('formats minutes east of UTC as ±HH:MM', () => {
    expect([0, 480, -300, 345, -570, 840].map(formatOffset)).toEqual([
      '+00:00',
      '+08:00',
      '-05:00',
      '+05:45',
      '-09:30',
      '+14:00',
    ]);
  });
});
