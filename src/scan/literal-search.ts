/**
 * The chunk scanner's literal search: the prefilter's literal alternatives, found over raw bytes by a WebAssembly
 * engine (`wasm/literal-search.wat`) instead of regular expressions over latin1 text.
 *
 * Why: the extractor's prefilter is about twenty case-insensitive words and a trie of catalogue codes with a
 * boundary rule. V8 runs the two as regular expressions at ~0.6 and ~1.1 GB/s over whole chunks, a third of the
 * whole run; the engine finds both at once several times faster.
 *
 * Which alternatives it takes is read from the prefilter's source, so any catalogue (and any prefilter) works: an
 * alternative of ASCII literal characters of 3 bytes or more (case-insensitive under the `i` flag), and, inside an
 * alternative of the exact form `(?<![0-9A-Za-z.])(?:…)(?![0-9A-Za-z])` (how `buildPrefilter` writes codes), each
 * inner alternative that expands to a small finite set of digit strings (digits, classes such as `[1-5]`, nested
 * `(?:…|…)`). Everything else (`\d{6}`, non-ASCII words, short literals…) stays with a regular expression: the
 * `rests`. A position is a match of the prefilter iff the engine or a rest matches there, so the scanner finds the
 * same match starts, hence the same lines (`test/scan/literal-search.test.ts` checks this against the RegExp).
 */
import { LITERAL_SEARCH_WASM } from './literal-search.wasm.generated.js';
import { topLevelAlternatives } from './split-alternatives.js';
import { instantiateWasm, lazyWasmModule, type WasmMemory } from './wasm-module.js';

/** Bits of {@link LiteralSearch.controls}. */
export const CONTROLS_NUL = 1;
export const CONTROLS_EF = 2;

/** A literal the engine finds: ASCII, at least 3 bytes. */
export interface WordLiteral {
  readonly text: string;
  /** Letters match in either case (the `i` flag). */
  readonly caseless: boolean;
  /** Bit set of the searchers it belongs to. */
  readonly groups: number;
}

/** A code the engine finds as a whole run of 3 to 15 digits, with the code boundary rule. */
export interface CodeLiteral {
  readonly digits: string;
  readonly groups: number;
}

/** What the engine covers of a list of searchers, and the regular expressions left for the rest. */
export interface LiteralPlan {
  readonly words: readonly WordLiteral[];
  readonly codes: readonly CodeLiteral[];
  /** Per searcher: a regular expression (same flags) for the alternatives the engine does not cover, or undefined. */
  readonly rests: readonly (RegExp | undefined)[];
}

/** The boundary rule `buildPrefilter` puts around codes: not glued to a letter, digit or dot before, nor to a letter or digit after. */
const CODE_BEFORE = '(?<![0-9A-Za-z.])(?:';
const CODE_AFTER = ')(?![0-9A-Za-z])';
/** Shortest literal the engine takes: a shorter one would make a candidate of nearly every position. */
const MIN_LITERAL = 3;
/** Longest code: a run of digits is packed into 60 bits. */
const MAX_CODE_DIGITS = 15;
/** Most digit strings one alternative may expand to. */
const MAX_EXPANSION = 4096;
/** Searchers the engine can tell apart (one bit each in a record). */
const MAX_GROUPS = 31;
/** Characters that are literal in a regular expression only when escaped. */
const SPECIAL = new Set('\\^$.*+?()[]{}|');

/**
 * Splits `searchers` (regular expressions run with the `g` flag over latin1 text, as the chunk scanner's) into what
 * the engine can find and what must stay a regular expression.
 */
