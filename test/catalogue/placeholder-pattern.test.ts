import fc from 'fast-check';
import { escapeRegExp, hasPlaceholder, placeholderPattern } from '../../src/catalogue/placeholder-pattern.js';

describe('placeholderPattern', () => {
  test('is undefined for text without placeholders', () => {
    expect(placeholderPattern('Websocket url error')).toBeUndefined();
    expect(placeholderPattern('100% sure (really)')).toBeUndefined();
    expect(hasPlaceholder('Over the max request number')).toBe(false);
  });

  test.each([
    ['return falied for UID [%d] has registered over [%d] callback', 'return falied for UID [20020022] has registered over [2000] callback'],
    ['UID %{public}d failed: %{public}s', 'E C015B0/NetConnManager: UID 20010041 failed: timed out'],
    ['open %s failed', 'open /data/storage/el2/base/a b.txt failed'],
    ['Invalid ${messageInfo}.', 'Invalid digest algorithm'],
    ['count %lu too big', 'count 123456789 too big'],
    ['hidden %d value', 'hidden <private> value'],
  ])('%s matches a printed form', (template, printed) => {
    expect(new RegExp(placeholderPattern(template) ?? '(?!)', 'i').test(printed)).toBe(true);
  });

  test('matches the literal parts exactly, regex syntax included', () => {
    const pattern = new RegExp(placeholderPattern('UID [%d] (x.y) *%s*') ?? '(?!)');
    expect(pattern.test('UID [7] (x.y) *v*')).toBe(true);
    expect(pattern.test('UID 7 (x.y) *v*')).toBe(false);
    expect(pattern.test('UID [7] (xzy) *v*')).toBe(false);
  });

  test('needs a value in each placeholder', () => {
    expect(new RegExp(`^${placeholderPattern('a ${x} b') ?? ''}$`).test('a  b')).toBe(false);
  });

  test('compiles under the u flag too', () => {
    expect(() => new RegExp(placeholderPattern('a{1} ${x} /b/') ?? '', 'u')).not.toThrow();
  });

  test('any template filled with any values matches its own pattern (property)', () => {
    const literal = fc.string({ maxLength: 12 }).filter((s) => !hasPlaceholder(s) && !/[$%]/.test(s));
    const value = fc.string({ minLength: 1, maxLength: 16 }).filter((s) => !s.includes('\n'));
    fc.assert(
      fc.property(fc.array(fc.tuple(literal, value), { minLength: 1, maxLength: 3 }), literal, (pairs, tail) => {
        const template = pairs.map(([lit], i) => `${lit}\${p${i}}`).join('') + tail;
        const printed = pairs.map(([lit, val]) => lit + val).join('') + tail;
        expect(new RegExp(placeholderPattern(template) ?? '(?!)').test(printed)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('fails fast on long non-matching lines (bounded wildcards, no catastrophic backtracking)', () => {
    const pattern = new RegExp(placeholderPattern('a %s a %s a %s a %s end') ?? '', 'i');
    const line = 'a '.repeat(50_000);
    const start = process.hrtime.bigint();
    expect(pattern.test(line)).toBe(false);
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(2000);
  });
});

describe('escapeRegExp', () => {
  test('makes every regex syntax character literal', () => {
    const text = '.*+?^${}()|[]\\';
    expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
  });
});
