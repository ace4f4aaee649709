#!/usr/bin/env node
/**
 * Accuracy benchmark: runs the built library (dist/) over the labelled corpus in fixtures/corpus and compares
 * what it finds with the labels (see scripts/make-corpus.mjs for the label format).
 *
 * Scoring, per line (codes are compared as sets, so a code found twice on a line counts once):
 *   - a hit of kind "code" or "marker" whose code is in `expected` is a true positive; one that is not is a false
 *     positive, unless the line has an `ambiguous` group and the hit's code (or every one of its candidates' codes)
 *     is in that group: then the group counts as found;
 *   - a hit of kind "unknown" is scored against `unknown` the same way;
 *   - every expected code, unknown code or ambiguous group not found is a false negative.
 * Overall precision and recall add up all three. Targets: precision >= 0.99, recall >= 0.99, and no false positive
 * on any line of a decoy-* category. Exit status: 0 targets met, 1 missed, 2 the benchmark could not run.
 *
 * Usage: npm run build && node bench/accuracy.mjs [--json] [--corpus DIR] [--mode stream|lines] [--fold] [--quiet]
 *   --json     print one JSON object (figures, every mismatch) on stdout instead of the report
 *   --corpus   directory holding corpus.log and labels.ndjson (default fixtures/corpus)
 *   --mode     stream: feed the file through createErrlensStream, as the CLI does (default when it exists);
 *              lines: parse and extract each line on its own
 *   --fold     stream mode with multi-line folding on (the CLI's default); the corpus is one record per line, so by
 *              default folding is off and every line is scored on its own
 *   --quiet    report figures only, not every mismatch
 */
