import { Catalogue } from '../../src/catalogue/catalogue.js';
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { parsePage } from '../../src/catalogue/parse-page.js';
import { explainQuery, runExplain } from '../../src/cli/explain-command.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

const catalogue = getDefaultCatalogue();

describe('runExplain', () => {
  test('2302001 prints the WebSocket URL error with every field', () => {
    const run = capture();
    expect(runExplain({ catalogue, query: '2302001', format: 'text' }, run.io)).toBe(0);
    expect(run.stdout()).toBe(
      [
        '2302001  WebSocket URL Error',
        '  Module       WebSocket (Network Kit, Communication)',
        '  Page         WebSocket Error Codes (errorcode-net-webSocket.md)',
        '  Message      Websocket url error.',
        '  Description  This error code is reported if the WebSocket URL is incorrect.',
        '  Causes       1. The WebSocket URL is incorrect.',
        '  Solutions    1. Log the exact URL passed to connect() and check that it starts with ws:// or wss:// and has a valid host.',
        '               2. Percent-encode spaces and non-ASCII characters in the path and query before connecting.',
        '               (suggested by errlens: the page documents no solution)',
        '  Reference    errorcode-net-webSocket.md#2302001-websocket-url-error',
        '  Aliases      "Websocket url error"',
        '               "ParseUrl failed"',
        '',
      ].join('\n'),
    );
  });

  test('numbers causes and solutions and keeps code blocks aligned under their item', () => {
    const shell = parsePage(
      '# Shell Error Codes\n## 1 Shell\n**Message**\nm\n**Solution**\n1. Run:\n   ```\n   hdc shell\n   ```\n2. Retry.\n',
      's.md',
    ).entries;
    const run = capture();
    runExplain({ catalogue: new Catalogue(shell, 'v'), query: '1', format: 'text' }, run.io);
    expect(run.stdout()).toContain(
      ['  Solutions    1. Run:', '                  ```', '                  hdc shell', '                  ```', '               2. Retry.'].join('\n'),
    );
  });

  test('an ambiguous code shows every meaning', () => {
    const policy = parsePage('# Policy Error Codes\n## 2100002 Policy Service\n**Error Message**\nCannot connect.\n', 'p.md').entries;
    const run = capture();
    const layered = catalogue.layer(new Catalogue(policy, 'p'));
    expect(runExplain({ catalogue: layered, query: ' 2100002 ', format: 'text' }, run.io)).toBe(0);
    expect(run.stdout()).toMatch(/^2100002 has 2 meanings:\n\n2100002 {2}Service Connection Failure\n/);
    expect(run.stdout()).toContain('\n2100002  Policy Service\n');
  });

  test('words find an entry by message or alias', () => {
    const run = capture();
    expect(runExplain({ catalogue, query: 'over the max request', format: 'text' }, run.io)).toBe(0);
    expect(run.stdout()).toMatch(/^1 entry matches "over the max request":\n\n2101022 {2}Number of Requests Exceeding the Maximum\n/);
  });

  test('json gives the query, how it matched and the entries', () => {
    const run = capture();
    expect(runExplain({ catalogue, query: 'ParseUrl failed', format: 'json' }, run.io)).toBe(0);
    const result = JSON.parse(run.stdout());
    expect(result).toMatchObject({ query: 'ParseUrl failed', matchedBy: 'words', total: 1 });
    expect(result.entries[0].id).toBe('errorcode-net-webSocket.md#2302001');
  });

  test('nothing matched exits 1 with a note on stderr', () => {
    const run = capture();
    expect(runExplain({ catalogue, query: '9999999', format: 'text' }, run.io)).toBe(1);
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toBe('errlens: no catalogue entry for code 9999999\n');
    const words = capture();
    expect(runExplain({ catalogue, query: 'flux capacitor', format: 'json' }, words.io)).toBe(1);
    // A line without known codes or messages matches nothing either.
    expect(JSON.parse(words.stdout())).toEqual({ query: 'flux capacitor', matchedBy: 'none', total: 0, entries: [] });
  });
});

describe('explainQuery', () => {
  test('finds the entries of a pasted log line by the codes and the messages in it', () => {
    const line = '09-26 14:46:56.819  9308  9456 E C015B0/NETSTACK: [websocket_exec.cpp:88] ParseUrl failed';
    expect(explainQuery(catalogue, line).entries.map((e) => e.code)).toEqual(['2302001']);
    const withCode = explainQuery(catalogue, 'Err:{"code":2101008,"message":"x"} after [pid 200x]');
    expect(withCode).toMatchObject({ matchedBy: 'text' });
    expect(withCode.entries.map((e) => e.code)).toEqual(['2101008']);
  });

  test('matches aliases with placeholders against a pasted line', () => {
    const line = 'E C015B0/NetConnManager: return falied for UID [20020160] has registered over [2000] callback';
    expect(explainQuery(catalogue, line).entries.map((e) => e.code)).toEqual(['2101022']);
  });

  test('does not treat an unknown number as words found in descriptions', () => {
    expect(explainQuery(catalogue, '2').matchedBy).toBe('none');
  });

  test('limits a words search but reports the total', () => {
    const result = explainQuery(catalogue, 'error', 2);
    expect(result.entries).toHaveLength(2);
    expect(result.total).toBeGreaterThan(2);
  });
});
