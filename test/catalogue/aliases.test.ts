import { parsePage } from '../../src/catalogue/parse-page.js';
import { placeholderPattern, RUNTIME_ALIASES, withAliases } from '../../src/catalogue/aliases.js';

const page = `# Network Connection Management Error Codes

## 2101022 Too Many Requests

**Error Message**

The number of requests exceeded the maximum allowed.

## 2100002 Service Connection Failure

**Error Message**

Failed to connect to the service.
`;

describe('RUNTIME_ALIASES', () => {
  test('records the runtime variants and service log lines from the field', () => {
    expect(RUNTIME_ALIASES['errorcode-net-connection.md#2101022']).toEqual([
      'Over the max request number',
      'return falied for UID [%d] has registered over [%d] callback',
      'the number of requests exceeded the maximum',
      'The number of requests exceeded the maximum allowed',
    ]);
    expect(RUNTIME_ALIASES['errorcode-net-connection.md#2101008']).toContain('RegisterNetConnCallback find same callback');
    expect(RUNTIME_ALIASES['errorcode-net-webSocket.md#2302001']).toEqual(['Websocket url error', 'ParseUrl failed']);
    expect(RUNTIME_ALIASES['errorcode-net-webSocket.md#2302003']).toEqual([
      'Websocket connection already exist',
      'Websocket connect already exist',
    ]);
    expect(RUNTIME_ALIASES['errorcode-net-webSocket.md#2302999']).toEqual(['Websocket Unknown Other Error']);
    expect(RUNTIME_ALIASES['errorcode-net-webSocket.md#200']).toEqual(['Lws client connection error']);
    expect(RUNTIME_ALIASES['errorcode-universal.md#201']).toEqual(['Permission denied']);
  });

  test('every alias with a placeholder yields a pattern that matches a printed line', () => {
    const pattern = placeholderPattern(RUNTIME_ALIASES['errorcode-net-connection.md#2101022']?.[1] ?? '');
    expect(new RegExp(pattern ?? '(?!)').test('return falied for UID [20020160] has registered over [2000] callback')).toBe(true);
  });
});

describe('withAliases', () => {
  test('adds the aliases of the page file and code, also for a page deeper in a docs tree', () => {
    const entries = parsePage(page, 'apis-network-kit/errorcode-net-connection.md').entries;
    const [tooMany, service] = withAliases(entries);
    expect(tooMany?.aliases).toContain('Over the max request number');
    expect(service?.aliases).toEqual(['Operation failed. Cannot connect to service', 'Failed to connect to the service']);
  });

  test('leaves entries of other pages untouched and does not duplicate aliases', () => {
    const other = parsePage(page, 'errorcode-net-policy.md').entries;
    expect(withAliases(other)).toEqual(other);
    const table = { 'x.md#1': ['a', 'b'] };
    const [entry] = parsePage('# X Error Codes\n## 1 One\n**Message**\nm\n', 'x.md').entries;
    const once = withAliases(entry === undefined ? [] : [entry], table);
    expect(withAliases(once, table)[0]?.aliases).toEqual(['a', 'b']);
  });
});
