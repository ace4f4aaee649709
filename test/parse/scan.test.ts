import fc from 'fast-check';
import {
  civilToEpochMs,
  lastOffset,
  scanDomain,
  scanHilogDateTime,
  scanIsoDateTime,
  scanOffset,
  wall,
} from '../../src/parse/scan.js';

describe('civilToEpochMs', () => {
  it('agrees with Date.UTC for every date from 1970 to 9999', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          expect(civilToEpochMs(y, mo, d, h, mi, s, ms)).toBe(Date.UTC(y, mo - 1, d, h, mi, s, ms));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('handles leap days and century rules', () => {
    expect(civilToEpochMs(2024, 2, 29, 0, 0, 0, 0)).toBe(Date.UTC(2024, 1, 29));
    expect(civilToEpochMs(2000, 3, 1, 0, 0, 0, 0)).toBe(Date.UTC(2000, 2, 1));
    expect(civilToEpochMs(2100, 3, 1, 0, 0, 0, 0)).toBe(Date.UTC(2100, 2, 1));
  });
});

describe('scanDomain', () => {
  it.each(['A03200/', 'C015b0/', 'P01FFF/', '0201/', 'd0201/', 'I00000/'])('accepts %s', (text) => {
    expect(scanDomain(text, 0)).toBe(text.length - 1);
  });

  it.each(['G123/', '123/', 'A0320000/', 'AG3200/', 'A03200', 'A03-00/', '/'])('refuses %s', (text) => {
    expect(scanDomain(text, 0)).toBe(-1);
  });
});

describe('scanOffset', () => {
  it.each([
    ['+08:00', 480, 6],
    ['+0800', 480, 5],
    ['-05', -300, 3],
    ['+05:45 x', 345, 6],
  ])('reads %j', (text, minutes, end) => {
    expect(scanOffset(text, 0)).toBe(end);
    expect(lastOffset()).toBe(minutes);
  });

  it.each(['+08000', '+15:00', '+08:60', '08:00', '+8'])('refuses %j', (text) => {
    expect(scanOffset(text, 0)).toBe(-1);
  });
});

describe('scanHilogDateTime', () => {
  it('reads a date without year, and one with', () => {
    expect(scanHilogDateTime('04-19 17:02:14.7351 rest', 0)).toBe(19);
    expect(wall).toMatchObject({ month: 4, day: 19, hour: 17, minute: 2, second: 14, ms: 735 });
    expect(wall.year).toBeNaN();
    expect(scanHilogDateTime('2025-04-19 17:02:14.7', 0)).toBe(21);
    expect(wall).toMatchObject({ year: 2025, ms: 700 });
  });

  it('requires the fraction, and at most nine digits of it', () => {
    expect(scanHilogDateTime('04-19 17:02:14 x', 0)).toBe(-1);
    expect(scanHilogDateTime('04-19 17:02:14.1234567890', 0)).toBe(-1);
  });
});

describe('scanIsoDateTime', () => {
  it('reads a date alone only when no time is required', () => {
    expect(scanIsoDateTime('2026-11-21', 0, false)).toBe(10);
    expect(scanIsoDateTime('2026-11-21 x', 0, true)).toBe(-1);
  });

  it('reads minutes-only times, commas and zones after a space', () => {
    expect(scanIsoDateTime('2026-11-21T10:15 rest', 0, true)).toBe(16);
    expect(scanIsoDateTime('2026-11-21 10:15:32,5 +0800 rest', 0, true)).toBe(27);
    expect(wall).toMatchObject({ second: 32, ms: 500, offset: 480 });
  });

  it('does not take a word starting with Z, or a number after the time, as a zone', () => {
    expect(scanIsoDateTime('2026-11-21T10:15:32 Zebra', 0, true)).toBe(19);
    expect(wall.offset).toBeNaN();
    expect(scanIsoDateTime('2026-11-21 10:15:32 -1234567', 0, true)).toBe(19);
    expect(wall.offset).toBeNaN();
  });
});
