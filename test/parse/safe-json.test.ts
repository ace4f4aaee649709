import fc from 'fast-check';
import { safeJsonParse } from '../../src/parse/index.js';
import { jsonDeeperThan } from '../../src/parse/safe-json.js';

describe('safeJsonParse', () => {
  it('returns undefined for invalid JSON instead of throwing', () => {
    expect(safeJsonParse('{"a":')).toBeUndefined();
    expect(safeJsonParse('')).toBeUndefined();
    expect(safeJsonParse('{'.repeat(100_000))).toBeUndefined();
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        safeJsonParse(text);
      }),
    );
  });

  it('parses valid JSON of any kind', () => {
    expect(safeJsonParse('null')).toBeNull();
    expect(safeJsonParse('[1,{"a":"b"}]')).toEqual([1, { a: 'b' }]);
  });

  it('removes __proto__, constructor and prototype keys at every depth, arrays included', () => {
    const value = safeJsonParse(
      '{"__proto__":{"polluted":1},"list":[{"constructor":{"prototype":{"polluted":1}},"keep":true}],"deep":{"x":{"prototype":1,"y":2}}}',
    );
    expect(value).toEqual({ list: [{ keep: true }], deep: { x: { y: 2 } } });
    expect(Object.keys(value as object)).toEqual(['list', 'deep']);
  });

  it('removes keys spelled with \\u escapes', () => {
    expect(safeJsonParse('{"__pr\\u006fto__":{"polluted":1},"ok":1}')).toEqual({ ok: 1 });
  });

  it('leaves Object.prototype untouched when the result is merged into another object', () => {
    const value = safeJsonParse('{"__proto__":{"pollutedBySafeJson":true}}') as object;
    const merged: Record<string, unknown> = {};
    Object.assign(merged, value);
    for (const [k, v] of Object.entries(value)) merged[k] = v;
    expect(({} as Record<string, unknown>)['pollutedBySafeJson']).toBeUndefined();
    expect(merged['pollutedBySafeJson']).toBeUndefined();
  });

  it('walks a 100,000-deep object with a forbidden key at the bottom without overflowing', () => {
    const depth = 100_000;
    const text = '{"a":'.repeat(depth) + '{"__proto__":1,"z":2}' + '}'.repeat(depth);
    let node = safeJsonParse(text) as Record<string, unknown>;
    for (let i = 0; i < depth; i++) node = node['a'] as Record<string, unknown>;
    expect(Object.keys(node)).toEqual(['z']);
  });
});

describe('jsonDeeperThan', () => {
  const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('is true only past the limit, for objects and arrays', () => {
    expect(jsonDeeperThan(nested(10), 10)).toBe(false);
    expect(jsonDeeperThan(nested(11), 10)).toBe(true);
    expect(jsonDeeperThan('['.repeat(11) + ']'.repeat(11), 10)).toBe(true);
  });

  it('counts no bracket inside a string, however many there are', () => {
    expect(jsonDeeperThan(`{"msg":"${'{['.repeat(50)}"}`, 10)).toBe(false);
    expect(jsonDeeperThan(`{"msg":"\\"${'{'.repeat(50)}"}`, 10)).toBe(false);
  });

  it('is false for long text with few brackets', () => {
    expect(jsonDeeperThan(`{"msg":"${'x'.repeat(1000)}","a":[{"b":1}]}`, 3)).toBe(false);
  });
});
