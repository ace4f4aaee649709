import { splitPageLines } from '../../src/catalogue/page-lines.js';

describe('splitPageLines', () => {
  test('strips comments, including ones spanning lines, and drops lines that held only comments', () => {
    const { lines } = splitPageLines('a<!--x-->b\n<!--RP1-->\nc <!-- multi\nline --> d\ne', 'p.md');
    expect(lines.map((l) => [l.no, l.text])).toEqual([
      [1, 'ab'],
      [3, 'c '],
      [4, ' d'],
      [5, 'e'],
    ]);
  });

  test('reads the first Kit and Subsystem values', () => {
    const page = splitPageLines('<!--Kit: Network Kit-->\n<!--Subsystem:Communication-->\n<!--Kit: Other-->', 'p.md');
    expect(page.kit).toBe('Network Kit');
    expect(page.subsystem).toBe('Communication');
  });

  test('marks lines in a Del region, including a region opened and closed on one line', () => {
    const { lines } = splitPageLines('a\n<!--Del-->\nb\n<!--DelEnd-->\nc <!--Del-->d<!--DelEnd-->\ne', 'p.md');
    expect(lines.map((l) => [l.text, l.inDel])).toEqual([
      ['a', false],
      ['b', true],
      ['c d', false],
      ['e', false],
    ]);
  });

  test('leaves code fences verbatim: comments and headings inside are not interpreted', () => {
    const { lines } = splitPageLines('~~~\n<!--Del-->\n```\n~~~~\nafter', 'p.md');
    expect(lines.map((l) => [l.text, l.fence])).toEqual([
      ['~~~', 'open'],
      ['<!--Del-->', 'body'],
      ['```', 'body'],
      ['~~~~', 'close'],
      ['after', null],
    ]);
  });
});
