import fc from 'fast-check';
import { CODE_RULES, MARKER_RULES } from '../../src/extract/index.js';
import { digitTrie } from '../../src/extract/prefilter.js';
import { defaultExtractor } from './helpers/extract-line.js';
import { fieldsFor } from './helpers/fields.js';

const asLatin1 = (line: string): string => Buffer.from(line, 'utf8').toString('latin1');

/** Every example line of every rule: each produces hits, so the prefilter must pass each. */
const EXAMPLES = [...CODE_RULES, ...MARKER_RULES].flatMap((r) => r.examples);

const FILTERS = ['prefilter', 'lineFilter'] as const;

describe.each(FILTERS)('%s', (filter) => {
  test.each([false, true])('passes every rule example (unknown=%s), as text and as latin1-decoded bytes', (unknown) => {
    const prefilter = defaultExtractor(unknown)[filter];
    for (const line of EXAMPLES) {
      expect(prefilter.test(line)).toBe(true);
      expect(prefilter.test(asLatin1(`日志 ${line} ✓`))).toBe(true);
    }
  });

  test('is ASCII-only (default options) and stateless', () => {
    const prefilter = defaultExtractor()[filter];
    expect(prefilter.source).toMatch(/^[\x20-\x7e]*$/);
    expect(prefilter.global || prefilter.sticky).toBe(false);
  });

  test('with unknown, passes a negative code behind a Chinese key, as text and as latin1 bytes', () => {
    const line = '请求失败，错误码：-1';
    expect(defaultExtractor(true).extract(line, { format: 'plain', message: line }).map((h) => h.code)).toEqual(['-1']);
    expect(defaultExtractor(true)[filter].test(line)).toBe(true);
    expect(defaultExtractor(true)[filter].test(asLatin1(line))).toBe(true);
  });

  test('rejects ordinary lines with no code and no marker word', () => {
    const prefilter = defaultExtractor()[filter];
    expect(prefilter.test('04-19 17:02:14.735  5394  5394 I A03200/testTag: this is a info level hilog')).toBe(false);
    expect(prefilter.test('GET /index.html 304 12ms')).toBe(false);
  });

  test('has no false negatives on random mixes of evidence and noise', () => {
    const fragment = fc.oneof(
      fc.constantFrom(...EXAMPLES),
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^[0-9 :.,\-[\]{}"=]{0,12}$/),
      fc.constantFrom('code: ', 'errCode=', ' 200', ' 401', 'OnError ', 'BusinessError ', 'Err.code is: -1', '2302006', '日本語', '\u00e9', '错误码：', '-1', ' lastErrCode='),
    );
    for (const unknown of [false, true]) {
      const x = defaultExtractor(unknown);
      fc.assert(
        fc.property(fc.array(fragment, { maxLength: 5 }), (parts) => {
          const line = parts.join('');
          if (x.extract(line, fieldsFor(line)).length === 0) return true;
          return x[filter].test(line) && x[filter].test(asLatin1(line));
        }),
        { numRuns: 400 },
      );
    }
  });

  test('has no false negatives when the words of a marker are joined by other separators the extractor accepts', () => {
    const x = defaultExtractor();
    const separator = fc.constantFrom(' ', '  ', '\t', ', ', ' - ', '...', '\uff0c', '\uff1a', '\u3000', '\u2019 ', '_:_', ' ;; ');
    const markerExamples = MARKER_RULES.flatMap((r) => r.examples);
    fc.assert(
      fc.property(fc.constantFrom(...markerExamples), fc.array(separator, { minLength: 1, maxLength: 8 }), (line, seps) => {
        let i = 0;
        const varied = line.replace(/ /g, () => seps[i++ % seps.length]!);
        if (x.extract(varied, fieldsFor(varied)).length === 0) return true;
        return x[filter].test(varied) && x[filter].test(asLatin1(varied));
      }),
      { numRuns: 500 },
    );
  });
});

describe('lineFilter', () => {
  test('is more selective than the prefilter: one marker word alone passes the prefilter only', () => {
    const x = defaultExtractor();
    const line = '04-19 17:02:14.735  5394  5394 I A03200/testTag: websocket heartbeat sent, connect state ok';
    expect(x.prefilter.test(line)).toBe(true);
    expect(x.lineFilter.test(line)).toBe(false);
    expect(x.lineFilter.test('04-19 17:02:14.735  5394  5394 E C015B0/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed')).toBe(true);
  });
});

describe('digitTrie', () => {
  test('digitTrie matches exactly the given codes, prefixes of each other included', () => {
    const re = new RegExp(`^(?:${digitTrie(['200', '2001', '201', '2302001', '2302999', '32390200'])})$`);
    for (const c of ['200', '2001', '201', '2302001', '2302999', '32390200']) expect(re.test(c)).toBe(true);
    for (const c of ['202', '20', '2002', '2302002', '3239020', '323902001']) expect(re.test(c)).toBe(false);
  });
});
