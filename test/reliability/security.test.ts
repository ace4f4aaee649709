/**
 * Security of what errlens prints and does: log content cannot drive the terminal, nothing from a log, catalogue or
 * config file is evaluated or executed, and paths inside catalogues cannot make errlens read outside what the user
 * named. Processes are watched by a preload (see helpers/cli.ts) that lists every file opened and every child
 * process or `vm` evaluation started.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, runErrlens, type CliRun } from './helpers/cli.js';

/** Characters a terminal acts on. Output may hold "\n" (and "\t"); nothing else from this set. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/;
/** The same, allowing errlens's own colour codes (SGR: ESC [ digits ; m) and nothing else after an ESC. */
const CONTROL_EXCEPT_SGR = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/;

/** Where in `text` the first forbidden character is, for a readable failure. */
function firstControl(text: string, re: RegExp = CONTROL): string | undefined {
  const m = re.exec(text);
  if (m === null) return undefined;
  return `U+${(m[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 20))}`;
}

const PREFIX = '05-14 09:12:05.012  5394  5418 E C015B0/NETSTACK: ';
/** Log lines that try to drive a terminal, each with a real code so that it is printed. */
const HOSTILE_LINES = [
  `${PREFIX}clear screen \u001b[2J\u001b[H ParseUrl failed`,
  `${PREFIX}OSC 52 clipboard write \u001b]52;c;cm0gLXJmIH4K\u0007 code: 2302001`,
  `${PREFIX}OSC 0 window title \u001b]0;pwned\u001b\\ code: 2302001`,
  `${PREFIX}OSC 8 hyperlink \u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ code: 2302001`,
  `${PREFIX}C1 CSI \u009b31m and C1 OSC \u009d0;t\u009c code: 2302001`,
  `${PREFIX}carriage return overwrite\rOK nothing to see code: 2302001`,
  `${PREFIX}backspaces\b\b\b\b and bell \u0007 code: 2302001`,
  `${PREFIX}bidi \u202eredro esrever\u202c and isolate \u2066x\u2069 code: 2302001`,
  `${PREFIX}DEL \u007f and vertical tab \u000b form feed \u000c code: 2302001`,
  `05-14 09:12:05.012  5394  5418 E C015B0/TAG\u001b[31mRED\u001b[0m: tag and process with escapes code: 2302001`,
  `{"level":50,"msg":"json \\u001b[2J escaped in JSON","code":2302001,"name":"\\u001b]0;title\\u0007"}`,
];
// A lone CR ends a line for the scanner, so the overwrite attempt arrives as a line of its own: it must not erase
// the line printed before it either way.
const HOSTILE_INPUT = `${HOSTILE_LINES.join('\n')}\n`;

/** A page whose every field carries escape sequences. */
const HOSTILE_PAGE =
  '# Evil\u001b]0;title\u0007 Error Codes\n\n<!--Kit: Kit\u001b[2J-->\n\n## 4100001 Title \u001b[31mred\u001b[0m \u202eevil\n\n' +
  '**Error Message**\n\nMessage \u001b]52;c;Zm9v\u0007 here\n\n**Description**\n\nDescription \u009b2J.\n\n' +
  '**Possible Causes**\n\n1. Cause \u0007\u0008\u0008.\n\n**Solution**\n\nSolution \u001b[H\u001b[2J.\n';

