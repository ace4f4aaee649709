import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import { createExtractor } from '../../src/extract/index.js';
import { expandDigits, LiteralSearch, planLiterals } from '../../src/scan/literal-search.js';
import { splitPrefilter } from '../../src/scan/split-alternatives.js';

const ROOT = path.join(__dirname, '..', '..');

/** The searchers the chunk scanner runs for `prefilter` (`g` and `m` added, as it does). */
function searchersOf(prefilter: RegExp): RegExp[] {
  return splitPrefilter(new RegExp(prefilter.source, `${prefilter.flags.replace(/[gmsy]/g, '')}gm`));
}

/** Every position where `re` (with `g`) has a match starting, in `text`. */
function regexStarts(re: RegExp, text: string): number[] {
  const starts: number[] = [];
  for (let p = 0; p <= text.length; ) {
    re.lastIndex = p;
    const m = re.exec(text);
    if (m === null) break;
    starts.push(m.index);
    p = m.index + 1;
  }
  return starts;
}

/**
 * Per searcher, the match starts that the engine and the searcher's rest find in bytes[from, to): what the chunk
 * scanner combines.
 */
function engineStarts(searchers: RegExp[], bytes: Buffer, from: number, to: number): number[][] {
  const plan = planLiterals(searchers);
  const engine = LiteralSearch.create(plan);
  const text = bytes.toString('latin1', from, to);
  const found = searchers.map((_, k) => {
    const rest = plan.rests[k];
    return new Set(engine === undefined ? regexStarts(searchers[k]!, text) : rest === undefined ? [] : regexStarts(rest, text));
  });
  if (engine !== undefined) {
    engine.reset(bytes, from, to);
    for (let p = engine.next(0); p < to - from; p = engine.next(p + 1)) {
      const groups = engine.groupsIn(p, p + 1);
      expect(groups).not.toBe(0);
      found.forEach((set, k) => {
        if ((groups & (1 << k)) !== 0) set.add(p);
      });
    }
  }
  return found.map((set) => [...set].sort((a, b) => a - b));
}

const catalogue = getDefaultCatalogue();
const PREFILTERS: [string, RegExp][] = [
  ['the extractor prefilter', createExtractor(catalogue).prefilter],
  ['the extractor prefilter with unknown', createExtractor(catalogue, { unknown: true }).prefilter],
  // Case-sensitive, short and long codes, a literal with digits and punctuation, a rest in each part.
  ['a hand-made prefilter', /(?<![0-9A-Za-z.])(?:12|2(?:0[1-3]|1[05]\d)|9999999999999999|[4-5]01)(?![0-9A-Za-z])|Err\.Code|x1y|ab|Ex\d|(?<=:)201/],
  ['a caseless prefilter with a non-ASCII word', /connect|PERMISSION|time-out|c\/s|错误|é\d|(?<![0-9A-Za-z.])(?:4010|40[0-2])(?![0-9A-Za-z])/i],
];

// Literal parts, near misses, and what the boundary rule looks at: digits, letters, dots, separators, line ends, bytes
// that fold to digits (0x10-0x19) or to letters under 0x20 (0x40-0x5f), and latin1 letters.
const PIECES = [
  'connect', 'Connect', 'CONNECT', 'conn', 'permission', 'Permi', 'request', 'websocket', 'parseurl', 'started', 'code',
  'Err.Code', 'err.code', 'x1y', 'X1Y', 'ab', 'Ex', 'time-out', 'c/s', '2302001', '2100101', '210010', '32390200', '201',
  '200', '2010', '401', '4010', '12', '9999999999999999', '99999999999999999', '215', '2157',
  '0', '1', '2', '3', '9', 'a', 'z', 'A', 'Z', '_', '.', ':', ' ', '-', '=', '"', '\n', '\r', '\t',
].map((p) => Buffer.from(p, 'latin1'));
const RAW = [[0x00], [0x10], [0x12], [0x19], [0x40], [0x5b], [0x7f], [0xc3], [0xe9], [0xc9], [0xff], [0xe9, 0x94, 0x99]].map((b) => Buffer.from(b));

const bytesArb = (maxLength: number, minLength = 0): fc.Arbitrary<Buffer> =>
  fc
    .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.constantFrom(...RAW) }), { minLength, maxLength })
    .map((parts) => Buffer.concat(parts));

