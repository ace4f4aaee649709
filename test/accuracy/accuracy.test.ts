/**
 * The accuracy targets, checked on the labelled corpus (fixtures/corpus) by the same scorer as `npm run bench:accuracy`:
 * this spawns `node bench/accuracy.mjs --json` against the built library (`npm test` builds dist/ first) and asserts
 * on its figures. Targets: overall precision and recall >= 0.99, no false positive on any decoy line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const BENCH = path.join(ROOT, 'bench', 'accuracy.mjs');
const DIST = path.join(ROOT, 'dist', 'index.js');

interface Figures {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}
interface Mismatch {
  line: number;
  text: string;
  expected: string[];
  unknown: string[];
  ambiguous?: string[];
  got: { code: string; kind: string; rule: string }[];
}
interface AccuracyResult {
  lines: number;
  overall: Figures;
  byKind: Record<string, Figures>;
  perCategory: Record<string, Figures>;
  decoyFalsePositives: Record<string, number>;
  mismatches: Mismatch[];
  pass: boolean;
  failures: string[];
}

function runBench(): AccuracyResult {
  let out: string;
  try {
    out = execFileSync(process.execPath, [BENCH, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    // exit status 1 means "targets missed": the JSON is still on stdout
    const e = err as { status?: number; stdout?: string; stderr?: string };
    if (e.status !== 1 || !e.stdout) throw new Error(`bench/accuracy.mjs failed (status ${e.status}): ${e.stderr ?? ''}`, { cause: err });
    out = e.stdout;
  }
  return JSON.parse(out) as AccuracyResult;
}

/** A few mismatches, readable in a failure message. */
function sample(result: AccuracyResult, n = 15): string {
  return result.mismatches
    .slice(0, n)
    .map((m) => {
      const expected = [...m.expected, ...m.unknown.map((c) => `unknown:${c}`), ...(m.ambiguous ? [`one of ${m.ambiguous.join('|')}`] : [])];
      const got = m.got.map((h) => `${h.code} (${h.kind}, ${h.rule})`);
      return `  line ${m.line}: expected [${expected.join(', ')}] got [${got.join(', ')}]\n    ${m.text}`;
    })
    .join('\n');
}

const maybe = existsSync(DIST) ? describe : describe.skip;

maybe('accuracy on the labelled corpus (bench/accuracy.mjs)', () => {
  let result: AccuracyResult;
  beforeAll(() => {
    result = runBench();
  });

  test('scores every line of the corpus', () => {
    expect(result.lines).toBeGreaterThanOrEqual(4000);
    expect(result.overall.tp).toBeGreaterThan(1000);
  });

  test('meets the targets: precision and recall >= 0.99, no false positive on a decoy line', () => {
    if (!result.pass) {
      // the whole list: npm run bench:accuracy
      throw new Error(`${result.failures.join('\n')}\n${result.mismatches.length} mismatched line(s), first ones:\n${sample(result)}`);
    }
  });

  test('no decoy category has a false positive', () => {
    const withFp = Object.entries(result.decoyFalsePositives).filter(([, n]) => n > 0);
    expect(withFp).toEqual([]);
  });
});
