import { mkdtempSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { compileCatalogue, loadCatalogue, MAX_PAGE_BYTES, type SkippedPage } from '../../src/catalogue/load.js';
import { ErrlensError } from '../../src/errors.js';

const PAGES = path.join(__dirname, '../../fixtures/pages');
const TREE = path.join(PAGES, 'docs-tree');

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'errlens-load-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<ErrlensError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ErrlensError) return err;
    throw err;
  }
  throw new Error('resolved but should have failed');
}

const page = (code: string, message: string) => `# Test Error Codes\n\n## ${code} Title\n\n**Error Message**\n\n${message}\n`;

describe('compileCatalogue', () => {
  test('compiles a folder recursively, ids relative to it, skipping onlyfortest and non-error-code pages with a reason', async () => {
    const { catalogue, pages, skipped } = await compileCatalogue([TREE]);
    expect(pages.map((p) => [p.file, p.entries.length])).toEqual([
      ['errorcode-alpha.md', 1],
      ['guides/errorcode-beta.md', 1],
    ]);
    expect(catalogue.entries.map((e) => e.id)).toEqual(['errorcode-alpha.md#6400001', 'guides/errorcode-beta.md#6400101']);
    expect(skipped.map((s) => path.relative(TREE, s.file))).toEqual(['README.md', path.join('guides', 'overview.md')]);
    expect(skipped[0]?.reason).toMatch(/^not an error-code page: no error-code headings/);
    expect(skipped[1]?.reason).toMatch(/^not an error-code page: no recognisable section/);
    expect(catalogue.version).toMatch(/^catalog@[0-9a-f]{12}$/);
  });

  test('fails on a broken page named directly, with reason and file:line', async () => {
    const file = path.join(PAGES, 'duplicate-code.md');
    const err = await rejection(compileCatalogue([file]));
    expect(err.code).toBe('E_CATALOGUE_PARSE');
    expect(err.message).toBe(`duplicate code 5900001 (first at line 3): ${file}:9`);
  });

  test('fails on a broken error-code page inside a folder rather than half-loading it', async () => {
    writeFileSync(path.join(tmp, 'errorcode-good.md'), page('1', 'Good.'));
    writeFileSync(path.join(tmp, 'errorcode-bad.md'), '# Bad Error Codes\n\n## 2 Bare\n\nNo labels.\n');
    const err = await rejection(compileCatalogue([tmp]));
    expect(err.code).toBe('E_CATALOGUE_PARSE');
    expect(err.where).toBe(`${path.join(tmp, 'errorcode-bad.md')}:3`);
  });

  test('refuses a page over 10 MB before reading it', async () => {
    const big = path.join(tmp, 'errorcode-big.md');
    writeFileSync(big, '');
    truncateSync(big, MAX_PAGE_BYTES + 1);
    const err = await rejection(compileCatalogue([big]));
    expect(err.code).toBe('E_CATALOGUE_READ');
    expect(err.what).toBe(`page too large (${MAX_PAGE_BYTES + 1} bytes; the limit is ${MAX_PAGE_BYTES} bytes)`);
  });

  test('does not follow links out of the folder or into folders, but follows links to pages inside it', async () => {
    const outside = path.join(tmp, 'outside');
    const root = path.join(tmp, 'root');
    mkdirSync(outside);
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    writeFileSync(path.join(outside, 'errorcode-out.md'), page('9', 'Outside.'));
    writeFileSync(path.join(root, 'errorcode-in.md'), page('1', 'Inside.'));
    symlinkSync(path.join(outside, 'errorcode-out.md'), path.join(root, 'errorcode-link-out.md'));
    symlinkSync(path.join(root, 'errorcode-in.md'), path.join(root, 'sub', 'errorcode-link-in.md'));
    symlinkSync(outside, path.join(root, 'linked-folder'));
    symlinkSync(path.join(root, 'sub'), path.join(root, 'inner-link'));
    const { pages, skipped } = await compileCatalogue([root]);
    expect(pages.map((p) => p.file)).toEqual(['errorcode-in.md', 'sub/errorcode-link-in.md']);
    expect(skipped).toEqual([
      { file: path.join(root, 'errorcode-link-out.md'), reason: 'symbolic link out of the folder, not followed' },
      { file: path.join(root, 'inner-link'), reason: 'symbolic link to a folder, not followed' },
      { file: path.join(root, 'linked-folder'), reason: 'symbolic link to a folder, not followed' },
    ]);
  });

  test('skips an oversized page in a folder unless it is an error-code page', async () => {
    writeFileSync(path.join(tmp, 'errorcode-ok.md'), page('1', 'Fine.'));
    const dump = path.join(tmp, 'dump.md');
    writeFileSync(dump, '');
    truncateSync(dump, MAX_PAGE_BYTES + 1);
    const { pages, skipped } = await compileCatalogue([tmp]);
    expect(pages.map((p) => p.file)).toEqual(['errorcode-ok.md']);
    expect(skipped).toEqual([{ file: dump, reason: `page too large (${MAX_PAGE_BYTES + 1} bytes; the limit is ${MAX_PAGE_BYTES} bytes)` }]);
  });

  test('refuses something that is not a regular file, which could never end', async () => {
    const err = await rejection(compileCatalogue(['/dev/zero']));
    expect(err.message).toBe('not a regular file: /dev/zero');
  });

  test('recognises a JSON catalogue without the .json extension by its content', async () => {
    const { catalogue } = await compileCatalogue([path.join(PAGES, 'odd-codes.md')]);
    const file = path.join(tmp, 'catalogue.out');
    writeFileSync(file, JSON.stringify(catalogue.toJSON()));
    const again = await compileCatalogue([file]);
    expect(again.catalogue.entries).toEqual(catalogue.entries);
  });

  test('a folder with no error-code pages is an error', async () => {
    writeFileSync(path.join(tmp, 'notes.md'), '# Notes\n\nNothing here.\n');
    const err = await rejection(compileCatalogue([tmp]));
    expect(err.code).toBe('E_CATALOGUE_READ');
    expect(err.message).toBe(`no error-code pages in the folder: ${tmp}`);
  });

  test('a missing path is a read error naming it', async () => {
    const missing = path.join(tmp, 'nope.md');
    const err = await rejection(compileCatalogue([missing]));
    expect(err.message).toBe(`cannot read catalogue (no such file or folder): ${missing}`);
  });
});