describe('expandDigits', () => {
  test.each([
    ['2(?:0(?:0|1)|10)', ['200', '201', '210']],
    ['210010[1-3]', ['2100101', '2100102', '2100103']],
    ['4[05]1|8\\d', ['401', '451', ...[...'0123456789'].map((d) => `8${d}`)]],
    ['', ['']],
  ])('%s', (source, strings) => {
    expect(expandDigits(source)).toEqual(strings);
  });

  test.each(['\\d{6}', '2+', '(?:1|2', '[^1]', 'a1', '(1)', '\\d\\d\\d\\d'])('%s is not a small set of digit strings', (source) => {
    expect(expandDigits(source)).toBeUndefined();
  });
});

describe('planLiterals', () => {
  test("the engine takes all of the extractor's prefilter: no regular expression is left", () => {
    const plan = planLiterals(searchersOf(createExtractor(catalogue).prefilter));
    expect(plan.rests).toEqual([undefined, undefined]);
    expect(plan.codes.map((c) => c.digits)).toEqual(expect.arrayContaining(['201', '2302001', '2100105', '2100208', '32390300']));
    expect(plan.words.map((w) => w.text)).toEqual(expect.arrayContaining(['connect', 'websocket']));
  });

  test('what it cannot take stays with a regular expression, with the same flags', () => {
    const plan = planLiterals(searchersOf(PREFILTERS[2]![1]));
    expect(plan.rests.map((r) => r?.source)).toEqual([
      '(?<![0-9A-Za-z.])(?:12|9999999999999999)(?![0-9A-Za-z])|(?<=:)201',
      'ab|Ex\\d',
    ]);
    expect(plan.rests.map((r) => r?.flags)).toEqual(['gm', 'gm']);
    expect(plan.words).toEqual(expect.arrayContaining([{ text: 'Err.Code', caseless: false, groups: 2 }]));
  });
});

describe('LiteralSearch (property)', () => {
  test.each(PREFILTERS)('%s: the engine and the rests find the match starts of every searcher', (_, prefilter) => {
    const searchers = searchersOf(prefilter);
    fc.assert(
      fc.property(bytesArb(60), fc.nat({ max: 20 }), fc.nat({ max: 20 }), (bytes, a, b) => {
        // A region inside the buffer: bytes around it must not count (it is searched as if it were the whole text).
        const from = Math.min(a, bytes.length);
        const to = Math.max(from, bytes.length - b);
        const text = bytes.toString('latin1', from, to);
        expect(engineStarts(searchers, bytes, from, to)).toEqual(searchers.map((re) => regexStarts(re, text)));
      }),
      { numRuns: 1500 },
    );
  });

  test('regions longer than a search window', () => {
    const searchers = searchersOf(PREFILTERS[0]![1]);
    fc.assert(
      fc.property(bytesArb(12000, 8000), (bytes) => {
        const text = bytes.toString('latin1');
        expect(engineStarts(searchers, bytes, 0, bytes.length)).toEqual(searchers.map((re) => regexStarts(re, text)));
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });

  test('nextLf finds the line feeds as indexOf does', () => {
    const engine = LiteralSearch.create(planLiterals(searchersOf(/connect/i)))!;
    fc.assert(
      fc.property(bytesArb(8000, 4000), fc.array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 200 }), (bytes, steps) => {
        engine.reset(bytes, 0, bytes.length);
        const text = bytes.toString('latin1');
        let pos = 0;
        for (const step of steps) {
          pos += step;
          expect(engine.nextLf(pos)).toBe(pos >= text.length ? -1 : text.indexOf('\n', pos));
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  test('next and groupsIn skip what is behind them', () => {
    const plan = planLiterals(searchersOf(/connect|(?<![0-9A-Za-z.])(?:201)(?![0-9A-Za-z])/i));
    const engine = LiteralSearch.create(plan)!;
    const bytes = Buffer.from('connect 201 x201 connect 201\n');
    engine.reset(bytes, 0, bytes.length);
    expect(engine.next(0)).toBe(0);
    expect(engine.next(1)).toBe(8);
    expect(engine.groupsIn(8, 25)).toBe(0b11);
    expect(engine.next(25)).toBe(25);
    expect(engine.next(26)).toBe(bytes.length);
  });
});

describe('literal-search.wasm.generated.ts', () => {
  test('is what wasm/literal-search.wat assembles to', () => {
    // exits 1 (and execFileSync throws) when the committed module drifted from its source
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-wasm.mjs'), '--check'], { stdio: 'pipe' });
  });
});
