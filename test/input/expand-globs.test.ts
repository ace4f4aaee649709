import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expandGlobs } from '../../src/input/expand-globs.js';
import { makeTempDir } from '../cli/helpers/temp-dir.js';

describe('expandGlobs', () => {
  const tmp = makeTempDir();
  beforeAll(() => {
    mkdirSync(path.join(tmp.dir, 'logs'));
    for (const name of ['b.log', 'a.log', 'c.txt']) writeFileSync(path.join(tmp.dir, 'logs', name), '');
    writeFileSync(path.join(tmp.dir, 'odd[1].log'), '');
  });
  afterAll(() => tmp.remove());

  it('expands a pattern the shell left alone, sorted, keeping other arguments in place', async () => {
    expect(await expandGlobs(['first', 'logs/*.log', '-'], tmp.dir)).toEqual(['first', 'logs/a.log', 'logs/b.log', '-']);
  });

  it('keeps an existing file whose name holds glob characters as it is', async () => {
    expect(await expandGlobs(['odd[1].log'], tmp.dir)).toEqual(['odd[1].log']);
  });

  it('keeps a pattern that matches nothing, so that reading it reports the missing file', async () => {
    expect(await expandGlobs(['logs/*.gz'], tmp.dir)).toEqual(['logs/*.gz']);
  });

  it('expands brace patterns', async () => {
    expect(await expandGlobs(['logs/{a,c}.*'], tmp.dir)).toEqual(['logs/a.log', 'logs/c.txt']);
  });
});
