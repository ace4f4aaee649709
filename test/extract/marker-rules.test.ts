import { MARKER_RULES } from '../../src/extract/index.js';
import { brief, extractLine } from './helpers/extract-line.js';

/** Every marker rule's examples must produce a marker hit by that rule; its counter-examples no marker at all. */
describe.each(MARKER_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  test('has examples and counter-examples', () => {
    expect(rule.examples.length).toBeGreaterThan(0);
    expect(rule.counterExamples.length).toBeGreaterThan(0);
  });

  test.each(rule.examples.map((e) => [e]))('finds a marker in %s', (line) => {
    const own = extractLine(line).filter((h) => h.kind === 'marker' && h.rule === rule.id);
    expect(own).toHaveLength(1);
    const hit = own[0]!;
    expect(line.slice(hit.span[0], hit.span[1])).toBe(hit.match);
    expect(hit.confidence).toBeLessThanOrEqual(rule.confidence);
    if (rule.id === 'marker.ambiguous') {
      expect(hit.entry).toBeUndefined();
      expect(hit.candidates!.length).toBeGreaterThanOrEqual(2);
      expect(hit.confidence).toBeLessThanOrEqual(0.5);
    } else {
      expect(hit.entry?.code).toBe(hit.code);
      expect(hit.candidates).toBeUndefined();
    }
  });

  test.each(rule.counterExamples.map((e) => [e]))('finds no marker in %s', (line) => {
    expect(brief(extractLine(line).filter((h) => h.kind === 'marker'))).toEqual([]);
  });
});
