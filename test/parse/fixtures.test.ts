/**
 * One fixture per line format variant: fixtures/parse/<case>.log holds the lines exactly as a reader would see
 * them (CRLF, NULs and invalid UTF-8 included), <case>.expected.json the fields each line must parse to, under
 * year 2026 and zone UTC. "timeIso" in an expectation stands for `time`; `json` is compared exactly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createParseContext, parseLine } from '../../src/parse/index.js';

const dir = path.join(__dirname, '..', '..', 'fixtures', 'parse');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.log'))
  .map((f) => f.slice(0, -'.log'.length))
  .sort();

interface Expectation {
  timeIso?: string;
  json?: unknown;
  [field: string]: unknown;
}

const ctx = createParseContext({ year: 2026, tz: 'UTC' });

describe('parse fixtures', () => {
  it('has a case for every variant the parser claims to handle', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', (name) => {
    const text = readFileSync(path.join(dir, `${name}.log`), 'utf8');
    const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as Expectation[];
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      const { timeIso, json, ...fields } = expected[i] as Expectation;
      const parsed = parseLine(line, ctx);
      expect(parsed).toMatchObject(fields);
      if (timeIso !== undefined) expect(new Date(parsed.time ?? NaN).toISOString()).toBe(timeIso);
      if (json !== undefined) expect(parsed.json).toEqual(json);
    });
  });
});
