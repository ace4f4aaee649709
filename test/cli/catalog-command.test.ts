import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Catalogue } from '../../src/catalogue/catalogue.js';
import { parseCatalogueJson } from '../../src/catalogue/catalogue-json.js';
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { runCatalogBuild, runCatalogList } from '../../src/cli/catalog-command.js';

const PAGES = path.join(__dirname, '../../fixtures/pages');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'errlens-catalog-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('runCatalogBuild', () => {
  test('writes a loadable JSON catalogue and reports pages, entries and skipped files', async () => {
    const output = path.join(tmp, 'out.json');
    const run = capture();
    const status = await runCatalogBuild({ paths: [path.join(PAGES, 'docs-tree'), path.join(PAGES, 'basic.md')], output }, run.io);
    expect(status).toBe(0);
    const json = parseCatalogueJson(readFileSync(output, 'utf8'), output);
    expect(json.entries.map((e) => e.id)).toEqual([
      'errorcode-alpha.md#6400001',
      'guides/errorcode-beta.md#6400101',
      'basic.md#4100001',
      'basic.md#4100002',
    ]);
    const lines = run.stdout().split('\n');
    expect(lines[0]).toMatch(/^compiled 3 pages, 4 entries \(catalog@[0-9a-f]{12}\)$/);
    expect(lines).toContain('  guides/errorcode-beta.md: 1 entry');
    expect(lines).toContain('  basic.md: 2 entries');
    expect(lines).toContain('skipped 2 files:');
    expect(run.stdout()).toMatch(/README\.md: not an error-code page: no error-code headings/);
    expect(run.stdout()).toContain(`wrote ${output}`);
    expect(run.stderr()).toBe('');
    expect(readdirSync(tmp)).toEqual(['out.json']); // no temporary file left behind
  });

  test('with output "-" writes the JSON to stdout and the summary to stderr', async () => {
    const run = capture();
    expect(await runCatalogBuild({ paths: [path.join(PAGES, 'odd-codes.md')], output: '-' }, run.io)).toBe(0);
    expect(parseCatalogueJson(run.stdout(), '-').entries.map((e) => e.code)).toEqual(['7', '-1', '100200']);
    expect(run.stderr()).toMatch(/^compiled 1 page, 3 entries/);
  });

  test('a malformed page prints errlens: <reason>: <file>:<line>, exits 2 and writes nothing', async () => {
    const output = path.join(tmp, 'out.json');
    const page = path.join(PAGES, 'unterminated-del.md');
    const run = capture();
    expect(await runCatalogBuild({ paths: [page], output }, run.io)).toBe(2);
    expect(run.stderr()).toBe(`errlens: unterminated <!--Del--> region (no <!--DelEnd-->): ${page}:9\n`);
    expect(readdirSync(tmp)).toEqual([]);
  });

  test('an unwritable output is an error naming it', async () => {
    const output = path.join(tmp, 'missing-dir', 'out.json');
    const run = capture();
    expect(await runCatalogBuild({ paths: [path.join(PAGES, 'basic.md')], output }, run.io)).toBe(2);
    expect(run.stderr()).toBe(`errlens: cannot write catalogue (ENOENT): ${output}\n`);
  });
});

describe('runCatalogList', () => {
  test('json lists every seed code and the five universal codes', () => {
    const run = capture();
    expect(runCatalogList({ catalogue: getDefaultCatalogue(), format: 'json' }, run.io)).toBe(0);
    const json = parseCatalogueJson(run.stdout(), 'stdout');
    const codes = new Set(json.entries.map((e) => e.code));
    for (const code of ['201', '202', '203', '401', '801', '200', '2302001', '2302999', '2100001', '2101022', '32390200', '32390300']) {
      expect(codes.has(code)).toBe(true);
    }
    expect(json.version).toBe(getDefaultCatalogue().version);
  });

  test('text prints a header and one aligned line per entry, marking system-only entries', () => {
    const entries = [...getDefaultCatalogue().lookup('200'), ...getDefaultCatalogue().lookup('2302001')];
    const first = entries[0];
    if (first === undefined) throw new Error('fixture');
    const catalogue = new Catalogue([...entries, { ...first, id: 'x.md#9', code: '9', systemOnly: true }], 'v9');
    const run = capture();
    expect(runCatalogList({ catalogue, format: 'text' }, run.io)).toBe(0);
    expect(run.stdout()).toBe(
      [
        '# v9: 3 entries, 3 codes',
        '200      WebSocket  Connection Failure  (errorcode-net-webSocket.md)',
        '2302001  WebSocket  WebSocket URL Error  (errorcode-net-webSocket.md)',
        '9        WebSocket  Connection Failure [system]  (errorcode-net-webSocket.md)',
        '',
      ].join('\n'),
    );
  });

  test('an empty catalogue exits 1', () => {
    const run = capture();
    expect(runCatalogList({ catalogue: new Catalogue([], 'empty'), format: 'text' }, run.io)).toBe(1);
  });
});