export function planLiterals(searchers: readonly RegExp[]): LiteralPlan {
  const words = new Map<string, { text: string; caseless: boolean; groups: number }>();
  const codes = new Map<string, number>();
  const rests = searchers.map((re, k) => {
    const flags = re.flags.replace(/[dgmsy]/g, '');
    if (k >= MAX_GROUPS || (flags !== '' && flags !== 'i')) return re;
    const caseless = flags === 'i';
    const rest: string[] = [];
    for (const part of topLevelAlternatives(re.source) ?? [re.source]) {
      const literal = literalOf(part);
      if (literal !== undefined && literal.length >= MIN_LITERAL) {
        const text = caseless ? literal.toLowerCase() : literal;
        const key = `${caseless ? 'i' : 's'}${text}`;
        const known = words.get(key);
        words.set(key, { text, caseless, groups: (known?.groups ?? 0) | (1 << k) });
        continue;
      }
      const inner = codeInner(part);
      if (inner === undefined) {
        rest.push(part);
        continue;
      }
      const innerRest: string[] = [];
      for (const alt of topLevelAlternatives(inner) ?? [inner]) {
        const expanded = expandDigits(alt);
        if (expanded === undefined) {
          innerRest.push(alt);
          continue;
        }
        for (const digits of expanded) {
          if (digits.length >= MIN_LITERAL && digits.length <= MAX_CODE_DIGITS) codes.set(digits, (codes.get(digits) ?? 0) | (1 << k));
          else innerRest.push(digits);
        }
      }
      if (innerRest.length > 0) rest.push(`${CODE_BEFORE}${innerRest.join('|')}${CODE_AFTER}`);
    }
    return rest.length === 0 ? undefined : new RegExp(rest.join('|'), re.flags);
  });
  return {
    words: [...words.values()],
    codes: [...codes].map(([digits, groups]) => ({ digits, groups })),
    rests,
  };
}

/** The text an alternative matches when it is a plain run of printable ASCII characters (some escaped), else undefined. */
function literalOf(part: string): string | undefined {
  let text = '';
  for (let i = 0; i < part.length; i++) {
    let c = part[i] as string;
    if (c === '\\') {
      c = part[i + 1] ?? '';
      i++;
      if (!SPECIAL.has(c) && c !== '-' && c !== '/') return undefined;
    } else if (SPECIAL.has(c)) {
      return undefined;
    }
    const code = c.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) return undefined;
    text += c;
  }
  return text;
}

/** The inside of a code alternative `(?<![0-9A-Za-z.])(?:…)(?![0-9A-Za-z])`, or undefined for any other. */
function codeInner(part: string): string | undefined {
  if (!part.startsWith(CODE_BEFORE) || !part.endsWith(CODE_AFTER)) return undefined;
  const inner = part.slice(CODE_BEFORE.length, part.length - CODE_AFTER.length);
  // "(?:a)(?:b)" would start and end alike: the inside must be balanced.
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return undefined;
  }
  return depth === 0 ? inner : undefined;
}

/**
 * Every string a regular expression over digits matches, when it is made of digits, `\d`, classes of digits
 * (`[1-5]`, `[135]`) and non-capturing groups of alternatives, and matches at most {@link MAX_EXPANSION} strings;
 * else undefined.
 */
export function expandDigits(source: string): string[] | undefined {
  let i = 0;
  const alternation = (): string[] | undefined => {
    let all: string[] = [];
    for (;;) {
      const seq = sequence();
      if (seq === undefined) return undefined;
      all = all.concat(seq);
      if (all.length > MAX_EXPANSION) return undefined;
      if (source[i] !== '|') return all;
      i++;
    }
  };
  const sequence = (): string[] | undefined => {
    let strings = [''];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const atom = atomAt();
      if (atom === undefined || strings.length * atom.length > MAX_EXPANSION) return undefined;
      strings = strings.flatMap((s) => atom.map((a) => s + a));
    }
    return strings;
  };
  const atomAt = (): string[] | undefined => {
    const c = source[i] as string;
    if (c >= '0' && c <= '9') {
      i++;
      return [c];
    }
    if (source.startsWith('\\d', i)) {
      i += 2;
      return [...'0123456789'];
    }
    if (c === '[') {
      const end = source.indexOf(']', i);
      const m = end === -1 ? null : /^(?:\d-\d|\d)+$/.exec(source.slice(i + 1, end));
      if (m === null) return undefined;
      const set = new Set<string>();
      for (const [, from, to, one] of m[0].matchAll(/(\d)-(\d)|(\d)/g)) {
        if (one !== undefined) set.add(one);
        else for (let d = Number(from); d <= Number(to); d++) set.add(String(d));
      }
      i = end + 1;
      return [...set].sort();
    }
    if (source.startsWith('(?:', i)) {
      i += 3;
      const inner = alternation();
      if (inner === undefined || source[i] !== ')') return undefined;
      i++;
      return inner;
    }
    return undefined;
  };
  const all = alternation();
  return all !== undefined && i === source.length ? all : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The engine

