import { resolveColor } from '../../src/report/pretty-color.js';

describe('resolveColor', () => {
  test('always and never win over the terminal and the environment', () => {
    expect(resolveColor('always', false, { NO_COLOR: '1' })).toBe(true);
    expect(resolveColor('never', true, { FORCE_COLOR: '1' })).toBe(false);
  });

  test('auto follows the terminal', () => {
    expect(resolveColor('auto', true, {})).toBe(true);
    expect(resolveColor('auto', false, {})).toBe(false);
  });

  test('auto: TERM=dumb turns colour off on a terminal', () => {
    expect(resolveColor('auto', true, { TERM: 'dumb' })).toBe(false);
  });

  test('auto: a non-empty NO_COLOR turns colour off; an empty one does not', () => {
    expect(resolveColor('auto', true, { NO_COLOR: '1' })).toBe(false);
    expect(resolveColor('auto', true, { NO_COLOR: '' })).toBe(true);
  });

  test('auto: FORCE_COLOR turns colour on even into a pipe, and beats NO_COLOR; 0 and false turn it off', () => {
    expect(resolveColor('auto', false, { FORCE_COLOR: '1' })).toBe(true);
    expect(resolveColor('auto', false, { FORCE_COLOR: '' })).toBe(true);
    expect(resolveColor('auto', false, { FORCE_COLOR: '3', NO_COLOR: '1' })).toBe(true);
    expect(resolveColor('auto', true, { FORCE_COLOR: '0' })).toBe(false);
    expect(resolveColor('auto', true, { FORCE_COLOR: 'false' })).toBe(false);
  });
});
