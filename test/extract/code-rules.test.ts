import { CODE_RULES } from '../../src/extract/index.js';
import { brief, extractLine } from './helpers/extract-line.js';

/** Every numeric rule's own examples must produce a code hit by that rule; its counter-examples no code at all. */
describe.each(CODE_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  test('has examples and counter-examples', () => {
    expect(rule.examples.length).toBeGreaterThan(0);
    expect(rule.counterExamples.length).toBeGreaterThan(0);
  });

  test.each(rule.examples.map((e) => [e]))('finds a code in %s', (line) => {
    const hits = extractLine(line);
    const own = hits.filter((h) => h.kind === 'code' && h.rule === rule.id);
    expect(own).toHaveLength(1);
    const hit = own[0]!;
    // The span points at the printed number, whatever it folds into.
    expect(line.slice(hit.span[0], hit.span[1])).toBe(hit.match);
    expect(hit.match).toMatch(/^-?\d+$/);
    expect(hit.confidence).toBe(rule.confidence);
  });

  test.each(rule.counterExamples.map((e) => [e]))('finds no code in %s', (line) => {
    const codes = extractLine(line, true).filter((h) => h.kind !== 'marker');
    expect(brief(codes)).toEqual([]);
  });
});