interface EngineExports {
  readonly memory: WasmMemory;
  readonly scan: (base: number, n: number, from: number, to: number, out: number) => number;
  readonly controls: (base: number, n: number) => number;
  readonly newlines: (base: number, from: number, to: number, out: number) => number;
}

const WASM_PAGE = 65536;
/** Header fields (see the layout in `wasm/literal-search.wat`). */
const H_CODE_BUCKETS = 160;
const H_HASH = 164;
const H_HASH_MASK = 168;
const H_MAX_DIGITS = 172;
const H_BUCKETS = 176;
const DATA = 256;
/** Bytes of a literal's prefix that select its candidates. */
const FINGERPRINT = 5;
const BUCKETS = 8;
const WORD_ENTRY = 12;
const HASH_SLOT = 16;
/** Positions searched per engine call; each gives at most one record (8 bytes). */
const WINDOW = 16384;
/** Zero bytes after a region: the engine's loads read up to 31 bytes past its end. */
const TAIL = 32;

/**
 * How often a byte is guessed to occur in log text (letters by English frequency), to rate how many false candidates
 * a bucket lets through: the chance that the bytes at the fingerprint's offsets pass its tables is the product, over
 * the offsets, of the summed frequencies of the bytes it accepts there.
 */
const BYTE_FREQUENCY: readonly number[] = Array.from({ length: 256 }, (_, folded) => {
  const rank = 'etaoinshrdlcumwfgypbvkjxqz'.indexOf(String.fromCharCode(folded));
  if (rank !== -1) return 0.12 / (1 + rank * 0.35);
  if (folded >= 0x30 && folded <= 0x39) return 0.025;
  return 0.01;
});

/**
 * What a bucket's tables accept at each offset of the fingerprint: the low and the high nibbles (bit sets) of its
 * literals' folded bytes there, 0xffff for both when some literal has ended (any byte). The tables accept every byte
 * whose low nibble and high nibble each occur: `d` and `s` pass a bucket holding `t` and `c`.
 */
type Nibbles = readonly number[];

function nibblesOf(print: string): Nibbles {
  return Array.from({ length: 2 * FINGERPRINT }, (_, i) => {
    const j = i >> 1;
    if (j >= print.length) return 0xffff;
    const c = print.charCodeAt(j) | 0x20;
    return 1 << ((i & 1) === 0 ? c & 15 : c >> 4);
  });
}

/** The false-candidate rate of a bucket with these nibbles. */
function bucketCost(nibbles: Nibbles): number {
  let cost = 1;
  for (let j = 0; j < FINGERPRINT; j++) {
    const lo = nibbles[2 * j]!;
    const hi = nibbles[2 * j + 1]!;
    if (lo === 0xffff && hi === 0xffff) continue;
    let sum = 0;
    for (let h = 0; h < 16; h++) if ((hi & (1 << h)) !== 0) for (let l = 0; l < 16; l++) if ((lo & (1 << l)) !== 0) sum += BYTE_FREQUENCY[(h << 4) | l]!;
    cost *= Math.min(1, sum);
  }
  return cost;
}

/** A grouping of fingerprints into buckets: the bucket of each, and the summed cost. */
interface Grouping {
  readonly group: readonly number[];
  readonly cost: number;
}

/**
 * Groupings of fingerprints (the first bytes of literals) into 1 to {@link BUCKETS} buckets (index k - 1 for k
 * buckets), keeping the summed bucket cost low: agglomerative, merging the pair of groups that adds least, starting
 * from one group per distinct fingerprint (at most 64 groups: beyond that, neighbours in sorted order start together).
 */
