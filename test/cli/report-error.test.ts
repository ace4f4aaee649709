import { ErrlensError } from '../../src/errors.js';
import { reportError, writeNotice } from '../../src/cli/report-error.js';

function sink(): { write(chunk: string): void; text: string } {
  return {
    text: '',
    write(chunk: string) {
      this.text += chunk;
    },
  };
}

/** Characters a terminal acts on, line feed aside. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/;

describe('reportError', () => {
  test('writes `errlens: <what>: <where>` on one line, a file name with escapes and line breaks shown escaped', () => {
    const out = sink();
    reportError(out, new ErrlensError('E_INPUT_GZIP', 'corrupt gzip', 'a\u001b]0;pwned\u0007\nerrlens: fake.gz'), false);
    expect(out.text).toBe('errlens: corrupt gzip: a\\x1b]0;pwned\\x07\\x0aerrlens: fake.gz\n');
  });

  test('with debug, stacks keep their line breaks and lose their escapes', () => {
    const out = sink();
    const err = new ErrlensError('E_INPUT_READ', 'cannot read x\u202e.log', 'permission denied', { cause: new Error('inner \u001b[2J') });
    reportError(out, err, true);
    expect(out.text.split('\n').length).toBeGreaterThan(3);
    expect(out.text).toContain('caused by: Error: inner \\x1b[2J');
    expect(CONTROL.test(out.text)).toBe(false);
  });
});

describe('writeNotice', () => {
  test('prefixes `errlens: ` and escapes what the message quotes', () => {
    const out = sink();
    writeNotice(out, 'skipped notes\u001b]0;pwned\u0007.md: no error codes');
    expect(out.text).toBe('errlens: skipped notes\\x1b]0;pwned\\x07.md: no error codes\n');
  });
});