describe('log content cannot inject terminal escape sequences', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());
  const page = path.join(tmp.dir, 'errorcode-evil.md');
  beforeAll(() => writeFileSync(page, HOSTILE_PAGE));

  test('pretty output without colour: no control character from the log reaches stdout; each is shown escaped', async () => {
    const run = await runErrlens(['--format', 'pretty', '--color', 'never'], { input: HOSTILE_INPUT });
    expect(run.status).toBe(0);
    expect(firstControl(run.stdout)).toBeUndefined();
    expect(run.stdout).toContain('\\x1b');
    expect(run.stdout).toContain('\\u202e');
  });

  test('pretty output with colour forced: the only escape sequences are errlens\'s own colour codes', async () => {
    const run = await runErrlens(['--format', 'pretty', '--color', 'always'], { input: HOSTILE_INPUT });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\u001b['); // colour is on
    expect(firstControl(run.stdout, CONTROL_EXCEPT_SGR)).toBeUndefined();
  });

  test('pretty --explain with a catalogue page full of escape sequences: none reaches stdout', async () => {
    const run = await runErrlens(['--format', 'pretty', '--color', 'never', '--explain', '--catalog', page], {
      input: `${PREFIX}failed, error code: 4100001\n`,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('4100001');
    expect(firstControl(run.stdout)).toBeUndefined();
  });

  test('text summary: tags, process names and samples with escapes are printed escaped', async () => {
    const run = await runErrlens(['--format', 'text'], { input: HOSTILE_INPUT });
    expect(run.status).toBe(0);
    expect(firstControl(run.stdout)).toBeUndefined();
    expect(run.stdout).toContain('\\x1b');
  });

  test('markdown summary (read in terminals too): no raw control characters', async () => {
    const run = await runErrlens(['--format', 'markdown'], { input: HOSTILE_INPUT });
    expect(run.status).toBe(0);
    expect(firstControl(run.stdout)).toBeUndefined();
    expect(run.stdout).toContain('\\x1b');
  });

  test('`errlens explain` text output of a catalogue entry with escape sequences: none reaches stdout', async () => {
    const run = await runErrlens(['explain', '4100001', '--catalog', page]);
    expect(run.status).toBe(0);
    expect(firstControl(run.stdout)).toBeUndefined();
  });

  test('`errlens catalog list` text output of a catalogue with escape sequences: none reaches stdout', async () => {
    const run = await runErrlens(['catalog', 'list', '--catalog', page, '--no-default-catalog']);
    expect(run.status).toBe(0);
    expect(firstControl(run.stdout)).toBeUndefined();
  });

  test('error messages quoting a catalogue value with escape sequences: stderr stays free of them', async () => {
    const file = path.join(tmp.dir, 'evil-code.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, version: 'v\u001b]0;x\u0007', entries: [{ id: 'a.md#\u001b[2J', code: '\u001b]52;c;Zm9v\u0007' }] }));
    const run = await runErrlens(['--catalog', file, '-'], { input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^errlens: /);
    expect(firstControl(run.stderr.replace(/\n$/, ''))).toBeUndefined();
  });

  test('notices naming a file whose name holds escape sequences (a page skipped in a folder): stderr stays free of them', async () => {
    const dir = path.join(tmp.dir, 'docs');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'errorcode-ok.md'), '# Ok Error Codes\n\n## 4100009 Ok\n\n**Error Message**\n\nOk.\n');
    writeFileSync(path.join(dir, 'notes\u001b]0;pwned\u0007.md'), '# Notes\n\nno codes\n');
    const run = await runErrlens(['explain', '4100009', '--catalog', dir, '--no-default-catalog']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^errlens: skipped /);
    expect(firstControl(run.stderr.replace(/\n/g, ' '))).toBeUndefined();
  });
});

