import { parseCatalogueJson } from '../../src/catalogue/catalogue-json.js';
import { parsePage } from '../../src/catalogue/parse-page.js';
import { ErrlensError } from '../../src/errors.js';

const entries = parsePage(
  '# T Error Codes\n<!--Kit: K-->\n## 1 One\n**Message**\nFailed to ${op}.\n## 2 Two\n**Message**\nTwo.\n**Solution**\nFix it.\n',
  't.md',
).entries;
const valid = { schemaVersion: 1, version: 'catalog@abc', entries };

function shapeError(value: unknown): ErrlensError {
  try {
    parseCatalogueJson(typeof value === 'string' ? value : JSON.stringify(value), 'c.json');
  } catch (err) {
    if (err instanceof ErrlensError) return err;
    throw err;
  }
  throw new Error('accepted');
}

function withEntry(change: (entry: Record<string, unknown>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(valid)) as { entries: Record<string, unknown>[] };
  change(copy.entries[0] as Record<string, unknown>);
  return copy;
}

describe('parseCatalogueJson', () => {
  test('reads back what errlens writes', () => {
    expect(parseCatalogueJson(JSON.stringify(valid), 'c.json')).toEqual(valid);
  });

  test.each([
    ['not JSON', '{', /^invalid JSON/],
    ['an array', [], /^a catalogue must be a JSON object$/],
    ['another schema version', { ...valid, schemaVersion: 2 }, /^catalogue.schemaVersion must be 1$/],
    ['an extra top-level key', { ...valid, extra: 1 }, /^catalogue has an unknown key "extra"$/],
    ['missing entries', { schemaVersion: 1, version: 'v' }, /^catalogue.entries is missing$/],
    ['an empty version', { ...valid, version: ' ' }, /^catalogue.version must not be empty$/],
    ['a causes string', withEntry((e) => (e.causes = 'x')), /^entries\[0\].causes must be an array of strings$/],
    ['a number alias', withEntry((e) => (e.aliases = [1])), /^entries\[0\].aliases\[0\] must be a string$/],
    ['a non-numeric code', withEntry((e) => (e.code = 'abc')), /^entries\[0\].code must be a decimal error code/],
    ['an id not matching page and code', withEntry((e) => (e.id = 'other.md#1')), /^entries\[0\].id must be "t.md#1"/],
    ['an unknown entry key', withEntry((e) => (e.score = 3)), /unknown key "score"$/],
    ['a missing field', withEntry((e) => delete e.systemOnly), /^entries\[0\].systemOnly is missing$/],
    ['a kit number', withEntry((e) => (e.kit = 5)), /^entries\[0\].kit must be a string or null$/],
    ['a pattern that is not a string', withEntry((e) => (e.messagePattern = 5)), /^entries\[0\].messagePattern must be a string$/],
    ['a duplicated id', { ...valid, entries: [entries[1], entries[1]] }, /^entries\[1\].id "t.md#2" appears twice$/],
  ])('rejects %s with E_CATALOGUE_SHAPE', (_name, value, reason) => {
    const err = shapeError(value);
    expect(err.code).toBe('E_CATALOGUE_SHAPE');
    expect(err.what).toMatch(reason);
    expect(err.where).toBe('c.json');
  });

  test('never takes a regular expression from the file: messagePattern is derived from the message again', () => {
    const evil = withEntry((e) => (e.messagePattern = '(a+)+$')) as { entries: Record<string, unknown>[] };
    (evil.entries[1] as Record<string, unknown>).messagePattern = '(b+)+$';
    const [withPlaceholder, plain] = parseCatalogueJson(JSON.stringify(evil), 'c.json').entries;
    expect(withPlaceholder?.messagePattern).toBe('Failed to .{1,256}?');
    expect(plain && 'messagePattern' in plain).toBe(false);
  });

  test.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s anywhere', (key) => {
    const text = JSON.stringify(valid).replace('"kit":', `"${key}":{"polluted":true},"kit":`);
    expect(shapeError(text).what).toBe(`forbidden key "${key}" in catalogue JSON`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
