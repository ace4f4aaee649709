import { withAdvice, ERRLENS_ADVICE } from '../../src/catalogue/advice.js';
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import type { CatalogueEntry } from '../../src/types.js';

function entry(file: string, code: string, solutions: string[]): CatalogueEntry {
  return {
    id: `${file}#${code}`,
    code,
    page: { title: 'WebSocket Error Codes', file },
    kit: null,
    subsystem: null,
    module: 'WebSocket',
    title: 't',
    message: 'm',
    description: 'd',
    causes: [],
    solutions,
    reference: { page: file, anchor: code },
    aliases: [],
    systemOnly: false,
  };
}

describe('errlens advice for entries whose page documents no solution', () => {
  it('fills an empty solution list and marks it as errlens advice', () => {
    const [out] = withAdvice([entry('errorcode-net-webSocket.md', '2302001', [])]);
    expect(out?.solutionsBy).toBe('errlens');
    expect(out?.solutions).toEqual(ERRLENS_ADVICE['errorcode-net-webSocket.md#2302001']);
  });

  it('never replaces a solution the page documents', () => {
    const [out] = withAdvice([entry('errorcode-net-webSocket.md', '2302001', ['from the page'])]);
    expect(out?.solutions).toEqual(['from the page']);
    expect(out?.solutionsBy).toBeUndefined();
  });

  it('matches a page found deeper in a docs tree by its base name', () => {
    const [out] = withAdvice([entry('apis-network-kit/errorcode-net-webSocket.md', '2302003', [])]);
    expect(out?.solutionsBy).toBe('errlens');
  });

  it('leaves the default catalogue with no entry lacking a solution', () => {
    const missing = getDefaultCatalogue().entries.filter((e) => e.solutions.length === 0).map((e) => e.id);
    expect(missing).toEqual([]);
  });
});
