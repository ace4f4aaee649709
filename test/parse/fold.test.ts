import type { ParsedLine } from '../../src/types.js';
import { continuationKind, createFolder, createParseContext, isContinuation, parseLine } from '../../src/parse/index.js';

const ctx = createParseContext({ year: 2026, tz: 'UTC' });

/** Runs lines through a folder and returns the records as arrays of lines. */
function fold(lines: readonly string[], opts: { maxLines?: number; maxBytes?: number } = {}): string[][] {
  const folder = createFolder(opts);
  const records: string[][] = [];
  for (const line of lines) {
    const joins = folder.push(line, parseLine(line, ctx));
    const last = records[records.length - 1];
    if (joins && last !== undefined) last.push(line);
    else records.push([line]);
  }
  return records;
}

describe('createFolder', () => {
  it('folds an indented JS stack trace into the error line before it', () => {
    const lines = [
      '2026-11-21T10:15:32Z ERROR request failed',
      'TypeError: Cannot read properties of undefined',
      '    at foo (/app/a.js:1:2)',
      '\tat bar (/app/b.js:3:4)',
      '2026-11-21T10:15:33Z INFO next',
    ];
    expect(fold(lines)).toEqual([lines.slice(0, 4), [lines[4]]]);
  });

  it('folds Java-style Caused by and "... N more" lines', () => {
    const lines = [
      'java.lang.IllegalStateException: boom',
      '\tat com.example.A.run(A.java:10)',
      'Caused by: java.io.IOException: disk',
      '\tat com.example.B.read(B.java:20)',
      '\t... 12 more',
      '...',
    ];
    expect(fold(lines)).toEqual([lines]);
  });

  it('folds unindented "at" frames only after an error', () => {
    const afterError = ['01-02 03:04:05.678  1  1 E A03d00/JSAPP: crash', 'at anonymous (entry/src/main/ets/pages/Index.ets:10:5)'];
    expect(fold(afterError)).toEqual([afterError]);
    const afterInfo = ['01-02 03:04:05.678  1  1 I A03d00/JSAPP: ready', 'at home (see map:1)'];
    expect(fold(afterInfo)).toEqual([[afterInfo[0]], [afterInfo[1]]]);
  });

  it('keeps unindented frames once a trace has started, even after a non-error head', () => {
    const lines = ['something happened', '    at first (a.js:1:1)', 'at second (b.js:2:2)'];
    // The indented frame proves a trace is under way, so the bare one joins it.
    expect(fold(lines)).toEqual([lines]);
  });

  it('folds the Error name / message / Stacktrace lines of a JS crash after an error head', () => {
    const lines = [
      'Reason:Error',
      'Error name:TypeError',
      'Error message:Cannot read property code of undefined',
      'Stacktrace:',
      '    at onError (entry/src/main/ets/Net.ets:42:7)',
    ];
    expect(fold(lines)).toEqual([lines]);
  });

  it('never folds a line with a log prefix, however it continues the message', () => {
    // hilog prints each line of a multi-line message as a full line with the same pid, tid, tag and time.
    const lines = [
      '04-19 17:02:14.735  5394  5394 E A03200/testTag: Error: first line',
      '04-19 17:02:14.735  5394  5394 E A03200/testTag:     at foo (a.js:1:2)',
      '{"level":50,"msg":"json"}',
      '<34>Oct 11 22:14:15 host app: syslog',
    ];
    expect(fold(lines)).toEqual(lines.map((l) => [l]));
  });

  it('does not fold a blank line, or ordinary text after ordinary text', () => {
    const lines = ['Error: one', '', '    indented after blank', 'plain', 'Error: two'];
    expect(fold(lines)).toEqual([['Error: one'], [''], ['    indented after blank'], ['plain'], ['Error: two']]);
  });

  it('folds indented lines after any head (wrapped text, pretty-printed payloads)', () => {
    const lines = ['2026-11-21T10:15:32Z INFO response:', '  "code": 2302001,', '  "message": "Websocket url error"'];
    expect(fold(lines)).toEqual([lines]);
  });

  it('starts a new record at maxLines', () => {
    const lines = ['Error: x', ...Array.from({ length: 7 }, (_, i) => `    at f${i} (a.js:${i}:1)`)];
    const records = fold(lines, { maxLines: 3 });
    expect(records.map((r) => r.length)).toEqual([3, 3, 2]);
    expect(records.flat()).toEqual(lines);
  });

  it('starts a new record when the next line would pass maxBytes, counting UTF-8 bytes and joining newlines', () => {
    const head = 'Error: x'; // 8 bytes
    const wide = '  ' + 'é'.repeat(4); // 2 + 8 bytes
    // 8 + (1 + 10) = 19 fits in 19; a second wide line needs 11 more.
    expect(fold([head, wide, wide], { maxBytes: 19 })).toEqual([[head, wide], [wide]]);
    expect(fold([head, wide], { maxBytes: 18 })).toEqual([[head], [wide]]);
  });

  it('starts afresh after reset', () => {
    const folder = createFolder();
    const head = 'Error: x';
    const frame = '    at f (a.js:1:1)';
    expect(folder.push(head, parseLine(head, ctx))).toBe(false);
    folder.reset();
    expect(folder.push(frame, parseLine(frame, ctx))).toBe(false);
    expect(folder.push(frame, parseLine(frame, ctx))).toBe(true);
  });
});

describe('continuationKind / isContinuation', () => {
  const plain = (line: string): ParsedLine => ({ format: 'plain', message: line });

  it.each([
    ['    at foo (a.js:1:2)', 'indented-frame'],
    ['\tat Array.forEach (<anonymous>)', 'indented-frame'],
    ['    some wrapped text', 'indented'],
    ['at foo (a.js:1:2)', 'frame'],
    ['at entry/src/main/ets/Index.ets:10:5', 'frame'],
    ['at foo (a.js:1:2)\r', 'frame'],
    ['Caused by: java.io.IOException', 'trace-tail'],
    ['... 3 more', 'trace-tail'],
    ['RangeError: Maximum call stack size exceeded', 'error-head'],
    ['Error', 'error-head'],
  ])('classifies %j as %s', (line, kind) => {
    expect(continuationKind(line, plain(line))).toBe(kind);
  });

  it.each(['', '   ', 'at the end of the day', 'atfoo (a.js:1:2)', 'ErrorCode 5', 'plain text'])(
    'does not classify %j',
    (line) => {
      expect(continuationKind(line, plain(line))).toBeUndefined();
    },
  );

  it('refuses lines that parsed to a format', () => {
    const line = '    {"msg":"indented json"}';
    expect(continuationKind(line, parseLine(line, ctx))).toBeUndefined();
  });

  it('lets bare frames continue only errors or traces', () => {
    const frame = 'at foo (a.js:1:2)';
    expect(isContinuation(plain('all good'), frame, plain(frame))).toBe(false);
    expect(isContinuation(plain('all good'), frame, plain(frame), true)).toBe(true);
    expect(isContinuation({ format: 'hilog', message: 'x', levelNumber: 50 }, frame, plain(frame))).toBe(true);
    expect(isContinuation(plain('Unhandled exception'), frame, plain(frame))).toBe(true);
  });
});
