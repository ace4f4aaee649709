import type { Catalogue } from '../catalogue/catalogue.js';
import type { CatalogueEntry, Hit, ParsedLine } from '../types.js';
import { AFTER_WINDOW, BEFORE_WINDOW, CODE_RULES, type CodeRule, NON_CODE_KEY, codeRule, unitAfter } from './code-rules.js';
import { CONFIDENCE } from './confidence.js';
import { familyResolver } from './families.js';
import { INTERNAL_CODE_SOURCES, foldInternalCode } from './fold.js';
import { type JsonCode, findJsonCodes, locateJsonValue } from './json-codes.js';
import { type LineContext, contextFromSignals, moduleIdOf, scanSignals } from './line-context.js';
import { makeHit } from './make-hit.js';
import { markerHit } from './marker-hit.js';
import { type PhraseMatch, buildMarkerIndex, findPhrases } from './marker-phrases.js';
import { type NumberToken, forEachStandaloneNumber, insideUrl } from './number-scan.js';
import { buildPrefilter } from './prefilter.js';
import { Lines } from './record-lines.js';
import { settle } from './settle-entries.js';

/** Options of {@link createExtractor}. */
export interface ExtractorOptions {
  /**
   * Also report code-shaped numbers in an error context that the catalogue does not know (kind "unknown", with
   * `family` when the number's range names one). Default false.
   */
  readonly unknown?: boolean;
}

/** Finds error codes and markers in log records. Built once per catalogue by {@link createExtractor}; stateless per call. */
export interface Extractor {
  /**
   * Every hit in `text` (one record: a line, or several folded lines joined with "\n"), sorted by span. `fields` is
   * what the parser found in the record's first line; its tag, domain and JSON feed the context rules.
   */
  extract(text: string, fields: ParsedLine): Hit[];
  /**
   * Matches every line that could produce a hit (false positives allowed, never false negatives), so callers can
   * skip the rest cheaply; ASCII-only for an ASCII catalogue, so it also works on UTF-8 bytes decoded as latin1.
   * Stateless (no `g` flag). See `buildPrefilter` for what it matches.
   */
  readonly prefilter: RegExp;
  /**
   * Like `prefilter`, with the same guarantee (never a false negative), but far more selective: marker phrases are
   * anchored on two adjacent words instead of one. Slower to run over whole chunks, so callers test it on the lines
   * `prefilter` lets through (the chunk scanner's `confirm`), sparing most of them decoding, parsing and extraction.
   */
  readonly lineFilter: RegExp;
  readonly catalogue: Catalogue;
}

/** Numbers of at most this many digits (or negative) are "short" codes that need an explicit code key. */
const SHORT_DIGITS = 3;
/** Digit counts of numbers that can be unknown OpenHarmony codes. */
const UNKNOWN_MIN_DIGITS = 6;
const UNKNOWN_MAX_DIGITS = 9;
/** Most JSON code fields located per line (bounds the work on a hostile line of thousands of code fields). */
const JSON_MAX_CODES = 64;

/** A number shaped like an OpenHarmony code the catalogue may lack: 6–9 digits not starting with 0, or negative. */
function unknownShaped(value: string): boolean {
  if (value.startsWith('-')) return value !== '-0' && value.length > 1;
  return value.length >= UNKNOWN_MIN_DIGITS && value.length <= UNKNOWN_MAX_DIGITS && !value.startsWith('0');
}

