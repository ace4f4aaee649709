/**
 * Lines built to make regular expressions backtrack: long runs of what the rules look for, almost matching. The
 * tests check correctness (the scan completes and finds exactly the real code planted at the end, or nothing); the
 * time per KB on the same shapes is measured by the benchmarks, never asserted here.
 */
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { createExtractor } from '../../src/extract/index.js';
import { createParseContext, parseLine } from '../../src/parse/index.js';
import { scan } from './helpers/scan.js';

const KB = 1024;
const fill = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

/** [name, the repeated unit]: each unit is a near miss for some rule or parser. */
const ADVERSARIAL_UNITS: readonly (readonly [string, string])[] = [
  ['digits', '1234567890'],
  ['code-length digit runs', '2302001 '],
  ['"code" words without a number', 'code '],
  ['code keys with short numbers', 'code: 1 '],
  ['code keys with a minus and nothing', 'Err.code is: -'],
  ['open brackets', '['],
  ['open braces with a code key', '{"code":'],
  ['quotes', '"'],
  ['backslashes and quotes', '\\"\\\\'],
  ['marker near miss: connect already exis', 'Websocket connect already exis '],
  ['marker near miss: ParseUrl faile', 'ParseUrl faile '],
  ['hilog placeholders', '%{public}d '],
  ['hilog prefixes repeated', '05-14 09:12:05.012  5394  5418 E C015B0/'],
  ['ISO timestamps repeated', '2026-05-14T09:12:05.012+08:00 '],
  ['syslog priorities repeated', '<11>'],
  ['stack frame starts', 'at f (a.ets:'],
  ['error words', 'Error: Exception: BusinessError: '],
  ['equals and colons', '=:=:'],
  ['spaces and tabs', ' \t'],
  ['dots and digits (versions, IPs)', '10.0.0.1:8080.'],
  ['hex numbers', '0x7fffffff 0x'],
  ['minus signs', '-'],
  ['JSON keys', '"errorCode":"x","'],
  ['message phrases', 'over the max request number over the max '],
  ['CJK and emoji', '连接失败😀'],
];

const PLANTED = ' error code: 2101022';

describe('adversarial lines: the scan completes and stays correct', () => {
  const extractor = createExtractor(getDefaultCatalogue(), { unknown: true });
  const ctx = createParseContext({ year: 2026, tz: 'UTC' });

  test.each(ADVERSARIAL_UNITS.map(([name, unit]) => [name, unit]))('60 KB of %s, then a real code: the real code is found, nothing throws', (_name, unit) => {
    const line = fill(unit, 60 * KB) + PLANTED;
    const hits = extractor.extract(line, parseLine(line, ctx));
    expect(hits.map((h) => h.code)).toContain('2101022');
    const planted = hits.find((h) => h.code === '2101022');
    expect(planted?.span[0]).toBeGreaterThanOrEqual(60 * KB);
  });

  test.each(ADVERSARIAL_UNITS.map(([name, unit]) => [name, unit]))('100 KB of %s alone, in the scanner with a 1 MB line limit: one line, accounted for', async (_name, unit) => {
    const { stats } = await scan(`${fill(unit, 100 * KB)}\n`, { maxLineLength: 1024 * KB });
    expect(stats.linesRead).toBe(1);
    expect(stats.linesTooLong).toBe(0);
    expect(stats.linesWithHits + stats.linesWithoutHits + stats.linesUndecodable).toBe(1);
  });

  test('digits only, 100 KB: one number, not a code (no hit on a window of it)', () => {
    const line = fill('1234567890', 100 * KB);
    expect(extractor.extract(line, parseLine(line, ctx))).toEqual([]);
  });

  test('a hilog prefix then 60 KB of open braces and code keys, then the real code: found once', () => {
    const line = `05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ${fill('{"code":', 60 * KB)}${PLANTED}`;
    const hits = extractor.extract(line, parseLine(line, ctx)).filter((h) => h.code === '2101022');
    expect(hits).toHaveLength(1);
  });

  test('a JSON line with 5,000 keys and a code field last: parsed as JSON, the code found', () => {
    const fields = Array.from({ length: 5000 }, (_, i) => `"k${i}":"code ${i}"`).join(',');
    const line = `{"level":50,${fields},"code":2101022}`;
    const fieldsParsed = parseLine(line, ctx);
    expect(fieldsParsed.format).toBe('json');
    expect(extractor.extract(line, fieldsParsed).map((h) => h.code)).toContain('2101022');
  });
});
