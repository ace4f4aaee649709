import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createPrettyFormatter, createPrettyWriter } from '../../src/report/pretty.js';
import type { LogRecord } from '../../src/types.js';
import { foldedRecord, plainRecord, websocketRecord } from './record-fixtures.js';

// Times are rendered in UTC by option; TZ is pinned as well so that nothing else can depend on the machine.
process.env.TZ = 'UTC';

const format = createPrettyFormatter({ color: false, utc: true });
const explain = createPrettyFormatter({ color: false, utc: true, explain: true });

describe('pretty output (colour off, UTC)', () => {
  test('a hilog record: the pino-pretty line, then the hit with its first fix', () => {
    expect(format(websocketRecord())).toMatchSnapshot();
  });

  test('the same record explained: the whole catalogue entry, code blocks indented', () => {
    expect(explain(websocketRecord())).toMatchSnapshot();
  });

  test('ambiguous and unknown hits, on a line without time or level', () => {
    expect(format(plainRecord())).toMatchSnapshot();
    expect(explain(plainRecord())).toMatchSnapshot();
  });

  test('a folded record shows its continuation lines, its flags and the printed internal code', () => {
    expect(format(foldedRecord())).toMatchSnapshot();
  });

  test('a record without hits is printed without hit lines', () => {
    const out = format({ ...websocketRecord(), hits: [] });
    expect(out).toBe('[2026-09-26 14:46:56.819] ERROR: logs/device.log:42 NETSTACK: [websocket_exec.cpp:1003] ParseUrl failed\n');
  });

  test('standard input is shown as <stdin>', () => {
    expect(format(plainRecord())).toMatch(/^ERROR: <stdin>:7 Register result/);
  });

  test('long folded records are shortened after maxContinuationLines', () => {
    const record = foldedRecord();
    const short = createPrettyFormatter({ utc: true, maxContinuationLines: 1 })(record);
    expect(short).toContain('  |     at connect (net.ets:10:5)\n  | … 1 more line\n');
    expect(short).not.toContain('at main');
  });

  test('the writer turns a stream of records into the formatted text', async () => {
    const out = await text(Readable.from([websocketRecord(), plainRecord()], { objectMode: true }).pipe(createPrettyWriter({ utc: true })));
    expect(out).toBe(format(websocketRecord()) + format(plainRecord()));
  });
});

describe('pretty output is terminal-safe', () => {
  const hostileMessage = 'pwn \u001b]0;title\u0007 \u001b[2J\u001b[H \rover \u0008\u009b31m \u202eevil\u202c end';

  function hostile(): LogRecord {
    const base = websocketRecord();
    return {
      ...base,
      text: `${hostileMessage}\n  \u001b[31mred frame`,
      lineCount: 2,
      fields: { ...base.fields, tag: 'TAG\u001b[5m', message: hostileMessage },
    };
  }

  test.each([
    ['colour off', createPrettyFormatter({ utc: true })],
    ['colour on', createPrettyFormatter({ utc: true, color: true })],
    ['explain', createPrettyFormatter({ utc: true, color: true, explain: true })],
  ])('no control character from the log reaches the terminal (%s)', (_name, fmt) => {
    const out = fmt(hostile());
    // Only our own SGR colour sequences may remain; remove them and nothing but text and newlines is left.
    const withoutOwnColours = out.replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m/g, '');
    expect(withoutOwnColours).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('\\x1b]0;title\\x07');
    expect(out).toContain('\\x0dover');
    expect(out).toContain('\\u202eevil');
    expect(out).toContain('TAG\\x1b[5m: ');
    expect(out).toContain('  |   \\x1b[31mred frame');
  });

  test('hostile catalogue text (from a --catalog file) is neutralised too', () => {
    const base = websocketRecord();
    const hit = base.hits[0]!;
    const entry = { ...hit.entry!, title: 'Bad\u001b[8m', solutions: ['run \u001b]52;c;Y2xpcA==\u0007'] };
    const out = format({ ...base, hits: [{ ...hit, entry }] });
    expect(out).toContain('Bad\\x1b[8m');
    expect(out).toContain('fix: run \\x1b]52;c;Y2xpcA==\\x07');
    expect(out).not.toContain('\u001b');
  });
});

describe('pretty output with colour', () => {
  test('colours the level, the code and the title, and dims records without hits', () => {
    const fmt = createPrettyFormatter({ utc: true, color: true });
    const out = fmt(websocketRecord());
    expect(out).toContain('\u001b[31mERROR\u001b[39m');
    expect(out).toContain('\u001b[1m\u001b[31m2302001\u001b[39m\u001b[22m');
    const context = fmt({ ...websocketRecord(), hits: [] });
    expect(context.startsWith('\u001b[2m[2026-09-26 14:46:56.819] ERROR: ')).toBe(true);
    expect(context.endsWith('\u001b[22m\n')).toBe(true);
  });
});