/** `{"code":200,"data":"0"}`: the WebSocket error event, whose data is an HTTP status. */
const WS_EVENT_AFTER = /^\\?["']?\s{0,3},\s{0,3}\\?["']?data\\?["']?\s{0,3}:\s{0,3}\\?["']?\d{1,3}\\?["']?\s{0,3}\}/;

/** A quoted JSON key right before the number: `"code":`, `\"code\": "`. */
const JSON_KEY_BEFORE = /\\?"\s{0,3}:\s{0,3}\\?"?\s{0,2}$/;

/** Offset where the message starts in `text`: header columns (time, pid, tid, level, domain/tag) are not searched. */
function messageStart(text: string, fields: ParsedLine): number {
  if (fields.format === 'json' || fields.format === 'plain') return 0;
  const msg = fields.message;
  if (msg === '') return 0;
  const nl = text.indexOf('\n');
  const firstEnd = nl < 0 ? text.length : nl;
  const start = firstEnd - msg.length;
  // Parsers take the message as the tail of the first line. A full comparison costs ~150 ns per line; length plus
  // first, middle and last characters is enough to recognise the tail (a mismatch falls back to a search).
  const mid = msg.length >> 1;
  if (
    start >= 0 &&
    text.charCodeAt(start) === msg.charCodeAt(0) &&
    text.charCodeAt(start + mid) === msg.charCodeAt(mid) &&
    text.charCodeAt(firstEnd - 1) === msg.charCodeAt(msg.length - 1)
  ) {
    return start;
  }
  const i = text.indexOf(msg);
  return i < 0 ? 0 : i;
}

/**
 * Builds an extractor for `catalogue`: compiles the marker phrases into one regex, indexes codes, and builds the
 * prefilter, once. Numeric codes come from {@link CODE_RULES}; markers from `MARKER_RULES`.
 *
 * Evidence policy: one hit per occurrence of evidence. A phrase on the same line as a code hit for a code the phrase
 * can stand for (any of its entries) restates that code (`{"code":2302001,"message":"Websocket url error"}`,
 * `BusinessError 32390300: Internal error.`) and gives no hit of its own; a phrase on another line of a folded record
 * (the `Lws client connection error` line before `OnError 200`) is its own log statement and is kept. Codes are
 * never dropped for a phrase. Hits for the same code and span are merged (the most confident rule wins).
 */
export function createExtractor(catalogue: Catalogue, options: ExtractorOptions = {}): Extractor {
  const unknown = options.unknown === true;
  const markers = buildMarkerIndex(catalogue);
  const familyOf = familyResolver(catalogue);
  const codes = catalogue.codes();
  const codeSet = new Set(codes);
  let minDigits = 7;
  let maxDigits = 7; // internal codes that fold are 7 digits
  // The digit counts of codes, as a bit set for forEachStandaloneNumber: -1 (any) when a code is too long for one.
  let digitCounts = 1 << 7;
  for (const c of codes) {
    const n = c.replace(/^-/, '').length;
    minDigits = Math.min(minDigits, n);
    maxDigits = Math.max(maxDigits, n);
    digitCounts = n > 30 ? -1 : digitCounts | (1 << n);
  }
  if (unknown) {
    minDigits = 1; // negative codes such as -1
    maxDigits = Math.max(maxDigits, UNKNOWN_MAX_DIGITS);
    digitCounts = -1;
  }
  const contextRules = CODE_RULES.filter((r) => r.matches !== undefined);
  const jsonRule = codeRule('code.json-field');
  const withMessageRule = codeRule('code.with-message');
  const prefilter = buildPrefilter(codes, INTERNAL_CODE_SOURCES, markers, unknown);
  const lineFilter = buildPrefilter(codes, INTERNAL_CODE_SOURCES, markers, unknown, 'pairs');

  /** The catalogue code a printed number stands for (itself, or the public code it folds into). */
  const publicCodeOf = (value: string): string | undefined => {
    if (codeSet.has(value)) return value;
    const folded = foldInternalCode(value);
    return folded !== undefined && codeSet.has(folded) ? folded : undefined;
  };

  const isShort = (value: string): boolean => value.startsWith('-') || value.length <= SHORT_DIGITS;

  /**
   * Short codes (200, 201, 401, 801, -1) collide with HTTP statuses, counts and ids, so they need more than a key:
   * a module-specific one (WebSocket 200) needs its module's context; a universal one needs a non-HTTP line.
   */
  const shortAllowed = (
    entries: readonly CatalogueEntry[],
    rule: CodeRule,
    before: string,
    after: string,
    ctx: LineContext,
    json: JsonCode | undefined,
  ): boolean => {
    const universal = entries.every((e) => moduleIdOf(e.module) === undefined);
    if (universal) {
      if (ctx.http || json?.http === true) return rule.id === 'code.business-error';
      return rule.id !== 'code.with-message' || !ctx.posix;
    }
    const websocket = entries.some((e) => moduleIdOf(e.module) === 'websocket');
    if (websocket && rule.id === 'code.on-error') return true;
    if (ctx.http || json?.http === true) return false;
    if (websocket && (json?.wsEvent === true || WS_EVENT_AFTER.test(after))) return true;
    // A JSON `"code":200` that is not the error event's `{code, data}` is an application body (`{"code":200,
    // "msg":"ok",…}`), even on a WebSocket line: servers answer over WebSockets too.
    if (rule.id === 'code.json-field' || JSON_KEY_BEFORE.test(before)) return false;
    // The record's own words must name the module: a NETSTACK tag alone also carries HTTP response bodies.
    return entries.some((e) => ctx.moduleWords(e.module));
  };

  const unknownHit = (token: NumberToken, rule: CodeRule, match: string): Hit | undefined => {
    if (!unknown || rule.unknown === 'none') return undefined;
    const value = token.value;
    if (!unknownShaped(value)) return undefined;
    // A negative number is a code only behind an explicit code key (`Err.code is: -1`), never after `err=` or `ret`.
    if (value.startsWith('-') && rule.id !== 'code.key' && rule.id !== 'code.json-field') return undefined;
    const family = familyOf(value);
    if (rule.unknown === 'family' && family === undefined) return undefined;
    const hit = makeHit(value, 'unknown', match, token.start, token.end, rule.id, CONFIDENCE.unknown, [], CONFIDENCE.unknown);
    if (family !== undefined) hit.family = family;
    return hit;
  };

  const extract = (text: string, fields: ParsedLine): Hit[] => {
    const from = messageStart(text, fields);
    const lines = new Lines(text);
    // Context of a line of the record: that line (header included: a source file such as
    // `[link_enhance_connection.cpp:472]` or a logger name outside the parsed message still says which module wrote
    // it) plus the record's first line, which carries the tag and the error the rest of the record elaborates. Other
    // lines do not count: a stack frame's method name or a next error folded in must not vouch for this line.
    const contexts: (LineContext | undefined)[] = [];
    const signals: (number | undefined)[] = [];
    const signalsOf = (line: number): number =>
      (signals[line] ??= scanSignals(lines.count === 1 ? text : text.slice(lines.start(line), lines.end(line))));
    const ctxAt = (line: number): LineContext =>
      (contexts[line] ??= contextFromSignals(line === 0 ? signalsOf(0) : signalsOf(0) | signalsOf(line), fields));
    const phrases: PhraseMatch[] = findPhrases(markers, text, from);
    const codeHits: Hit[] = [];
    // Starts of numbers JSON code fields took; made on the first, as most records have none.
    let claimed: Set<number> | undefined;
    let phraseCodes: Map<number, Set<string>> | undefined;

    /** `publicCode` is `publicCodeOf(token.value)`, which the callers have at hand. */
    const codeHit = (
      token: NumberToken,
      publicCode: string | undefined,
      rule: CodeRule,
      before: string,
      after: string,
      json: JsonCode | undefined,
    ): Hit | undefined => {
      const match = token.value;
      if (publicCode === undefined) return unknownHit(token, rule, match);
      const entries = catalogue.lookup(publicCode);
      const ctx = (): LineContext => ctxAt(lines.lineOf(token.start));
      if (isShort(match) && !(rule.allowsShort && shortAllowed(entries, rule, before, after, ctx(), json))) return undefined;
      // Context is only needed to choose between entries: most codes have one, and then no context is computed.
      const chosen = entries.length === 1 ? entries : settle(entries, ctx()).chosen;
      const hit = makeHit(publicCode, 'code', match, token.start, token.end, rule.id, rule.confidence, chosen, CONFIDENCE.ambiguous);
      if (publicCode !== match) hit.internalCode = match;
      return hit;
    };

    // JSON code fields first: they are the strongest evidence, and they claim their number's span.
    if (fields.json !== undefined) {
      // Fields come in document order, so each is searched for after the previous one: linear in the line.
      let cursor = 0;
      let located = 0;
      for (const json of findJsonCodes(fields.json)) {
        const publicCode = publicCodeOf(json.value);
        if (publicCode === undefined && !(unknown && unknownShaped(json.value))) continue;
        if (++located > JSON_MAX_CODES) break;
        claimed ??= new Set();
        const token = locateJsonValue(text, json, claimed, cursor) ?? (cursor > 0 ? locateJsonValue(text, json, claimed, 0) : undefined);
        if (token === undefined) continue;
        cursor = token.end;
        // The walk saw the whole object (an HTTP `url` beside the code, a `data` beside 200): its verdict stands, and
        // the text rules do not get a second go at this number.
        claimed.add(token.start);
        const hit = codeHit(token, publicCode, jsonRule, '', text.slice(token.end, token.end + AFTER_WINDOW), json);
        if (hit !== undefined) codeHits.push(hit);
      }
    }

    const visitNumber = (token: NumberToken): void => {
      if (claimed?.has(token.start) === true) return;
      const publicCode = publicCodeOf(token.value);
      const known = publicCode !== undefined;
      if ((!known && !(unknown && unknownShaped(token.value))) || insideUrl(text, token.start)) return;
      const line = lines.lineOf(token.start);
      const lineStart = lines.start(line);
      const before = text.slice(Math.max(lineStart, token.start - BEFORE_WINDOW), token.start);
      const after = text.slice(token.end, Math.min(lines.end(line), token.end + AFTER_WINDOW));
      if (unitAfter(after)) return;
      const short = isShort(token.value);
      let rule = contextRules.find((r) => (r.allowsShort || !short) && r.matches!(before, after));
      if (rule === undefined && known && !NON_CODE_KEY.test(before)) {
        if (phraseCodes === undefined) {
          phraseCodes = new Map();
          for (const p of phrases) for (const e of p.phrase.entries) addCode(phraseCodes, lines.lineOf(p.start), e.entry.code);
        }
        if (phraseCodes.get(line)?.has(publicCode) === true) rule = withMessageRule;
      }
      if (rule === undefined) return;
      const hit = codeHit(token, publicCode, rule, before, after, undefined);
      if (hit !== undefined) codeHits.push(hit);
    };
    forEachStandaloneNumber(text, from, text.length, minDigits, maxDigits, visitNumber, digitCounts);

    if (phrases.length === 0) return dedupeAndSort(codeHits);
    // Codes found as numbers, by line: a phrase on that line for one of them restates it (see the evidence policy).
    const numbered = new Map<number, Set<string>>();
    for (const h of codeHits) if (h.kind === 'code') addCode(numbered, lines.lineOf(h.span[0]), h.code);
    const hits: Hit[] = codeHits;
    for (const p of phrases) {
      const onLine = numbered.get(lines.lineOf(p.start));
      if (onLine !== undefined && p.phrase.entries.some((e) => onLine.has(e.entry.code))) continue;
      const hit = markerHit(text, p, () => ctxAt(lines.lineOf(p.start)));
      if (hit !== undefined) hits.push(hit);
    }
    return dedupeAndSort(hits);
  };

  return { extract, prefilter, lineFilter, catalogue };
}

/**
 * Adds `code` to the codes of line `line`. Codes are kept by line, built once per record when needed, so "is this code
 * named on the same line" is a lookup, not a scan of every hit or phrase (which would make a line with thousands of
 * both quadratic).
 */
function addCode(byLine: Map<number, Set<string>>, line: number, code: string): void {
  let set = byLine.get(line);
  if (set === undefined) byLine.set(line, (set = new Set()));
  set.add(code);
}

function sameEvidence(a: Hit, b: Hit): boolean {
  return a.span[0] === b.span[0] && a.span[1] === b.span[1] && a.code === b.code;
}

/** Above this many hits in a record, duplicates are found with a map (a scan of the hits kept is quadratic). */
const DEDUPE_SCAN_MAX = 16;

/** Keeps one hit per code and span (the most confident, the first on a tie) and sorts by span. */
function dedupeAndSort(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits;
  let kept: Hit[];
  if (hits.length <= DEDUPE_SCAN_MAX) {
    // Records hold a few hits: comparing with those kept costs less than a key string per hit.
    kept = [];
    for (const h of hits) {
      let i = 0;
      while (i < kept.length && !sameEvidence(kept[i]!, h)) i++;
      if (i === kept.length) kept.push(h);
      else if (h.confidence > kept[i]!.confidence) kept[i] = h;
    }
  } else {
    const best = new Map<string, Hit>();
    for (const h of hits) {
      const key = `${h.code}@${h.span[0]}:${h.span[1]}`;
      const prev = best.get(key);
      if (prev === undefined || h.confidence > prev.confidence) best.set(key, h);
    }
    kept = [...best.values()];
  }
  return kept.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
}
