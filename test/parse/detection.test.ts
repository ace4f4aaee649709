import { createParseContext, parseLine } from '../../src/parse/index.js';

const ctx = createParseContext({ year: 2026, tz: 'UTC' });

describe('per-line format detection', () => {
  it('detects each line of a mixed file on its own', () => {
    const lines = [
      '04-19 17:02:14.735  5394  5394 E A03200/testTag: hilog',
      '{"level":50,"msg":"json"}',
      '08-20 11:06:01.891   1948-1948     A03d00/JSAPP   com.examp...lication  E     deveco',
      '<34>Oct 11 22:14:15 host app: syslog',
      '2026-11-21T10:15:32Z ERROR iso',
      '[2026-11-21 10:15:32] bracketed',
      '2026-04-19 17:02:14.735  5394  5394 E A03200/testTag: hilog with year',
      '    at foo (file.js:1:2)',
      'plain',
    ];
    expect(lines.map((l) => parseLine(l, ctx).format)).toEqual([
      'hilog',
      'json',
      'deveco',
      'syslog',
      'iso',
      'bracketed',
      'hilog',
      'plain',
      'plain',
    ]);
  });

  it.each([
    ['an identifier that merely starts with a date', '2026-11-21T10:15:32abc rest'],
    ['a bracket that is not a time', '[main] started'],
    ['a JSON array', '[1,2,3]'],
    ['a JSON scalar', '  42'],
    ['an unclosed object', '{"a":1'],
    ['a month that is not one', 'Foo 11 22:14:15 host app: x'],
    ['a PRI beyond 191', '<999>Oct 11 22:14:15 host app: x'],
    ['an empty line', ''],
    ['a line of spaces', '     '],
  ])('leaves %s as plain', (_name, line) => {
    expect(parseLine(line, ctx)).toEqual({ format: 'plain', message: line });
  });

  it('drops trailing CRs from the message of a plain line, and keeps everything else', () => {
    expect(parseLine('plain \u0000 text\r\r', ctx)).toEqual({ format: 'plain', message: 'plain \u0000 text' });
  });

  it('keeps colour codes in plain lines: only detection skips them', () => {
    const line = '\u001b[31mred text\u001b[0m';
    expect(parseLine(line, ctx)).toEqual({ format: 'plain', message: line });
  });
});
