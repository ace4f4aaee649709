import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findConfig, validateConfig } from '../../src/cli/config.js';
import { makeTempDir } from './helpers/temp-dir.js';

const FORMATS = ['ndjson', 'pretty', 'markdown', 'json', 'text'];

describe('validateConfig', () => {
  it('turns known keys into flag defaults, resolving catalogs against the config folder', () => {
    const values = validateConfig({ catalogs: ['cat/a.json'], format: 'pretty', tz: 'UTC', year: 2025, unknown: true, defaultCatalog: false }, '/proj/.errlensrc.json', FORMATS);
    expect(values).toEqual({ catalog: ['/proj/cat/a.json'], format: 'pretty', tz: 'UTC', year: 2025, unknown: true, defaultCatalog: false });
  });

  it('rejects an unknown key, naming the file and the key', () => {
    expect(() => validateConfig({ fromat: 'pretty' }, '/proj/.errlensrc.json', FORMATS)).toThrow('unknown option in config: /proj/.errlensrc.json: fromat');
  });

  it('rejects __proto__ given as a JSON key', () => {
    const raw = JSON.parse('{"__proto__": {"all": true}}') as unknown;
    expect(() => validateConfig(raw, '/p/.errlensrc.json', FORMATS)).toThrow('forbidden key "__proto__" in config: /p/.errlensrc.json');
  });

  it.each([
    [{ year: '2025' }, 'invalid value for "year" in config (expected an integer)'],
    [{ catalogs: 'one.json' }, 'invalid value for "catalogs" in config (expected an array of strings)'],
    [{ format: 'yaml' }, 'invalid value for "format" in config (expected ndjson, pretty, markdown, json, text)'],
    [{ color: 'sometimes' }, 'invalid value for "color" in config (expected auto, always, never)'],
    [[], 'config must be a JSON object'],
  ])('rejects %j', (raw, message) => {
    expect(() => validateConfig(raw, '/p/c.json', FORMATS)).toThrow(message);
  });
});

describe('findConfig', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  it('finds .errlensrc.json in a parent folder', async () => {
    const root = path.join(tmp.dir, 'rc');
    mkdirSync(path.join(root, 'a/b'), { recursive: true });
    writeFileSync(path.join(root, '.errlensrc.json'), '{"tz":"UTC"}');
    const found = await findConfig(path.join(root, 'a/b'), FORMATS);
    expect(found).toEqual({ file: path.join(root, '.errlensrc.json'), values: { tz: 'UTC' } });
  });

  it('uses the errlens key of package.json, and skips a package.json without one', async () => {
    const root = path.join(tmp.dir, 'pkg');
    mkdirSync(path.join(root, 'inner'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'x', errlens: { all: true } }));
    writeFileSync(path.join(root, 'inner/package.json'), JSON.stringify({ name: 'inner' }));
    const found = await findConfig(path.join(root, 'inner'), FORMATS);
    expect(found).toEqual({ file: path.join(root, 'package.json'), values: { all: true } });
  });

  it('prefers the nearer config, and .errlensrc.json over package.json in the same folder', async () => {
    const root = path.join(tmp.dir, 'both');
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ errlens: { tz: 'Asia/Shanghai' } }));
    writeFileSync(path.join(root, '.errlensrc.json'), '{"tz":"UTC"}');
    expect((await findConfig(root, FORMATS))?.values).toEqual({ tz: 'UTC' });
  });

  it('reports malformed JSON with the file name', async () => {
    const root = path.join(tmp.dir, 'bad');
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, '.errlensrc.json'), '{"tz": ');
    await expect(findConfig(root, FORMATS)).rejects.toMatchObject({ code: 'E_CONFIG', where: path.join(root, '.errlensrc.json') });
  });
});
