/**
 * JSON an attacker (or a broken logger) wrote: prototype keys in log lines, config files, catalogues and summaries,
 * and nesting 100,000 deep. Nothing may reach a built-in prototype, and nothing may overflow the stack.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toNdjsonObject } from '../../src/report/ndjson.js';
import { createPrettyFormatter } from '../../src/report/pretty.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { createSummary } from '../../src/report/summary.js';
import { parseLine, createParseContext } from '../../src/parse/index.js';
import { makeTempDir, parseNdjson, REPO_ROOT, runErrlens } from './helpers/cli.js';
import { scan } from './helpers/scan.js';

const BAD = path.join(REPO_ROOT, 'fixtures/bad');
const PROTO_LOG = path.join(BAD, 'proto-keys.log');
const FORMATS = ['ndjson', 'pretty', 'json', 'markdown', 'text'] as const;

/** Own keys of the built-in prototypes, to compare before and after. */
function prototypeKeys(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((p) => Reflect.ownKeys(p).map(String));
}

/** True when any object in `value` (searched without recursion) has an own key named like a prototype key. */
function hasForbiddenOwnKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') return true;
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return false;
}

describe('__proto__, constructor and prototype keys in JSON log lines', () => {
  test('in the library: no built-in prototype changes, parsed objects carry no such keys, codes are still found', async () => {
    const before = prototypeKeys();
    const { records, stats } = await scan(readFileSync(PROTO_LOG), { all: true });
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(stats).toMatchObject({ linesRead: 5, linesWithHits: 5 });
    for (const r of records) {
      expect(r.fields.format).toBe('json');
      expect(hasForbiddenOwnKey(r.fields.json)).toBe(false);
      expect(Object.getPrototypeOf(r.fields.json)).toBe(Object.prototype);
    }
    expect(records.map((r) => r.hits.map((h) => h.code))).toEqual([['2302001'], ['2101022'], ['2302001'], ['2302001'], ['2101022']]);
    // event.original is still the line as written, keys and all.
    expect(records[0]?.text).toBe(readFileSync(PROTO_LOG, 'utf8').split('\n')[0]);
  });

  test.each(FORMATS)('through the CLI with --format %s: no prototype changes in the process, exit 0', async (format) => {
    const run = await runErrlens(['--format', format, '--color', 'never', PROTO_LOG], { probe: true });
    expect(run.status).toBe(0);
    expect(run.prototypeChanges).toEqual([]);
    expect(run.stderr).toBe('');
  });

  test('a line whose message is "__proto__" / "constructor" / "hasOwnProperty" (catalogue lookups by text) does not crash or pollute', async () => {
    const lines = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype', 'E 05 __proto__: constructor failed code: 2302001']
      .map((m) => `05-14 09:12:05.012  5394  5418 E C015B0/${m}: ${m}`)
      .join('\n');
    const before = prototypeKeys();
    const { stats, records } = await scan(`${lines}\n`, { all: true });
    expect(prototypeKeys()).toEqual(before);
    expect(stats.linesRead).toBe(6);
    // The code stands twice on that line (tag and message repeat it), so it is found twice.
    expect(records[5]?.hits.map((h) => h.code)).toEqual(['2302001', '2302001']);
    const run = await runErrlens(['--format', 'json'], { input: `${lines}\n`, probe: true });
    expect(run.status).toBe(0);
    expect(run.prototypeChanges).toEqual([]);
  });
});

