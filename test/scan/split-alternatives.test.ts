import fc from 'fast-check';
import { splitPrefilter, topLevelAlternatives } from '../../src/scan/split-alternatives.js';

describe('topLevelAlternatives', () => {
  test.each([
    ['a|b|c', ['a', 'b', 'c']],
    ['(?:a|b)|c', ['(?:a|b)', 'c']],
    ['[|]|x', ['[|]', 'x']],
    ['\\||x', ['\\|', 'x']],
    ['(?<![0-9])(?:2|3)(?![0-9])|word', ['(?<![0-9])(?:2|3)(?![0-9])', 'word']],
    ['[\\]|]x|y', ['[\\]|]x', 'y']],
  ])('%s', (source, parts) => {
    expect(topLevelAlternatives(source)).toEqual(parts);
  });

  test.each(['abc', '(a|b)', '(a)|\\1', '(?<n>a)|\\k<n>'])('%s is not split', (source) => {
    expect(topLevelAlternatives(source)).toBeUndefined();
  });
});

describe('splitPrefilter', () => {
  test('digits-first and letter-first alternatives go to two expressions with the same flags', () => {
    const parts = splitPrefilter(/2302\d{3}|code|(?<!\d)401|err/gim);
    expect(parts.map((r) => r.source)).toEqual(['2302\\d{3}|(?<!\\d)401', 'code|err']);
    expect(parts.every((r) => r.flags === 'gim')).toBe(true);
  });

  test('one kind only, or one alternative: unchanged', () => {
    const re = /code|err/g;
    expect(splitPrefilter(re)).toEqual([re]);
    const digits = /\d{6}|2302/g;
    expect(splitPrefilter(digits)).toEqual([digits]);
  });

  test('a line matches the whole iff it matches a part', () => {
    const re = /2(?:302\d\d\d|10\d{4})|(?<![A-Za-z])401|code|err(?:or)?|exist|\[\w+\]/i;
    const parts = splitPrefilter(re);
    expect(parts).toHaveLength(2);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('2', '3', '0', '1', '4', 'c', 'o', 'd', 'e', 'r', 'x', 'i', 's', 't', '[', ']', 'a', ' ') }), (line) => {
        expect(parts.some((p) => p.test(line))).toBe(re.test(line));
      }),
      { numRuns: 2000 },
    );
  });
});