function groupings(prints: readonly string[]): Grouping[] {
  const distinct = [...new Set(prints)].sort();
  const start = Math.min(distinct.length, 64);
  interface Group {
    members: string[];
    nibbles: Nibbles;
    cost: number;
  }
  const merge = (a: Group, b: Group): Group => {
    const nibbles = a.nibbles.map((x, i) => x | b.nibbles[i]!);
    return { members: [...a.members, ...b.members], nibbles, cost: bucketCost(nibbles) };
  };
  let groups: Group[] = Array.from({ length: start }, (_, g) => {
    const members = distinct.slice(Math.floor((g * distinct.length) / start), Math.floor(((g + 1) * distinct.length) / start));
    const nibbles = members.map(nibblesOf).reduce((x, y) => x.map((v, i) => v | y[i]!));
    return { members, nibbles, cost: bucketCost(nibbles) };
  });
  // The cost a merge adds, for every pair (a < b); only the pairs with the new group change after a merge.
  let added = groups.map((a, i) => groups.map((b, j) => (j > i ? merge(a, b).cost - a.cost - b.cost : Infinity)));
  const result: Grouping[] = [];
  const record = (): void => {
    const groupOf = new Map<string, number>();
    groups.forEach((g, i) => g.members.forEach((m) => groupOf.set(m, i)));
    result[groups.length - 1] = { group: prints.map((p) => groupOf.get(p)!), cost: groups.reduce((sum, g) => sum + g.cost, 0) };
  };
  if (groups.length <= BUCKETS) record();
  while (groups.length > 1) {
    let best = [0, 1];
    let least = Infinity;
    added.forEach((row, i) => row.forEach((v, j) => {
      if (v < least) {
        least = v;
        best = [i, j];
      }
    }));
    const [a, b] = best as [number, number];
    const merged = merge(groups[a]!, groups[b]!);
    const keep = groups.map((_, i) => i).filter((i) => i !== a && i !== b);
    groups = [...keep.map((i) => groups[i]!), merged];
    added = [
      ...keep.map((i, r) => [...keep.map((j, c) => (c > r ? added[Math.min(i, j)]![Math.max(i, j)]! : Infinity)), merge(groups[r]!, merged).cost - groups[r]!.cost - merged.cost]),
      groups.map(() => Infinity),
    ];
    if (groups.length <= BUCKETS) record();
  }
  return result;
}

/**
 * The buckets of the words and codes (by their fingerprints), and the bit set of code buckets. Codes and words never
 * share a bucket (they are verified differently); the 8 buckets are split between them where the cost is least.
 */
export function assignBuckets(words: readonly string[], codes: readonly string[]): { wordBucket: number[]; codeBucket: number[]; codeBuckets: number } {
  const wordPrints = words.map((w) => w.slice(0, FINGERPRINT).toLowerCase());
  const codePrints = codes.map((c) => c.slice(0, FINGERPRINT));
  const forWords = wordPrints.length === 0 ? [] : groupings(wordPrints);
  const forCodes = codePrints.length === 0 ? [] : groupings(codePrints);
  // With k buckets available and fewer distinct fingerprints, the finest grouping is the best.
  const at = (g: Grouping[], k: number): Grouping => g[Math.min(k, g.length) - 1]!;
  if (codes.length === 0) return { wordBucket: [...at(forWords, BUCKETS).group], codeBucket: [], codeBuckets: 0 };
  if (words.length === 0) return { wordBucket: [], codeBucket: [...at(forCodes, BUCKETS).group], codeBuckets: 0xff };
  let best: { wordBucket: number[]; codeBucket: number[]; codeBuckets: number } | undefined;
  let bestCost = Infinity;
  for (let k = 1; k < BUCKETS; k++) {
    const w = at(forWords, BUCKETS - k);
    const c = at(forCodes, k);
    // A code candidate also needs a boundary before it: fewer pass.
    const cost = w.cost + c.cost * 0.3;
    if (cost < bestCost - 1e-12) {
      bestCost = cost;
      const first = BUCKETS - k;
      best = { wordBucket: [...w.group], codeBucket: c.group.map((g) => first + g), codeBuckets: (0xff << first) & 0xff };
    }
  }
  return best!;
}

