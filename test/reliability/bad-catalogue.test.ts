/**
 * Catalogue input that is wrong: malformed Markdown, JSON of the wrong shape, duplicate codes, and a page far too
 * big. A catalogue the user named that cannot be used is an error (`errlens: <what>: <where>`, exit 2, nothing
 * scanned with a catalogue other than the one asked for); inside a folder, pages that are not error-code pages are
 * skipped with a notice.
 */
import { closeSync, copyFileSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, REPO_ROOT, runErrlens } from './helpers/cli.js';

const CAT = path.join(REPO_ROOT, 'fixtures/bad/catalogue');
const cat = (name: string): string => path.join(CAT, name);
const LOG = path.join(REPO_ROOT, 'fixtures/sample/device.log');
const MB = 1024 * 1024;

describe('malformed Markdown pages named with --catalog', () => {
  test.each([
    ['an empty page', 'empty.md', "no '#' page title: {file}:1"],
    ['a page with no code headings', 'no-code-headings.md', 'no error-code headings (such as "## 2302001 Title"): {file}:1'],
    ['a code heading before the page title', 'heading-before-title.md', "error-code heading before the page's '#' title: {file}:1"],
    ['an unclosed code fence', 'unclosed-fence.md', 'unterminated code block: {file}:7'],
    ['the same code twice on one page', 'duplicate-in-one-page.md', 'duplicate code 4200001 (first at line 3): {file}:9'],
  ])('%s: `errlens: <what>: <file>:<line>`, exit 2, no output', async (_name, name, message) => {
    const file = cat(name);
    const run = await runErrlens(['--catalog', file, '--format', 'ndjson', LOG]);
    expect(run.stderr).toBe(`errlens: ${message.replace('{file}', file)}\n`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });

  test('a page of binary garbage (NUL, ESC, invalid UTF-8 in its title and message): loads or is refused, never crashes', async () => {
    const run = await runErrlens(['--catalog', cat('binary-garbage.md'), '--format', 'ndjson', LOG]);
    expect([0, 2]).toContain(run.status);
    if (run.status === 2) expect(run.stderr).toMatch(/^errlens: .*binary-garbage\.md/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('in a folder: a malformed page that is not an error-code page is skipped with a notice; the rest loads', async () => {
    const tmp = makeTempDir();
    try {
      copyFileSync(cat('errorcode-alpha-dup.md'), path.join(tmp.dir, 'errorcode-alpha.md'));
      // Not an error-code page by name or title, and it does not compile (no code headings).
      writeFileSync(path.join(tmp.dir, 'overview.md'), '# Overview\n\nNothing to see.\n');
      const run = await runErrlens(['explain', '4300001', '--catalog', tmp.dir, '--no-default-catalog', '--format', 'json']);
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/^errlens: skipped .*overview\.md: /);
      expect((JSON.parse(run.stdout) as { total: number }).total).toBe(1);
    } finally {
      tmp.remove();
    }
  });

  test('in a folder: a malformed page named errorcode-*.md is an error naming it, exit 2', async () => {
    const tmp = makeTempDir();
    try {
      copyFileSync(cat('errorcode-alpha-dup.md'), path.join(tmp.dir, 'errorcode-alpha.md'));
      copyFileSync(cat('unclosed-fence.md'), path.join(tmp.dir, 'errorcode-broken.md'));
      const run = await runErrlens(['--catalog', tmp.dir, LOG]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`errlens: unterminated code block: ${path.join(tmp.dir, 'errorcode-broken.md')}:7\n`);
    } finally {
      tmp.remove();
    }
  });
});

describe('JSON catalogues of the wrong shape', () => {
  test.each([
    ['an array instead of an object', 'shape-array.json', 'a catalogue must be a JSON object'],
    ['null', 'shape-null.json', 'a catalogue must be a JSON object'],
    ['entries as an object', 'shape-entries-object.json', 'catalogue.entries must be an array'],
    ['an unknown schemaVersion', 'shape-schema-version.json', 'catalogue.schemaVersion must be 1'],
    ['an entry missing its fields', 'shape-entry-incomplete.json', 'entries[0].id is missing'],
    ['JSON cut short', 'shape-truncated.json', 'invalid JSON (Unexpected end of JSON input)'],
  ])('%s: `errlens: <reason>: <file>`, exit 2, no output', async (_name, name, reason) => {
    const file = cat(name);
    const run = await runErrlens(['--catalog', file, '--format', 'ndjson', LOG]);
    expect(run.stderr).toBe(`errlens: ${reason}: ${file}\n`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });

  test('a JSON catalogue with a duplicated entry id: refused naming the id and the file', async () => {
    const tmp = makeTempDir();
    try {
      const list = await runErrlens(['catalog', 'build', cat('errorcode-alpha-dup.md')]);
      expect(list.status).toBe(0);
      const json = JSON.parse(list.stdout) as { entries: unknown[] };
      json.entries.push(json.entries[0]);
      const file = path.join(tmp.dir, 'dup.json');
      writeFileSync(file, JSON.stringify(json));
      const run = await runErrlens(['--catalog', file, LOG]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`errlens: entries[1].id "errorcode-alpha-dup.md#4300001" appears twice: ${file}\n`);
    } finally {
      tmp.remove();
    }
  });
});

describe('duplicate codes across pages', () => {
  test('the same code on two pages is two entries: explain lists both, a hit on it is ambiguous, not an error', async () => {
    const args = ['--catalog', cat('errorcode-alpha-dup.md'), '--catalog', cat('errorcode-beta-dup.md'), '--no-default-catalog'];
    const explain = await runErrlens(['explain', '4300001', ...args, '--format', 'json']);
    expect(explain.status).toBe(0);
    const found = JSON.parse(explain.stdout) as { entries: { module: string }[] };
    expect(found.entries.map((e) => e.module).sort()).toEqual(['Alpha', 'Beta']);
    const run = await runErrlens([...args, '--format', 'ndjson'], { input: 'E 05-14 failed, error code: 4300001\n' });
    expect(run.status).toBe(0);
    const record = JSON.parse(run.stdout.split('\n')[0] ?? '') as { errlens: { hits: { code: string; candidates?: { module: string }[] }[] } };
    expect(record.errlens.hits[0]?.code).toBe('4300001');
    expect(record.errlens.hits[0]?.candidates?.map((c) => c.module).sort()).toEqual(['Alpha', 'Beta']);
  });
});

describe('a 100 MB catalogue file', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  /** A real page of repeated sections, 100 MB on disk. */
  function writePage(file: string): void {
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, '# Huge Error Codes\n\n');
      const section = Buffer.from('## 4100001 Huge\n\n**Error Message**\n\nHuge.\n\n' + 'filler text. '.repeat(5000) + '\n\n');
      const block = Buffer.concat(Array.from({ length: Math.ceil(MB / section.length) }, () => section));
      for (let written = 0; written < 100 * MB; written += block.length) writeSync(fd, block);
    } finally {
      closeSync(fd);
    }
  }

  test('a 100 MB page named with --catalog: refused by its size before it is read (peak RSS < 200 MB), naming the file, exit 2', async () => {
    const file = path.join(tmp.dir, 'errorcode-huge.md');
    writePage(file);
    const run = await runErrlens(['--catalog', file, LOG], { probe: true, timeoutMs: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^errlens: page too large \\(\\d+ bytes; the limit is \\d+ bytes\\): ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`));
    expect(run.peakRss ?? Infinity).toBeLessThan(200 * MB);
  }, 90_000);

  test('a 100 MB file given as a JSON catalogue: refused by its size, exit 2, peak RSS < 200 MB', async () => {
    const file = path.join(tmp.dir, 'huge.json');
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, '{"schemaVersion":1,"version":"v","entries":[');
      const block = Buffer.alloc(MB, ' ');
      for (let i = 0; i < 100; i++) writeSync(fd, block);
      writeSync(fd, ']}');
    } finally {
      closeSync(fd);
    }
    const run = await runErrlens(['--catalog', file, LOG], { probe: true, timeoutMs: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^errlens: catalogue too large \(\d+ bytes; the limit is \d+ bytes\): /);
    expect(run.peakRss ?? Infinity).toBeLessThan(200 * MB);
  }, 90_000);

  test('a 100 MB page that is not an error-code page, inside a folder: skipped with a notice, the folder still loads', async () => {
    const dir = path.join(tmp.dir, 'docs');
    mkdirSync(dir);
    copyFileSync(cat('errorcode-alpha-dup.md'), path.join(dir, 'errorcode-alpha.md'));
    writePage(path.join(dir, 'notes.md'));
    const run = await runErrlens(['explain', '4300001', '--catalog', dir, '--no-default-catalog'], { probe: true, timeoutMs: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^errlens: skipped .*notes\.md: page too large/);
    expect(run.peakRss ?? Infinity).toBeLessThan(200 * MB);
  }, 90_000);

  test('a character device given as a catalogue (/dev/zero): refused as not a regular file instead of read forever', async () => {
    const run = await runErrlens(['--catalog', '/dev/zero', LOG], { timeoutMs: 10_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('errlens: not a regular file: /dev/zero\n');
  });
});
