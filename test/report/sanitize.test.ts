import fc from 'fast-check';
import { sanitizeLines, sanitizeText } from '../../src/report/sanitize.js';

describe('sanitizeText', () => {
  test('leaves ordinary text, tabs and non-Latin scripts alone (same string)', () => {
    const text = 'E C015B0/NETSTACK:\t连接失败 €😀 code 2302001';
    expect(sanitizeText(text)).toBe(text);
  });

  test.each([
    ['CSI colour and clear screen', '\u001b[31mred\u001b[2J', '\\x1b[31mred\\x1b[2J'],
    ['OSC window title ended by BEL', '\u001b]0;owned\u0007', '\\x1b]0;owned\\x07'],
    ['OSC 52 clipboard write', '\u001b]52;c;ZWNobyBoaQ==\u001b\\', '\\x1b]52;c;ZWNobyBoaQ==\\x1b\\'],
    ['carriage return overwriting the line', 'ok\rFAKE', 'ok\\x0dFAKE'],
    ['newline faking a second record', 'a\nERROR: fake', 'a\\x0aERROR: fake'],
    ['backspace and NUL', 'a\u0008\u0000b', 'a\\x08\\x00b'],
    ['DEL and the 8-bit CSI', 'x\u007f\u009b31m', 'x\\x7f\\x9b31m'],
    ['bidi override (Trojan Source)', 'ok \u202egnp.exe', 'ok \\u202egnp.exe'],
    ['bidi isolates and marks', '\u2066a\u2069\u200e\u061c', '\\u2066a\\u2069\\u200e\\u061c'],
    ['Unicode line separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
  ])('makes %s visible', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  test('nothing a terminal acts on survives, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(sanitizeText(s)).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});

describe('sanitizeLines', () => {
  test('keeps line breaks as layout (CRLF becomes LF) and escapes everything else, a lone CR included', () => {
    expect(sanitizeLines('one\r\ntwo \u001b[2J\nthree\rFAKE')).toBe('one\ntwo \\x1b[2J\nthree\\x0dFAKE');
  });

  test('leaves clean text alone (same string)', () => {
    const text = 'a description\twith a tab';
    expect(sanitizeLines(text)).toBe(text);
  });

  test('nothing a terminal acts on survives but "\\n", for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(sanitizeLines(s)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});
