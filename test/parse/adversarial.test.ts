/**
 * Hostile lines: every regular expression must run in time linear in the line, so a 100 KB line of any one
 * character (or of a repeated prefix) must parse in milliseconds. A quadratic pattern takes seconds here.
 */
import fc from 'fast-check';
import { createParseContext, parseLine } from '../../src/parse/index.js';

const ctx = createParseContext({ year: 2026, tz: 'UTC' });
const SIZE = 100_000;
/** Generous for linear work on 100 KB (well under 1 ms in practice), far below what backtracking would need. */
const BUDGET_MS = 50;

const HILOG_HEAD = '04-19 17:02:14.735  5394  5394 I A03200/';

const hostile: readonly (readonly [string, string])[] = [
  ['digits', '1'.repeat(SIZE)],
  ['digits then a dot', '1'.repeat(SIZE) + '.'],
  ['spaces', ' '.repeat(SIZE)],
  ['spaces then digits', ' '.repeat(SIZE / 2) + '1'.repeat(SIZE / 2)],
  ['open brackets', '['.repeat(SIZE)],
  ['close brackets', ']'.repeat(SIZE)],
  ['open braces', '{'.repeat(SIZE)],
  ['braces then a close brace', '{'.repeat(SIZE) + '}'],
  ['angle brackets', '<'.repeat(SIZE)],
  ['colons', ':'.repeat(SIZE)],
  ['letters', 'A'.repeat(SIZE)],
  ['tabs', '\t'.repeat(SIZE)],
  ['NULs', '\u0000'.repeat(SIZE)],
  ['replacement characters', '\ufffd'.repeat(SIZE)],
  ['escape codes', '\u001b['.repeat(SIZE / 2)],
  ['repeated hilog dates', '04-19 '.repeat(SIZE / 6)],
  ['repeated ISO dates', '2026-11-21 '.repeat(SIZE / 11)],
  ['a hilog head without a tag separator', HILOG_HEAD + 'x'.repeat(SIZE)],
  ['a hilog head with endless slashes', HILOG_HEAD + '/'.repeat(SIZE)],
  ['a hilog head with spaces before the pid', '04-19 17:02:14.735' + ' '.repeat(SIZE) + '1'],
  ['pid-like runs', '04-19 17:02:14.735 ' + '1 '.repeat(SIZE / 2)],
  ['DevEco columns that never end', '08-20 11:06:01.891   1948-1948     A03d00/' + 'a '.repeat(SIZE / 2)],
  ['syslog fields that never end', '<34>1 ' + 'x '.repeat(SIZE / 2)],
  ['structured data that never closes', '<34>1 - h a 1 m [id k="' + '\\]'.repeat(SIZE / 2)],
  ['BSD time then spaces', '<34>Oct 11 22:14:15 ' + ' '.repeat(SIZE)],
  ['ISO time then separators', '2026-11-21T10:15:32Z ' + '| '.repeat(SIZE / 2)],
  ['ISO time then a long tag', '2026-11-21T10:15:32Z ERROR ' + 'a'.repeat(SIZE) + ':'],
  ['a bracket with a long inside', '[' + '1'.repeat(SIZE) + ']'],
  ['deep JSON arrays', '['.repeat(SIZE / 2) + ']'.repeat(SIZE / 2)],
  ['a JSON string of quotes and backslashes', '{"a":"' + '\\"'.repeat(SIZE / 2) + '"}'],
];

describe('hostile lines', () => {
  it.each(hostile)('parses 100 KB of %s quickly, without throwing', (_name, line) => {
    parseLine(line, ctx); // warm up the regexes
    const start = performance.now();
    const parsed = parseLine(line, ctx);
    const elapsed = performance.now() - start;
    expect(typeof parsed.message).toBe('string');
    expect(elapsed).toBeLessThan(BUDGET_MS);
  });

  it('never throws and always returns a format and a string message, whatever the line', () => {
    const piece = fc.constantFrom(
      '04-19 ', '17:02:14.735', '  5394', ' I ', 'A03200/', 'tag: ', '{', '}', '"', '[', ']', '<34>', '1 ',
      'Oct 11 ', '2026-11-21T', 'Z', '+08:00', ' ', '\t', '\r', '\u0000', '\ufffd', '\u001b[0m', '\\', ':', '-',
    );
    const line = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.array(piece, { maxLength: 30 }).map((a) => a.join('')));
    fc.assert(
      fc.property(line, (l) => {
        const parsed = parseLine(l, ctx);
        expect(typeof parsed.format).toBe('string');
        expect(typeof parsed.message).toBe('string');
        if (parsed.time !== undefined) expect(Number.isFinite(parsed.time)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