/** The compiled engine, or null where WebAssembly SIMD is missing (then the scanner keeps its regular expressions). */
const engineModule = lazyWasmModule(() => Buffer.from(LITERAL_SEARCH_WASM, 'base64'));

/** The hash of a code key, as the engine computes it: ((key * 0x9e3779b97f4a7c15) mod 2^64) >> 32, masked. */
function codeSlot(key: bigint, mask: number): number {
  return Number(((key * 0x9e3779b97f4a7c15n) & 0xffff_ffff_ffff_ffffn) >> 32n) & mask;
}

/** A code's key: its digits as nibbles, its length in the top 4 bits. */
function codeKey(digits: string): bigint {
  let key = 0n;
  for (const d of digits) key = (key << 4n) | BigInt(d.charCodeAt(0) - 0x30);
  return key | (BigInt(digits.length) << 60n);
}

/** The engine's memory up to the first region (header, tables, literals, code table, output area), and where parts start. */
interface Layout {
  readonly image: Uint8Array;
  /** Address of the output records. */
  readonly out: number;
  /** Address of a region's first byte. */
  readonly base: number;
}

/** Layouts by plan: a scanner is made per input (or shard), mostly for the same catalogue. */
const layouts = new Map<string, Layout>();
const MAX_LAYOUTS = 16;

/** The layout for `plan`'s literals (cached). */
function layoutOf(plan: LiteralPlan): Layout {
  const key = JSON.stringify([plan.words, plan.codes]);
  let layout = layouts.get(key);
  if (layout === undefined) {
    if (layouts.size >= MAX_LAYOUTS) layouts.clear();
    layout = buildLayout(plan);
    layouts.set(key, layout);
  }
  return layout;
}

