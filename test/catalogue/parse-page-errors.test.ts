import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ErrlensError } from '../../src/errors.js';
import { MAX_PAGE_CHARS, parsePage } from '../../src/catalogue/parse-page.js';

const PAGES = path.join(__dirname, '../../fixtures/pages');

function failure(name: string): ErrlensError {
  try {
    parsePage(readFileSync(path.join(PAGES, name), 'utf8'), name);
  } catch (err) {
    if (err instanceof ErrlensError) return err;
    throw err;
  }
  throw new Error(`${name} compiled but should not have`);
}

describe('parsePage on pages it cannot make sense of', () => {
  test.each([
    ['no-title.md', "error-code heading before the page's '#' title", 3],
    ['code-before-title.md', "error-code heading before the page's '#' title", 1],
    ['no-code-headings.md', 'no error-code headings (such as "## 2302001 Title")', 1],
    ['code-without-sections.md', 'no recognisable section (Error Message, Description, Possible Causes, Solution, …) under code 5800002', 9],
    ['duplicate-code.md', 'duplicate code 5900001 (first at line 3)', 9],
    ['unterminated-del.md', 'unterminated <!--Del--> region (no <!--DelEnd-->)', 9],
    ['nested-del.md', '<!--Del--> inside the Del region opened at line 3', 9],
    ['unterminated-code-block.md', 'unterminated code block', 11],
  ])('%s throws E_CATALOGUE_PARSE with the reason and file:line', (name, reason, line) => {
    const err = failure(name);
    expect(err.code).toBe('E_CATALOGUE_PARSE');
    expect(err.what).toBe(reason);
    expect(err.where).toBe(`${name}:${line}`);
    expect(err.message).toBe(`${reason}: ${name}:${line}`);
  });

  test('a DelEnd without Del and an unterminated comment are errors too', () => {
    expect(() => parsePage('# A Error Codes\n<!--DelEnd-->\n## 1 X\n**Message**\nx\n', 'a.md')).toThrow(
      '<!--DelEnd--> without a matching <!--Del-->: a.md:2',
    );
    expect(() => parsePage('# A Error Codes\n## 1 X\n**Message**\nx <!-- open\n', 'a.md')).toThrow(
      'unterminated HTML comment: a.md:4',
    );
  });

  test('names the location it is given rather than the file id', () => {
    expect(() => parsePage('no title', 'x.md', { location: '/docs/zh/x.md' })).toThrow(
      "no '#' page title: /docs/zh/x.md:1",
    );
  });

  test('refuses a page over the size limit before parsing it', () => {
    const huge = `# Big Error Codes\n${'x'.repeat(MAX_PAGE_CHARS)}`;
    expect(() => parsePage(huge, 'big.md')).toThrow(/^page too large/);
  });

  test('on any text, either compiles or throws E_CATALOGUE_PARSE (never another error)', () => {
    const line = fc.oneof(
      fc.constantFrom('# T Error Codes', '## 1 One', '### 2 Two', '## Group', '**Error Message**', '**Solution**', '**Cause**'),
      fc.constantFrom('<!--Del-->', '<!--DelEnd-->', '<!--Kit: K-->', '```', '> **NOTE**', '> note', '1. item', '- item', '', 'NA'),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        try {
          const page = parsePage(lines.join('\n'), 'p.md');
          expect(page.entries.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(ErrlensError);
          expect((err as ErrlensError).code).toBe('E_CATALOGUE_PARSE');
        }
      }),
      { numRuns: 500 },
    );
  });

  test('stays fast on adversarial text (no super-linear regular expressions)', () => {
    const nasty = [
      '# T Error Codes',
      '## 1 X',
      '**Error Message**',
      `x${'`'.repeat(3000)}x${'` a'.repeat(20000)}`,
      `${'**a'.repeat(20000)}`,
      `${'[a]('.repeat(20000)}`,
      `## ${' '.repeat(50000)}x`,
      `${'\\'.repeat(50000)}`,
      `${'<!--'.repeat(10)}-->`,
    ].join('\n');
    const start = process.hrtime.bigint();
    expect(parsePage(nasty, 'nasty.md').entries).toHaveLength(1);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(ms).toBeLessThan(1000);
  });
});
