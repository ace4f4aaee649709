import { Catalogue } from '../../src/catalogue/catalogue.js';
import { parsePage } from '../../src/catalogue/parse-page.js';

const pageA = parsePage(
  '# Net Error Codes\n## 2100002 Service Down\n**Message**\nFailed to connect to the service.\n## 2101022 Too Many\n**Message**\nThe number of requests exceeded the maximum allowed.\n',
  'a.md',
).entries;
const pageB = parsePage('# Policy Error Codes\n## 2100002 Policy Service Down\n**Message**\nCannot connect to service.\n', 'b.md').entries;

describe('Catalogue', () => {
  test('lookup returns every meaning of a code, in catalogue order', () => {
    const catalogue = new Catalogue([...pageA, ...pageB], 'v');
    expect(catalogue.lookup('2100002').map((e) => e.id)).toEqual(['a.md#2100002', 'b.md#2100002']);
    expect(catalogue.lookup(2101022)).toHaveLength(1);
    expect(catalogue.lookup('404')).toEqual([]);
    expect(catalogue.codes()).toEqual(['2100002', '2101022']);
  });

  test('search finds an entry from words of its message', () => {
    const catalogue = new Catalogue(pageA, 'v');
    expect(catalogue.search('requests exceeded the MAXIMUM!').map((e) => e.code)).toEqual(['2101022']);
  });

  test('searchWithin finds entries whose message or alias occurs in a longer text, most specific first', () => {
    const catalogue = new Catalogue(
      parsePage(
        '# N Error Codes\n## 1 Short\n**Message**\nService down.\n## 2 Long\n**Message**\nService down. Retry later.\n## 3 Template\n**Message**\nUID ${uid} over limit.\n## 4 Tiny\n**Message**\nFail.\n',
        'n.md',
      ).entries,
      'v',
    );
    expect(catalogue.searchWithin('E/App: SERVICE DOWN. retry later!').map((e) => e.code)).toEqual(['2', '1']);
    expect(catalogue.searchWithin('warn: uid 1001 over limit').map((e) => e.code)).toEqual(['3']);
    expect(catalogue.searchWithin('Failure: servicedown')).toEqual([]); // word boundaries, and "Fail." is too short
  });

  test('layer replaces an entry with the same id where it stands and appends new ones', () => {
    const base = new Catalogue([...pageA, ...pageB], 'base');
    const first = pageA[0];
    if (first === undefined) throw new Error('fixture');
    const replacement = { ...first, title: 'Replaced' };
    const extra = { ...first, id: 'c.md#2100002', page: { title: 'C', file: 'c.md' } };
    const layered = base.layer(new Catalogue([replacement, extra], 'top'));
    expect(layered.entries.map((e) => e.id)).toEqual(['a.md#2100002', 'a.md#2101022', 'b.md#2100002', 'c.md#2100002']);
    expect(layered.get('a.md#2100002')?.title).toBe('Replaced');
    expect(layered.version).toBe('base+top');
    expect(base.get('a.md#2100002')?.title).toBe('Service Down');
  });

  test('toJSON is the catalogue file format', () => {
    expect(new Catalogue(pageB, 'v1').toJSON()).toEqual({ schemaVersion: 1, version: 'v1', entries: pageB });
  });
});
