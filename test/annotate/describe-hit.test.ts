import { describeHit, entriesOf, entryOf } from '../../src/annotate/index.js';
import { extractLine } from '../extract/helpers/extract-line.js';

describe('annotation helpers', () => {
  test('a settled hit has one entry and names its title and module', () => {
    const [hit] = extractLine('code: 2302001');
    expect(entryOf(hit!)?.code).toBe('2302001');
    expect(entriesOf(hit!)).toHaveLength(1);
    expect(describeHit(hit!)).toBe('2302001 WebSocket URL Error (WebSocket)');
  });

  test('a folded internal code shows what was printed', () => {
    const [hit] = extractLine('errorCode: 2100104');
    expect(describeHit(hit!)).toBe('2100003 System Internal Error (Network Connection Management) [printed 2100104]');
  });

  test('an ambiguous hit lists every candidate and has no entry', () => {
    const [hit] = extractLine('08-20 11:06:01.891  1948  1948 E A03d00/JSAPP: BusinessError: Internal error.');
    expect(entryOf(hit!)).toBeUndefined();
    expect(entriesOf(hit!).map((e) => e.code).sort()).toEqual(['2302999', '32390300']);
    expect(describeHit(hit!)).toMatch(/^one of (2302999|32390300) .+ \| (2302999|32390300) /);
  });

  test('an unknown code names its family', () => {
    const [hit] = extractLine('close failed, code: 2302006', true);
    expect(entriesOf(hit!)).toEqual([]);
    expect(describeHit(hit!)).toBe('2302006 unknown (WebSocket)');
  });
});
