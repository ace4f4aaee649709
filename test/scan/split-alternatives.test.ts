import fc from 'fast-check';
import { planConfirm, splitPrefilter, topLevelAlternatives } from '../../src/scan/split-alternatives.js';

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

describe('planConfirm', () => {
  test('a searcher whose alternatives the confirm test shares implies it; the rest keeps the other alternatives', () => {
    const searchers = splitPrefilter(/(?<!\d)2302\d{3}|connect|permission/gim);
    const plan = planConfirm(searchers, /(?<!\d)2302\d{3}|connect\W{1,3}timeout|permission\W{1,3}denied/i);
    expect(plan.implied).toEqual([true, false]);
    expect(plan.rest?.source).toBe('connect\\W{1,3}timeout|permission\\W{1,3}denied');
    expect(plan.rest?.flags).toBe('i');
  });

  test('different flags or a part the confirm test lacks: nothing implied, the whole test is kept', () => {
    const searchers = splitPrefilter(/2302\d{3}|connect/gim);
    expect(planConfirm(searchers, /2302\d{3}|connect timeout/).implied).toEqual([false, false]);
    const plan = planConfirm(searchers, /2302\d{4}|connect timeout/i);
    expect(plan.implied).toEqual([false, false]);
    expect(plan.rest?.source).toBe('2302\\d{4}|connect timeout');
  });

  test('every confirm alternative implied by some searcher: no rest (a line only other searchers match fails)', () => {
    const plan = planConfirm(splitPrefilter(/2302|code/gi), /2302/i);
    expect(plan.implied).toEqual([true, false]);
    expect(plan.rest).toBeUndefined();
  });

  test('a line passes the plan iff it passes the confirm test, given which searchers matched it', () => {
    const prefilter = /(?<![0-9])(?:2302|401)(?![0-9])|code|err/gim;
    const confirm = /(?<![0-9])(?:2302|401)(?![0-9])|code[: ]+\d|err(?:or)? \w/i;
    const searchers = splitPrefilter(prefilter);
    const plan = planConfirm(searchers, confirm);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('2302', '401', '4', '0', 'code', 'co', 'err', 'or', ':', ' ', 'x'), { maxLength: 8 }), (tokens) => {
        const line = tokens.join('');
        const hit = searchers.map((r) => new RegExp(r.source, 'i').test(line));
        fc.pre(hit.some(Boolean));
        const viaPlan = hit.some((h, k) => h && plan.implied[k] === true) || (plan.rest?.test(line) ?? false);
        expect(viaPlan).toBe(confirm.test(line));
      }),
      { numRuns: 3000 },
    );
  });
});
