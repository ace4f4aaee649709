/** Property: any hilog line built from fields parses back to those fields, whatever the spacing and case. */
import fc from 'fast-check';
import { createParseContext, parseLine } from '../../src/parse/index.js';

const ctx = createParseContext({ year: 2026, tz: 'UTC' });
const pad2 = (n: number): string => String(n).padStart(2, '0');
const chars = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));

const spaces = fc.integer({ min: 1, max: 4 }).map((n) => ' '.repeat(n));
const fields = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  fraction: chars('0123456789', 3, 9),
  pid: fc.integer({ min: 0, max: 99_999_999 }),
  tid: fc.integer({ min: 0, max: 99_999_999 }),
  level: fc.constantFrom('D', 'I', 'W', 'E', 'F'),
  domain: fc.tuple(fc.constantFrom('A', 'C', 'I', 'K', 'P', ''), chars('0123456789abcdefABCDEF', 5, 5)).map(([t, h]) => t + h),
  process: fc.option(chars('abcdefghijklmnopqrstuvwxyz0123456789._:*', 1, 24), { nil: undefined }),
  tag: chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-', 1, 32),
  message: fc.string({ maxLength: 80 }).filter((m) => !m.includes('\n') && !m.endsWith('\r')),
  gap1: spaces,
  gap2: spaces,
  gap3: spaces,
});

describe('hilog round trip', () => {
  it('parses every generated line back to its fields', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const time = `${pad2(f.month)}-${pad2(f.day)} ${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}.${f.fraction}`;
        const header = f.process === undefined ? f.tag : `${f.process}/${f.tag}`;
        const line = `${time}${f.gap1}${f.pid}${f.gap2}${f.tid}${f.gap3}${f.level} ${f.domain}/${header}: ${f.message}`;
        const parsed = parseLine(line, ctx);
        expect(parsed).toMatchObject({
          format: 'hilog',
          timeText: time,
          pid: f.pid,
          tid: f.tid,
          level: f.level,
          domain: f.domain,
          tag: f.tag,
          message: f.message,
        });
        expect(parsed.process).toBe(f.process);
        const ms = Number(f.fraction.slice(0, 3));
        expect(parsed.time).toBe(Date.UTC(2026, f.month - 1, f.day, f.hour, f.minute, f.second, ms));
      }),
      { numRuns: 2000 },
    );
  });
});
