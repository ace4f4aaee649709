import { parseTimeArg } from '../../src/cli/time-arg.js';

const NOW = Date.UTC(2026, 4, 14, 12, 0, 0);

describe('parseTimeArg', () => {
  it.each([
    ['30s', NOW - 30_000],
    ['10m', NOW - 600_000],
    ['2h', NOW - 7_200_000],
    ['1d', NOW - 86_400_000],
    ['1w', NOW - 7 * 86_400_000],
    ['500ms', NOW - 500],
    ['1.5h', NOW - 5_400_000],
  ])('reads the duration %s back from now', (text, expected) => {
    expect(parseTimeArg(text, '--since', NOW)).toBe(expected);
  });

  it.each([
    ['2026-05-14T09:12:05Z', Date.UTC(2026, 4, 14, 9, 12, 5)],
    ['2026-05-14T09:12:05.250+08:00', Date.UTC(2026, 4, 14, 1, 12, 5, 250)],
    ['2026-05-14 09:12-0130', Date.UTC(2026, 4, 14, 10, 42)],
  ])('reads the ISO time %s with its own zone', (text, expected) => {
    expect(parseTimeArg(text, '--since', NOW, 'Asia/Tokyo')).toBe(expected);
  });

  it('reads an ISO time without a zone in --tz', () => {
    expect(parseTimeArg('2026-05-14T09:00', '--until', NOW, '+08:00')).toBe(Date.UTC(2026, 4, 14, 1, 0));
    expect(parseTimeArg('2026-05-14', '--until', NOW, 'UTC')).toBe(Date.UTC(2026, 4, 14));
  });

  it.each(['yesterday', '2026-13-01', '2026-02-30', '10 minutes', '2026-05-14T25:00', ''])('rejects %j, naming the flag', (text) => {
    expect(() => parseTimeArg(text, '--until', NOW)).toThrow(/: --until$/);
  });
});