/** Builds the layout for `plan`'s literals: see the memory layout in `wasm/literal-search.wat`. */
function buildLayout(plan: LiteralPlan): Layout {
  const tables: number[] = new Array<number>(32 * FINGERPRINT).fill(0);
  const addPrefix = (bytes: string, bucket: number): void => {
    for (let j = 0; j < FINGERPRINT; j++) {
      if (j >= bytes.length) {
        // Any byte: the literal has ended.
        for (let x = 0; x < 32; x++) tables[32 * j + x]! |= 1 << bucket;
        continue;
      }
      const c = bytes.charCodeAt(j) | 0x20;
      tables[32 * j + (c & 15)]! |= 1 << bucket;
      tables[32 * j + 16 + (c >> 4)]! |= 1 << bucket;
    }
  };
  const { wordBucket, codeBucket, codeBuckets } = assignBuckets(
    plan.words.map((w) => w.text),
    plan.codes.map((c) => c.digits),
  );
  // Word entries are stored bucket by bucket.
  const order = plan.words.map((_, i) => i).sort((a, b) => wordBucket[a]! - wordBucket[b]! || a - b);
  const words = order.map((i) => plan.words[i]!);
  const bucketOf = (i: number): number => wordBucket[order[i]!]!;
  words.forEach((w, i) => addPrefix(w.text, bucketOf(i)));
  plan.codes.forEach((c, i) => addPrefix(c.digits, codeBucket[i]!));

  // Data: word entries (in bucket order), literal bytes and masks, the code table.
  const bytes: number[] = [];
  const entries = DATA;
  let at = entries + words.length * WORD_ENTRY;
  const litAt: number[] = [];
  for (const w of words) {
    const padded = Math.ceil(w.text.length / 8) * 8;
    litAt.push(at);
    const lit = new Array<number>(2 * padded).fill(0xff);
    for (let i = 0; i < w.text.length; i++) {
      const c = w.text.charCodeAt(i);
      const letter = ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
      lit[i] = w.caseless && letter ? c | 0x20 : c;
      lit[padded + i] = w.caseless && letter ? 0x20 : 0;
    }
    bytes.push(...lit);
    at += lit.length;
  }
  const hash = Math.ceil(at / HASH_SLOT) * HASH_SLOT;
  let slots = 16;
  while (slots < 2 * plan.codes.length) slots *= 2;
  const dataEnd = hash + slots * HASH_SLOT;
  const out = Math.ceil(dataEnd / 16) * 16;
  // Records (8 bytes each), then line feed offsets (4 bytes each), one window's worth.
  const base = out + WINDOW * 12 + 16;
  const mem = new Uint8Array(base);
  const view = new DataView(mem.buffer);
  mem.set(tables, 0);
  view.setInt32(H_CODE_BUCKETS, codeBuckets, true);
  view.setInt32(H_HASH, hash, true);
  view.setInt32(H_HASH_MASK, slots - 1, true);
  view.setInt32(H_MAX_DIGITS, Math.max(0, ...plan.codes.map((c) => c.digits.length)), true);
  for (let b = 0; b < BUCKETS; b++) {
    let first = words.length;
    let count = 0;
    words.forEach((_, i) => {
      if (bucketOf(i) === b) {
        first = Math.min(first, i);
        count++;
      }
    });
    view.setInt32(H_BUCKETS + 8 * b, entries + first * WORD_ENTRY, true);
    view.setInt32(H_BUCKETS + 8 * b + 4, count, true);
  }
  words.forEach((w, i) => {
    view.setInt32(entries + i * WORD_ENTRY, litAt[i]!, true);
    view.setInt32(entries + i * WORD_ENTRY + 4, w.text.length, true);
    view.setInt32(entries + i * WORD_ENTRY + 8, w.groups, true);
  });
  mem.set(bytes, entries + words.length * WORD_ENTRY);
  for (const c of plan.codes) {
    const key = codeKey(c.digits);
    let slot = codeSlot(key, slots - 1);
    while (view.getInt32(hash + slot * HASH_SLOT + 8, true) !== 0) slot = (slot + 1) & (slots - 1);
    view.setBigUint64(hash + slot * HASH_SLOT, key, true);
    view.setInt32(hash + slot * HASH_SLOT + 8, c.groups, true);
  }
  // The byte before every region: a line feed (neither letter, digit nor dot, as at the start of a text).
  mem[base - 1] = 0x0a;
  return { image: mem, out, base };
}

/**
 * One engine instance and the region it searches. Pure and synchronous; one per scanner. Use: {@link reset} with a
 * region, then {@link next} and {@link groupsIn} with positions that never decrease.
 */
export class LiteralSearch {
  private readonly memory: WasmMemory;
  /** The engine's functions, held directly: the hot loop calls them without a load from the exports object. */
  private readonly scanFn: EngineExports['scan'];
  private readonly controlsFn: EngineExports['controls'];
  private readonly newlinesFn: EngineExports['newlines'];
  private readonly out: number;
  private readonly base: number;
  private mem: Uint8Array;
  private recs: Int32Array;
  /** Region length. */
  private n = 0;
  /** Positions below this were searched. */
  private searched = 0;
  /** Records of the last window: count, and the next one to look at. */
  private count = 0;
  private cur = 0;
  /** Line feeds: offsets of the last window searched, count, next one to look at; positions below `lfSearched` were searched. */
  private lfs: Int32Array;
  private lfCount = 0;
  private lfCur = 0;
  private lfSearched = 0;

  /** The engine for `plan`'s literals, or undefined when it has none or WebAssembly SIMD is missing. */
  static create(plan: LiteralPlan): LiteralSearch | undefined {
    if (plan.words.length === 0 && plan.codes.length === 0) return undefined;
    const module = engineModule();
    if (module === null) return undefined;
    return new LiteralSearch(instantiateWasm<EngineExports>(module), plan);
  }