import { readFileSync, existsSync, createReadStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PRECISION_TARGET = 0.99;
const RECALL_TARGET = 0.99;

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const corpusDir = resolve(option('--corpus', join(ROOT, 'fixtures', 'corpus')));
const asJson = flag('--json');
const quiet = flag('--quiet');

// ---------------------------------------------------------------------------------------------
// The library, whatever shape it has today

async function importDist(rel) {
  const file = join(ROOT, 'dist', rel);
  if (!existsSync(file)) return undefined;
  return import(pathToFileURL(file).href);
}

/**
 * Returns { mode, run(corpusText) → Promise<Map<lineNumber, { hits: Hit[], format?: string, folded?: boolean }>> }.
 */
async function loadLibrary(wantMode) {
  const index = (await importDist('index.js')) ?? {};
  const parseMod = (await importDist('parse/index.js')) ?? {};
  const extractMod = (await importDist('extract/index.js')) ?? {};
  const catMod = (await importDist('catalogue/default-catalogue.js')) ?? {};
  const createStream = index.createErrlensStream;
  const parseLine = index.parseLine ?? parseMod.parseLine;
  const createParseContext = index.createParseContext ?? parseMod.createParseContext;
  const createExtractor = index.createExtractor ?? extractMod.createExtractor;
  const getDefaultCatalogue = index.getDefaultCatalogue ?? catMod.getDefaultCatalogue;

  const mode = wantMode ?? (createStream ? 'stream' : 'lines');
  if (mode === 'stream') {
    if (typeof createStream !== 'function') throw new Error('dist/index.js has no createErrlensStream (run npm run build, or use --mode lines)');
    return { mode, run: (file, fold = flag('--fold')) => runStream(createStream, file, fold) };
  }
  if (typeof parseLine !== 'function' || typeof createExtractor !== 'function' || typeof getDefaultCatalogue !== 'function') {
    throw new Error('dist/ lacks parseLine, createExtractor or getDefaultCatalogue (run npm run build)');
  }
  const ctx = typeof createParseContext === 'function' ? createParseContext({ tz: 'UTC' }) : undefined;
  const extractor = createExtractor(getDefaultCatalogue(), { unknown: true });
  const extract = typeof extractor === 'function' ? extractor : (text, fields) => extractor.extract(text, fields);
  return {
    mode,
    // no folding here: every line is parsed and extracted on its own
    run: async (file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      if (lines.at(-1) === '') lines.pop();
      const out = new Map();
      lines.forEach((text, i) => {
        const fields = parseLine(text, ctx);
        out.set(i + 1, { hits: [...extract(text, fields)], format: fields.format });
      });
      return out;
    },
  };
}

/**
 * Feeds the file through the stream; hits of folded records are credited to the line their span falls in, and each
 * line remembers the first line of the record it was folded into.
 */
async function runStream(createStream, file, fold) {
  const out = new Map();
  const stream = createStream({ source: file, all: true, unknown: true, tz: 'UTC', idleFlushMs: Infinity, fold: fold ? {} : false });
  await pipeline(
    createReadStream(file),
    stream,
    new Writable({
      objectMode: true,
      write(record, _enc, done) {
        const starts = [0];
        for (let i = 0; i < record.text.length; i++) if (record.text.charCodeAt(i) === 10) starts.push(i + 1);
        for (let k = 0; k < starts.length; k++) {
          if (!out.has(record.line + k)) out.set(record.line + k, { hits: [], folded: starts.length > 1, record: record.line });
        }
        out.get(record.line).format = record.fields?.format;
        for (const hit of record.hits) {
          let k = 0;
          while (k + 1 < starts.length && starts[k + 1] <= hit.span[0]) k++;
          out.get(record.line + k).hits.push(hit);
        }
        done();
      },
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scoring

const newCounts = () => ({ tp: 0, fp: 0, fn: 0 });
const ratio = (a, b) => (b === 0 ? 1 : a / b);
const precision = (c) => ratio(c.tp, c.tp + c.fp);
const recall = (c) => ratio(c.tp, c.tp + c.fn);

/** Scores one line: lists of { code, kind } found right (tp), found wrong (fp) and missed (fn). */
export function scoreLine(label, hits) {
  const expected = new Set(label.expected);
  const unknown = new Set(label.unknown ?? []);
  const ambiguous = label.ambiguous ? new Set(label.ambiguous) : undefined;
  const gotKnown = new Set();
  const gotUnknown = new Set();
  let ambiguousFound = false;
  for (const h of hits) {
    if (h.kind === 'unknown') {
      gotUnknown.add(h.code);
    } else if (!expected.has(h.code) && ambiguous && inGroup(h, ambiguous)) {
      ambiguousFound = true;
    } else {
      gotKnown.add(h.code);
    }
  }
  const tp = [], fp = [], fn = [];
  for (const c of expected) (gotKnown.has(c) ? tp : fn).push({ code: c, kind: 'known' });
  for (const c of gotKnown) if (!expected.has(c)) fp.push({ code: c, kind: 'known' });
  for (const c of unknown) (gotUnknown.has(c) ? tp : fn).push({ code: c, kind: 'unknown' });
  for (const c of gotUnknown) if (!unknown.has(c)) fp.push({ code: c, kind: 'unknown' });
  if (ambiguous) (ambiguousFound ? tp : fn).push({ code: [...ambiguous].join('|'), kind: 'ambiguous' });
  return { tp, fp, fn };
}
function inGroup(hit, group) {
  if (group.has(hit.code)) return true;
  const cands = hit.candidates ?? [];
  return cands.length > 0 && cands.every((e) => group.has(e.code));
}

function bump(map, key, field, n = 1) {
  if (!map[key]) map[key] = newCounts();
  map[key][field] += n;
}

export function score(corpusLines, labels, results) {
  const overall = newCounts();
  const byKind = { known: newCounts(), unknown: newCounts(), ambiguous: newCounts() };
  const perCode = {}, perFormat = {}, perCategory = {};
  const decoyFalsePositives = {};
  const linesByCategory = {}, linesByFormat = {};
  const mismatches = [];
  const formatConfusion = {};
  const formatMismatches = [];
  let foldedLines = 0;
  for (const label of labels) {
    const n = label.line;
    const got = results.get(n) ?? { hits: [] };
    if (got.folded) foldedLines++;
    linesByCategory[label.category] = (linesByCategory[label.category] ?? 0) + 1;
    linesByFormat[label.format] = (linesByFormat[label.format] ?? 0) + 1;
    if (got.format !== undefined && got.format !== label.format) {
      const key = `${label.format}->${got.format}`;
      formatConfusion[key] = (formatConfusion[key] ?? 0) + 1;
      formatMismatches.push({ line: n, text: corpusLines[n - 1], expected: label.format, got: got.format });
    }
    const { tp, fp, fn } = scoreLine(label, got.hits);
    for (const [list, field] of [[tp, 'tp'], [fp, 'fp'], [fn, 'fn']]) {
      for (const item of list) {
        overall[field]++;
        byKind[item.kind][field]++;
        bump(perCode, item.kind === 'unknown' ? `unknown:${item.code}` : item.code, field);
        bump(perFormat, label.format, field);
        bump(perCategory, label.category, field);
      }
    }
    if (label.category.startsWith('decoy-') && fp.length > 0) {
      decoyFalsePositives[label.category] = (decoyFalsePositives[label.category] ?? 0) + 1;
    }
    if (fp.length > 0 || fn.length > 0) {
      mismatches.push({
        line: n,
        text: corpusLines[n - 1],
        category: label.category,
        format: label.format,
        source: label.source,
        expected: label.expected,
        unknown: label.unknown ?? [],
        ...(label.ambiguous ? { ambiguous: label.ambiguous } : {}),
        got: got.hits.map((h) => ({ code: h.code, kind: h.kind, rule: h.rule, match: h.match })),
        falsePositives: fp.map((x) => x.code),
        falseNegatives: fn.map((x) => x.code),
      });
    }
  }
  const figures = (c) => ({ ...c, precision: round(precision(c)), recall: round(recall(c)) });
  const mapFigures = (m) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([k, c]) => [k, figures(c)]));
  const decoyCategories = Object.keys(linesByCategory).filter((c) => c.startsWith('decoy-')).sort();
  const result = {
    lines: labels.length,
    foldedLines,
    overall: figures(overall),
    byKind: mapFigures(byKind),
    perCode: mapFigures(perCode),
    perFormat: mapFigures(perFormat),
    perCategory: mapFigures(perCategory),
    linesByCategory,
    linesByFormat,
    decoyFalsePositives: Object.fromEntries(decoyCategories.map((c) => [c, decoyFalsePositives[c] ?? 0])),
    formatDetection: { mismatched: formatMismatches.length, confusion: formatConfusion },
    targets: { precision: PRECISION_TARGET, recall: RECALL_TARGET, decoyFalsePositives: 0 },
    mismatches,
    formatMismatches,
  };
  const failures = [];
  if (precision(overall) < PRECISION_TARGET) failures.push(`overall precision ${pct(precision(overall))} < ${pct(PRECISION_TARGET)}`);
  if (recall(overall) < RECALL_TARGET) failures.push(`overall recall ${pct(recall(overall))} < ${pct(RECALL_TARGET)}`);
  for (const c of decoyCategories) if ((decoyFalsePositives[c] ?? 0) > 0) failures.push(`${c}: ${decoyFalsePositives[c]} line(s) with false positives`);
  result.pass = failures.length === 0;
  result.failures = failures;
  return result;
}
const round = (x) => Math.round(x * 10000) / 10000;
const pct = (x) => `${(x * 100).toFixed(2)}%`;

// ---------------------------------------------------------------------------------------------
// Report

function table(title, map) {
  const rows = Object.entries(map);
  const w = Math.max(title.length, ...rows.map(([k]) => k.length));
  const out = [`${title.padEnd(w)}  ${'tp'.padStart(6)} ${'fp'.padStart(5)} ${'fn'.padStart(5)}  precision  recall`];
  for (const [k, c] of rows) out.push(`${k.padEnd(w)}  ${String(c.tp).padStart(6)} ${String(c.fp).padStart(5)} ${String(c.fn).padStart(5)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)}`);
  return out.join('\n');
}
function printReport(r, mode) {
  const p = (s = '') => process.stdout.write(`${s}\n`);
  p(`errlens accuracy — ${r.lines} lines (mode: ${mode}${r.foldedLines ? `, ${r.foldedLines} lines in folded records` : ''})`);
  p();
  p(table('kind', { overall: r.overall, ...r.byKind }));
  p();
  p(table('code', r.perCode));
  p();
  p(table('format', r.perFormat));
  p();
  p(table('category', r.perCategory));
  p();
  p('false positives on decoy lines (lines):');
  for (const [c, n] of Object.entries(r.decoyFalsePositives)) p(`  ${c.padEnd(18)} ${String(n).padStart(4)} of ${r.linesByCategory[c]}`);
  p();
  p(`format detection: ${r.formatDetection.mismatched} of ${r.lines} lines differ from the label`);
  for (const [k, n] of Object.entries(r.formatDetection.confusion).sort((a, b) => b[1] - a[1])) p(`  ${k}: ${n}`);
  if (!quiet) {
    for (const m of r.formatMismatches.slice(0, 20)) p(`  line ${m.line} (${m.expected} -> ${m.got}): ${m.text}`);
    p();
    p(`mismatches: ${r.mismatches.length} line(s)`);
    for (const m of r.mismatches) {
      p(`line ${m.line} [${m.category}, ${m.format}, ${m.source}] ${m.text}`);
      const exp = [...m.expected, ...m.unknown.map((c) => `unknown:${c}`), ...(m.ambiguous ? [`one of ${m.ambiguous.join('|')}`] : [])];
      p(`  expected: ${exp.length ? exp.join(', ') : '(none)'}`);
      p(`  got:      ${m.got.length ? m.got.map((h) => `${h.code} (${h.kind}, ${h.rule}, "${h.match}")`).join(', ') : '(none)'}`);
    }
  }
  if (r.multiline) {
    const m = r.multiline;
    p();
    p(`multi-line fixture (${mode === 'stream' ? 'folding on' : 'lines mode, no folding'}): ${m.lines} lines, precision ${pct(m.overall.precision)}, recall ${pct(m.overall.recall)}, ${m.mismatches.length} mismatched line(s)`);
    if (m.folding) p(`  folding: ${m.folding.misfolded.length} of ${m.folding.lines} lines not in their labelled record`);
    if (!quiet) {
      for (const f of m.folding?.misfolded ?? []) p(`  line ${f.line}: expected in record ${f.expectedRecord}, got ${f.gotRecord}: ${f.text}`);
      for (const x of m.mismatches) p(`  line ${x.line} [${x.category}] ${x.text}\n    expected: ${[...x.expected, ...x.unknown.map((c) => `unknown:${c}`)].join(', ') || '(none)'}\n    got:      ${x.got.map((h) => `${h.code} (${h.kind}, ${h.rule}, "${h.match}")`).join(', ') || '(none)'}`);
    }
  }
  p();
  p(`overall precision ${pct(r.overall.precision)}, recall ${pct(r.overall.recall)} — ${r.pass ? 'PASS' : `FAIL: ${r.failures.join('; ')}`}`);
}

// ---------------------------------------------------------------------------------------------

function readLabelled(dir, name, labelName = name) {
  const lines = readFileSync(join(dir, `${name}.log`), 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const labels = readFileSync(join(dir, `${labelName}.ndjson`), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
  if (labels.length !== lines.length) throw new Error(`${name}.log has ${lines.length} lines, ${labelName}.ndjson ${labels.length}`);
  return { file: join(dir, `${name}.log`), lines, labels };
}

/** Multi-line fixture: scored per line like the corpus, plus whether lines were folded into the labelled records. */
async function scoreMultiline(lib) {
  if (!existsSync(join(corpusDir, 'multiline.log'))) return undefined;
  const ml = readLabelled(corpusDir, 'multiline');
  const results = await lib.run(ml.file, true);
  const r = score(ml.lines, ml.labels, results);
  if (lib.mode === 'stream') {
    const misfolded = ml.labels.filter((l) => results.get(l.line)?.record !== l.record);
    r.folding = { lines: ml.labels.length, misfolded: misfolded.map((l) => ({ line: l.line, text: ml.lines[l.line - 1], expectedRecord: l.record, gotRecord: results.get(l.line)?.record })) };
  }
  delete r.formatMismatches;
  delete r.formatDetection;
  return r;
}

async function main() {
  const corpus = readLabelled(corpusDir, 'corpus', 'labels');
  const labels = corpus.labels;
  const corpusLines = corpus.lines;
  const lib = await loadLibrary(option('--mode', undefined));
  const results = await lib.run(corpus.file);
  const r = score(corpusLines, labels, results);
  r.mode = lib.mode;
  const ml = await scoreMultiline(lib);
  if (ml) {
    r.multiline = ml;
    if (!ml.pass) {
      r.pass = false;
      r.failures.push(...ml.failures.map((f) => `multi-line fixture: ${f}`));
    }
  }
  if (asJson) process.stdout.write(`${JSON.stringify(r)}\n`);
  else printReport(r, lib.mode);
  process.exitCode = r.pass ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`bench:accuracy: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
}