describe('nothing from a log, catalogue or config file is evaluated or executed', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());
  const canary = (name: string): string => path.join(tmp.dir, `canary-${name}`);

  function expectNothingRan(run: CliRun, canaries: readonly string[]): void {
    expect(run.executed).toEqual([]);
    for (const c of canaries) expect(existsSync(c)).toBe(false);
  }

  test('log lines holding shell, JavaScript and template payloads are printed as data, never run', async () => {
    const c = canary('log');
    const payloads = [
      `$(touch ${c})`,
      `\`touch ${c}\``,
      `\${require('child_process').execSync('touch ${c}')}`,
      `{{constructor.constructor('require("fs").writeFileSync("${c}","x")')()}}`,
      `<%= system("touch ${c}") %>`,
      `; touch ${c} #`,
      `%s%s%s%n%n ${'%x'.repeat(8)}`,
      `{"level":50,"msg":"\${process.exit(9)}","code":2302001,"toJSON":"x","then":"touch ${c}"}`,
    ];
    const input = `${payloads.map((p) => `${PREFIX}ParseUrl failed ${p}`).join('\n')}\n`;
    for (const format of ['ndjson', 'pretty', 'json', 'markdown', 'text']) {
      const run = await runErrlens(['--format', format, '--color', 'never'], { input, probe: true });
      expect(run.status).toBe(0);
      expectNothingRan(run, [c]);
      if (format === 'ndjson') {
        const originals = run.stdout.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { event: { original: string } }).event.original);
        expect(originals).toEqual(input.trimEnd().split('\n'));
      }
    }
  });

  test('a catalogue page whose placeholders and messages hold code and regex bombs: loaded as text, nothing runs', async () => {
    const c = canary('page');
    const page = path.join(tmp.dir, 'errorcode-payload.md');
    writeFileSync(
      page,
      '# Payload Error Codes\n\n' +
        '## 4100001 Template\n\n**Error Message**\n\n' +
        `Failed \${require('child_process').execSync('touch ${c}')} at \${(a+)+$} \${constructor.constructor('return process')().exit(7)}.\n\n` +
        '## 4100002 Regex\n\n**Error Message**\n\n' +
        'Bad (((((a+)+)+)+)+$ [z-a] \\ \\k<x> (?<n>) ${x}${y}${z}\n',
    );
    const input = `${PREFIX}Failed anything at aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! everything.\n${PREFIX}Bad ${'a'.repeat(5000)}! code: 4100002\n`;
    const run = await runErrlens(['--catalog', page, '--format', 'ndjson', '--explain'], { input, probe: true });
    expect(run.status).toBe(0);
    expectNothingRan(run, [c]);
    const explain = await runErrlens(['explain', '--catalog', page, 'Failed', 'anything'], { probe: true });
    expect([0, 1]).toContain(explain.status);
    expectNothingRan(explain, [c]);
  });

  test('config values holding shell and JavaScript: refused as invalid values or used as plain strings, nothing runs', async () => {
    const c = canary('config');
    const cases: Record<string, unknown>[] = [
      { format: `ndjson; touch ${c}` },
      { tz: `$(touch ${c})` },
      { color: '`touch ' + c + '`' },
      { catalogs: [`$(touch ${c})`] },
      { code: [`\${require('fs').writeFileSync('${c}','x')}`] },
    ];
    for (const [i, config] of cases.entries()) {
      const dir = path.join(tmp.dir, `config-${i}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, '.errlensrc.json'), JSON.stringify(config));
      const run = await runErrlens(['-'], { cwd: dir, input: `${PREFIX}ParseUrl failed\n`, probe: true });
      expect([0, 1, 2]).toContain(run.status);
      if (run.status === 2) expect(run.stderr).toMatch(/^errlens: .+: /);
      expectNothingRan(run, [c]);
    }
  });
});

describe('paths in catalogues cannot make errlens read outside what the user named', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());
  const outside = path.join(tmp.dir, 'outside');
  const secretPage = path.join(outside, 'errorcode-secret.md');
  const secretFile = path.join(outside, 'secret.txt');
  const SECRET = 'SECRET-CANARY-TEXT-7f3a';
  const docs = path.join(tmp.dir, 'docs');

  beforeAll(() => {
    mkdirSync(outside);
    mkdirSync(docs);
    writeFileSync(secretPage, `# Secret Error Codes\n\n## 4999001 Secret\n\n**Error Message**\n\n${SECRET}\n`);
    writeFileSync(secretFile, `${SECRET}\n`);
    writeFileSync(
      path.join(docs, 'errorcode-inside.md'),
      '# Inside Error Codes\n\n## 4100001 Inside\n\n**Error Message**\n\nInside.\n\n' +
        `See [the secret](../outside/errorcode-secret.md), [absolute](${secretPage}), ![img](${secretFile}) and <!--include: ${secretFile}-->.\n\n` +
        `**Solution**\n\nRead [file](file://${secretFile}).\n`,
    );
    symlinkSync(secretPage, path.join(docs, 'errorcode-link.md'));
    symlinkSync(outside, path.join(docs, 'linked-folder'));
  });

  const notOpened = (run: CliRun): void => {
    expect(run.opened).toBeDefined();
    expect((run.opened ?? []).filter((p) => p.startsWith(outside))).toEqual([]);
  };

  test('a folder with a symbolic link to a page outside it: the link is skipped with a notice, the outside page is never opened', async () => {
    const run = await runErrlens(['explain', '4999001', '--catalog', docs, '--no-default-catalog'], { probe: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`errlens: skipped ${path.join(docs, 'errorcode-link.md')}: symbolic link out of the folder, not followed\n`);
    expect(run.stdout).not.toContain(SECRET);
    notOpened(run);
  });

  test('a folder with a symbolic link to a folder outside it: not followed, nothing in it opened or listed', async () => {
    const run = await runErrlens(['catalog', 'list', '--catalog', docs, '--no-default-catalog'], { probe: true });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('4999001');
    notOpened(run);
  });

  test('links, images and include comments in a page pointing outside: kept as text, never followed', async () => {
    const page = path.join(docs, 'errorcode-inside.md');
    for (const args of [
      ['explain', '4100001', '--catalog', page, '--format', 'json'],
      ['explain', '4100001', '--catalog', page],
      ['--catalog', page, '--format', 'pretty', '--explain', '--color', 'never', '-'],
      ['--catalog', page, '--format', 'markdown', '-'],
    ]) {
      const run = await runErrlens(args, { input: `${PREFIX}failed, error code: 4100001\n`, probe: true });
      expect(run.status).toBe(0);
      expect(run.stdout).not.toContain(SECRET);
      notOpened(run);
    }
  });

  test('a JSON catalogue whose page and reference paths point outside (relative, absolute, file://): printed as names, never opened', async () => {
    const entry = (code: string, file: string) => ({
      id: `${file}#${code}`,
      code,
      page: { title: 'Evil Error Codes', file },
      kit: null,
      subsystem: null,
      module: 'Evil',
      title: 'Evil',
      message: 'evil',
      description: '',
      causes: [],
      solutions: [],
      reference: { page: file, anchor: `${code}-evil` },
      aliases: [],
      systemOnly: false,
    });
    const json = path.join(docs, 'evil.json');
    writeFileSync(
      json,
      JSON.stringify({
        schemaVersion: 1,
        version: 'evil',
        entries: [entry('4100011', '../outside/secret.txt'), entry('4100012', secretFile), entry('4100013', `file://${secretFile}`)],
      }),
    );
    const input = ['4100011', '4100012', '4100013'].map((c) => `${PREFIX}failed, error code: ${c}`).join('\n') + '\n';
    for (const args of [
      ['--catalog', json, '--format', 'ndjson', '-'],
      ['--catalog', json, '--format', 'pretty', '--explain', '--color', 'never', '-'],
      ['--catalog', json, '--format', 'markdown', '-'],
      ['explain', '4100012', '--catalog', json],
      ['explain', '4100011', '--catalog', json, '--format', 'json'],
    ]) {
      const run = await runErrlens(args, { input, probe: true });
      expect(run.status === 0 || run.status === 2).toBe(true);
      if (run.status === 2) expect(run.stderr).toContain(json);
      expect(run.stdout).not.toContain(SECRET);
      notOpened(run);
    }
  });
});