describe('prototype keys in config files', () => {
  const tmp = makeTempDir();
  const log = path.join(REPO_ROOT, 'fixtures/sample/device.log');
  afterAll(() => tmp.remove());

  test.each([
    ['__proto__ at the top of .errlensrc.json', '{"__proto__": {"all": true, "format": "ndjson"}}', '__proto__'],
    ['constructor in .errlensrc.json', '{"constructor": {"prototype": {"all": true}}}', 'constructor'],
    ['prototype in .errlensrc.json', '{"prototype": {"all": true}}', 'prototype'],
  ])('%s: refused with `errlens: forbidden key ... : <file>`, exit 2, no prototype changes', async (_name, json, key) => {
    const dir = path.join(tmp.dir, key);
    mkdirSync(dir);
    const rc = path.join(dir, '.errlensrc.json');
    writeFileSync(rc, json);
    const run = await runErrlens([log], { cwd: dir, probe: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`errlens: forbidden key "${key}" in config: ${rc}\n`);
    expect(run.prototypeChanges).toEqual([]);
  });

  test('__proto__ under the "errlens" key of package.json: refused, exit 2, no prototype changes', async () => {
    const dir = path.join(tmp.dir, 'pkg');
    mkdirSync(dir);
    const pkg = path.join(dir, 'package.json');
    writeFileSync(pkg, '{"name":"x","errlens":{"__proto__":{"all":true}}}');
    const run = await runErrlens([log], { cwd: dir, probe: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(pkg);
    expect(run.stderr).toMatch(/^errlens: .*__proto__/);
    expect(run.prototypeChanges).toEqual([]);
  });
});

describe('prototype keys in catalogue and summary files', () => {
  const tmp = makeTempDir();
  const log = path.join(REPO_ROOT, 'fixtures/sample/device.log');
  afterAll(() => tmp.remove());
  const entry = {
    id: 'x.md#4100001',
    code: '4100001',
    page: { title: 'X Error Codes', file: 'x.md' },
    kit: null,
    subsystem: null,
    module: 'X',
    title: 'T',
    message: 'm',
    description: 'd',
    causes: [],
    solutions: [],
    reference: { page: 'x.md', anchor: '4100001-t' },
    aliases: [],
    systemOnly: false,
  };

  test.each([
    ['__proto__ at the top', `{"__proto__":{"polluted":1},"schemaVersion":1,"version":"v","entries":[]}`, '__proto__'],
    ['__proto__ inside an entry', JSON.stringify({ schemaVersion: 1, version: 'v', entries: [entry] }).replace('"kit":null', '"kit":null,"__proto__":{"polluted":1}'), '__proto__'],
    ['as constructor.prototype in a reference', JSON.stringify({ schemaVersion: 1, version: 'v', entries: [entry] }).replace('"anchor":"4100001-t"', '"anchor":"4100001-t","constructor":{"prototype":{"polluted":1}}'), '(constructor|prototype)'],
  ])('a JSON catalogue with %s: refused naming the file, exit 2, no prototype changes', async (name, json, key) => {
    const file = path.join(tmp.dir, `cat-${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, json);
    const run = await runErrlens(['--catalog', file, log], { probe: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^errlens: forbidden key "${key}" in catalogue JSON: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`));
    expect(run.stdout).toBe('');
    expect(run.prototypeChanges).toEqual([]);
  });

  test('a Markdown page whose titles, messages and codes read "__proto__" / "constructor": loads or is refused cleanly, never pollutes', async () => {
    const page = path.join(tmp.dir, 'errorcode-proto.md');
    writeFileSync(
      page,
      '# __proto__ Error Codes\n\n## 4100001 __proto__\n\n**Error Message**\n\nconstructor\n\n## 4100002 constructor\n\n**Error Message**\n\n__proto__ prototype hasOwnProperty\n',
    );
    const input = '05-14 09:12:05.012  5394  5418 E C015B0/X: constructor failed, code: 4100001 __proto__ prototype hasOwnProperty\n';
    const run = await runErrlens(['--catalog', page, '--format', 'ndjson'], { input, probe: true });
    expect([0, 2]).toContain(run.status);
    expect(run.prototypeChanges).toEqual([]);
    if (run.status === 0) expect(parseNdjson(run.stdout)[0]).toMatchObject({ error: { code: '4100001' } });
    for (const query of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const explain = await runErrlens(['explain', query, '--catalog', page, '--format', 'json'], { probe: true });
      expect([0, 1]).toContain(explain.status);
      expect(explain.prototypeChanges).toEqual([]);
    }
  });

  test('a summary with __proto__ given to `errlens merge`: refused or ignored, never pollutes', async () => {
    const good = await runErrlens(['--format', 'json', log]);
    const polluted = good.stdout.replace('"schemaVersion": 1,', '"schemaVersion": 1, "__proto__": {"polluted": 1}, "constructor": {"prototype": {"p": 1}},');
    expect(polluted).not.toBe(good.stdout);
    const file = path.join(tmp.dir, 'summary-proto.json');
    writeFileSync(file, polluted);
    const run = await runErrlens(['merge', '--format', 'json', file, file], { probe: true });
    expect([0, 2]).toContain(run.status);
    expect(run.prototypeChanges).toEqual([]);
    if (run.status === 2) expect(run.stderr).toContain(file);
  });
});

describe('JSON nested 100,000 deep', () => {
  const deepArray = (depth: number): string => `{"level":50,"msg":"request failed, code: 2302001","a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const deepObject = (depth: number): string => `{"level":50,"msg":"request failed, code: 2302001","a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
  const protoDeep = (depth: number): string => `{"msg":"code: 2302001","a":${'{"__proto__":'.repeat(depth)}1${'}'.repeat(depth)}}`;

  test.each([
    ['arrays', deepArray(100_000)],
    ['objects', deepObject(100_000)],
    ['objects keyed __proto__ (the key-stripping walk)', protoDeep(100_000)],
  ])('nested %s: parseLine does not overflow the stack', (_name, line) => {
    const ctx = createParseContext({ year: 2026, tz: 'UTC' });
    expect(() => parseLine(line, ctx)).not.toThrow();
  });

  test.each([
    ['arrays', deepArray(100_000)],
    ['objects', deepObject(100_000)],
    ['objects keyed __proto__', protoDeep(100_000)],
  ])('nested %s within a 4 MB line limit: scanned, the code found, and every writer (ndjson, pretty, summary, markdown) copes', async (_name, line) => {
    const { records, stats } = await scan(`${line}\n`, { maxLineLength: 4 * 1024 * 1024 });
    expect(stats).toMatchObject({ linesRead: 1, linesWithHits: 1, linesTooLong: 0 });
    const record = records[0];
    expect(record?.hits.map((h) => h.code)).toEqual(['2302001']);
    if (record === undefined) return;
    const ndjson = JSON.stringify(toNdjsonObject(record, 'test'));
    expect((JSON.parse(ndjson) as { event: { original: string } }).event.original).toBe(line);
    expect(createPrettyFormatter({ color: false })(record)).toContain('2302001');
    const summary = createSummary();
    summary.addRecord(record);
    summary.setAccounting(stats);
    summary.setCatalogue({ version: 'test' });
    expect(renderMarkdown(summary.toJSON(), { errlensVersion: '0.0.0' })).toContain('2302001');
  });

  test.each(FORMATS)('a 30,000-deep line (fits the default 64 KB limit) through the CLI with --format %s: no crash, the code found', async (format) => {
    const input = `${deepArray(30_000)}\n${deepObject(10_000)}\n${protoDeep(4_000)}\n`;
    const run = await runErrlens(['--format', format, '--color', 'never', '--stats'], { input, probe: true });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/RangeError|Maximum call stack/);
    expect(run.stderr).toContain('errlens: stats: lines read: 3');
    expect(run.stderr).toContain('errlens: stats:   with hits: 3');
    expect(run.prototypeChanges).toEqual([]);
  });

  test('a 100,000-deep line through the CLI: cut at the line limit, counted as too long, no crash', async () => {
    const run = await runErrlens(['--format', 'ndjson', '--stats'], { input: `${deepObject(100_000)}\n` });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('errlens: stats:   too long (cut): 1');
    expect(parseNdjson(run.stdout)).toHaveLength(1);
  });
});
