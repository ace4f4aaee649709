import { levelFromJsonValue, levelFromLetterCode, levelFromWord } from '../../src/parse/levels.js';

describe('levels', () => {
  it('maps hilog letters to pino numbers, V and D both to debug', () => {
    expect([...'VDIWEF'].map((c) => levelFromLetterCode(c.charCodeAt(0)))).toEqual([20, 20, 30, 40, 50, 60]);
    expect(levelFromLetterCode('e'.charCodeAt(0))).toBe(0);
    expect(levelFromLetterCode('X'.charCodeAt(0))).toBe(0);
    expect(levelFromLetterCode(0x4e00)).toBe(0);
  });

  it('maps level words in any case', () => {
    expect(levelFromWord('ERROR')).toBe(50);
    expect(levelFromWord('Warning')).toBe(40);
    expect(levelFromWord('trace')).toBe(10);
    expect(levelFromWord('crit')).toBe(60);
    expect(levelFromWord('errors')).toBeUndefined();
    expect(levelFromWord('constructor')).toBeUndefined();
  });

  it('accepts pino numbers 10..60 and rejects others', () => {
    expect(levelFromJsonValue(30)).toBe(30);
    expect(levelFromJsonValue(35)).toBe(35); // a custom pino level between info and warn
    expect(levelFromJsonValue(3)).toBeUndefined();
    expect(levelFromJsonValue(70)).toBeUndefined();
    expect(levelFromJsonValue('')).toBeUndefined();
    expect(levelFromJsonValue(true)).toBeUndefined();
  });
});