  private constructor(exports: EngineExports, plan: LiteralPlan) {
    this.memory = exports.memory;
    this.scanFn = exports.scan;
    this.controlsFn = exports.controls;
    this.newlinesFn = exports.newlines;
    const { image, out, base } = layoutOf(plan);
    this.out = out;
    this.base = base;
    const need = base + TAIL;
    const have = exports.memory.buffer.byteLength;
    if (have < need) exports.memory.grow(Math.ceil((need - have) / WASM_PAGE));
    this.mem = new Uint8Array(exports.memory.buffer);
    this.mem.set(image, 0);
    this.recs = new Int32Array(exports.memory.buffer, out, WINDOW * 2);
    this.lfs = new Int32Array(exports.memory.buffer, out + WINDOW * 8, WINDOW);
  }

  /** Starts searching buf[from, to) (copied into the engine's memory). */
  reset(buf: Uint8Array, from: number, to: number): void {
    const n = to - from;
    const need = this.base + n + TAIL;
    if (this.mem.length < need) {
      this.memory.grow(Math.ceil((need - this.mem.length) / WASM_PAGE));
      this.mem = new Uint8Array(this.memory.buffer);
      this.recs = new Int32Array(this.memory.buffer, this.out, WINDOW * 2);
      this.lfs = new Int32Array(this.memory.buffer, this.out + WINDOW * 8, WINDOW);
    }
    this.mem.set(buf.subarray(from, to), this.base);
    this.mem.fill(0, this.base + n, this.base + n + TAIL);
    this.n = n;
    this.searched = 0;
    this.count = 0;
    this.cur = 0;
    this.lfCount = 0;
    this.lfCur = 0;
    this.lfSearched = 0;
  }

  /**
   * What one SIMD pass over the region finds of what makes a line suspect: {@link CONTROLS_NUL} when it holds a NUL
   * byte, {@link CONTROLS_EF} when it holds a 0xef byte (U+FFFD's first, which other characters share: confirm with
   * a search for U+FFFD). 0: neither.
   */
  controls(): number {
    return this.controlsFn(this.base, this.n);
  }

  /** The first match start at or after `pos` (an offset in the region), or the region's length when there is none. */
  next(pos: number): number {
    const recs = this.recs;
    for (;;) {
      while (this.cur < this.count) {
        const p = recs[2 * this.cur] as number;
        if (p >= pos) return p;
        this.cur++;
      }
      if (!this.more(pos)) return this.n;
    }
  }

  /**
   * The groups (bit set) of the matches that start in [pos, end). Later calls must ask about positions from `end`
   * on: the records before it are dropped.
   */
  groupsIn(pos: number, end: number): number {
    const recs = this.recs;
    let groups = 0;
    for (;;) {
      while (this.cur < this.count) {
        const p = recs[2 * this.cur] as number;
        if (p >= end) return groups;
        if (p >= pos) groups |= recs[2 * this.cur + 1] as number;
        this.cur++;
      }
      if (this.searched >= end || !this.more(pos)) return groups;
    }
  }

  /**
   * The first line feed at or after `pos` (an offset in the region), or -1 (as `indexOf`). Positions must not
   * decrease between calls (found 16 bytes at a time, a window at a time, where an `indexOf` per line costs a call
   * into the runtime).
   */
  nextLf(pos: number): number {
    const lfs = this.lfs;
    for (;;) {
      while (this.lfCur < this.lfCount) {
        const p = lfs[this.lfCur] as number;
        if (p >= pos) return p;
        this.lfCur++;
      }
      if (this.lfSearched >= this.n) return -1;
      const from = Math.max(pos, this.lfSearched);
      const to = Math.min(this.n, from + WINDOW);
      this.lfCount = this.newlinesFn(this.base, from, to, this.out + WINDOW * 8);
      this.lfCur = 0;
      this.lfSearched = to;
    }
  }

  /** Searches the next window from `pos` on (positions before it are no longer asked about); false at the end. */
  private more(pos: number): boolean {
    if (this.searched >= this.n) return false;
    const from = Math.max(pos, this.searched);
    const to = Math.min(this.n, from + WINDOW);
    this.count = this.scanFn(this.base, this.n, from, to, this.out);
    this.cur = 0;
    this.searched = to;
    return true;
  }
}
