import fc from 'fast-check';
import { CODE_RULES, MARKER_RULES } from '../../src/extract/index.js';
import type { Hit } from '../../src/types.js';
import { defaultExtractor } from './helpers/extract-line.js';
import { fieldsFor } from './helpers/fields.js';

const EXAMPLES = [...CODE_RULES, ...MARKER_RULES].flatMap((r) => [...r.examples, ...r.counterExamples]);

/** What every hit list must satisfy, whatever the input. */
function checkInvariants(text: string, hits: readonly Hit[]): void {
  const seen = new Set<string>();
  let previous = -1;
  for (const h of hits) {
    expect(h.span[0]).toBeGreaterThanOrEqual(0);
    expect(h.span[1]).toBeLessThanOrEqual(text.length);
    expect(h.span[0]).toBeLessThan(h.span[1]);
    expect(text.slice(h.span[0], h.span[1])).toBe(h.match);
    expect(h.span[0]).toBeGreaterThanOrEqual(previous);
    previous = h.span[0];
    const key = `${h.code}@${h.span[0]}:${h.span[1]}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    expect(h.confidence).toBeGreaterThan(0);
    expect(h.confidence).toBeLessThanOrEqual(1);
    if (h.candidates !== undefined) {
      expect(h.entry).toBeUndefined();
      expect(h.candidates.length).toBeGreaterThanOrEqual(2);
      expect(h.confidence).toBeLessThanOrEqual(0.5);
    }
    if (h.kind === 'unknown') {
      expect(h.entry).toBeUndefined();
      expect(h.candidates).toBeUndefined();
    } else {
      expect(h.entry !== undefined || h.candidates !== undefined).toBe(true);
      if (h.entry !== undefined) expect(h.entry.code).toBe(h.code);
    }
    if (h.kind !== 'marker') expect(h.match).toBe(h.internalCode ?? (h.kind === 'unknown' ? h.code : h.code));
  }
}

describe('hit invariants on random input', () => {
  test.each([false, true])('spans, order, uniqueness, confidence and entries hold (unknown=%s)', (unknown) => {
    const x = defaultExtractor(unknown);
    const fragment = fc.oneof(
      fc.constantFrom(...EXAMPLES),
      fc.string({ maxLength: 16 }),
      fc.constantFrom(' ', '\n', ': ', '"code":', 'code is ', '[', ']', '-> ', 'OnError ', 'BusinessError ', '2302001', '200', '-1', 'Internal error.'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        checkInvariants(text, x.extract(text, fieldsFor(text)));
      }),
      { numRuns: 500 },
    );
  });

  test('they hold on records with many hits (above the size at which duplicates are looked up by key)', () => {
    const x = defaultExtractor();
    const evidence = fc.constantFrom('errCode=2302001 ', 'code: 2100002, ', 'Internal error. ', 'BusinessError 401 ', '[2101022] ', 'OnError 200 ');
    fc.assert(
      fc.property(fc.array(evidence, { minLength: 15, maxLength: 40 }), fc.boolean(), (parts, json) => {
        const body = parts.join('');
        const text = json ? `{"msg":"${body}","err":{"code":2302001,"errCode":"2100002"}}` : body;
        const hits = x.extract(text, fieldsFor(text));
        checkInvariants(text, hits);
        expect(hits.length).toBeGreaterThanOrEqual(parts.length);
      }),
      { numRuns: 100 },
    );
  });

  test('a code behind an explicit key is found wherever it is put in noise', () => {
    const x = defaultExtractor();
    const noise = fc.stringMatching(/^[a-z ,;]{0,30}$/);
    fc.assert(
      fc.property(noise, noise, fc.constantFrom('2302001', '2101022', '32390200', '2100003'), (left, right, code) => {
        const text = `${left} errorCode: ${code}, ${right}`;
        const hits = x.extract(text, { format: 'plain', message: text }).filter((h) => h.kind === 'code');
        expect(hits.map((h) => h.code)).toEqual([code]);
      }),
      { numRuns: 300 },
    );
  });

  test('a code glued into a longer token is never found', () => {
    const x = defaultExtractor();
    const glue = fc.constantFrom('0x', 'a', '1', '.', '/', '_', 'v', '1.');
    fc.assert(
      fc.property(glue, fc.constantFrom('2302001', '200', '32390200'), (g, code) => {
        const text = `code: ${g}${code}`;
        expect(x.extract(text, { format: 'plain', message: text })).toEqual([]);
      }),
    );
  });
});