describe('loadCatalogue', () => {
  test('without catalogs is the default catalogue', async () => {
    expect(await loadCatalogue()).toBe(getDefaultCatalogue());
  });

  test('layers pages over the default: same id replaced, new ids added', async () => {
    const file = path.join(tmp, 'errorcode-net-webSocket.md');
    writeFileSync(file, page('2302001', 'Changed url error.'));
    const catalogue = await loadCatalogue({ catalogs: [file, path.join(PAGES, 'basic.md')] });
    expect(catalogue.lookup('2302001')).toHaveLength(1);
    expect(catalogue.lookup('2302001')[0]?.message).toBe('Changed url error.');
    // The runtime aliases follow the page, so replacing the built-in page keeps them.
    expect(catalogue.lookup('2302001')[0]?.aliases).toContain('ParseUrl failed');
    expect(catalogue.lookup('4100001')[0]?.id).toBe('basic.md#4100001');
    expect(catalogue.has('401')).toBe(true);
    expect(catalogue.version).toMatch(/^errlens-default@.+\+catalog@[0-9a-f]{12}\+catalog@[0-9a-f]{12}$/);
  });

  test('later catalogs win over earlier ones', async () => {
    const first = path.join(tmp, 'one');
    const second = path.join(tmp, 'two');
    mkdirSync(first);
    mkdirSync(second);
    writeFileSync(path.join(first, 'errorcode-x.md'), page('77', 'First.'));
    writeFileSync(path.join(second, 'errorcode-x.md'), page('77', 'Second.'));
    const catalogue = await loadCatalogue({ catalogs: [first, second], defaultCatalogue: false });
    expect(catalogue.lookup('77').map((e) => e.message)).toEqual(['Second.']);
  });

  test('defaultCatalogue: false uses only the given catalogs; none at all gives an empty catalogue', async () => {
    const catalogue = await loadCatalogue({ catalogs: [path.join(PAGES, 'basic.md')], defaultCatalogue: false });
    expect(catalogue.codes()).toEqual(['4100001', '4100002']);
    expect((await loadCatalogue({ defaultCatalogue: false })).entries).toEqual([]);
  });

  test('reads a JSON catalogue written by catalog build, keeping its version', async () => {
    const json = path.join(tmp, 'built.json');
    const { catalogue: built } = await compileCatalogue([TREE]);
    writeFileSync(json, JSON.stringify(built.toJSON()));
    const loaded = await loadCatalogue({ catalogs: [json], defaultCatalogue: false });
    expect(loaded.entries).toEqual(built.entries);
    expect(loaded.version).toBe(built.version);
  });

  test('rejects a JSON catalogue of the wrong shape with E_CATALOGUE_SHAPE naming the file', async () => {
    const json = path.join(tmp, 'bad.json');
    writeFileSync(json, JSON.stringify({ schemaVersion: 1, version: 'x', entries: [{ id: 'a' }] }));
    const err = await rejection(loadCatalogue({ catalogs: [json] }));
    expect(err.code).toBe('E_CATALOGUE_SHAPE');
    expect(err.where).toBe(json);
  });

  test('tells onSkip about files a folder contributed nothing from', async () => {
    const skipped: SkippedPage[] = [];
    await loadCatalogue({ catalogs: [TREE], onSkip: (s) => skipped.push(s) });
    expect(skipped.map((s) => path.basename(s.file))).toEqual(['README.md', 'overview.md']);
  });
});
