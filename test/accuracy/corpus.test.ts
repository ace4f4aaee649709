/**
 * The labelled accuracy corpus (fixtures/corpus) is consistent with itself, with the catalogue pages and with its
 * generator: every label is well formed, every catalogue code shows up as an error line in every format and hilog
 * variant, and the committed files are exactly what scripts/make-corpus.mjs writes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, 'fixtures', 'corpus');

interface Label {
  line: number;
  format: string;
  category: string;
  expected: string[];
  unknown: string[];
  ambiguous?: string[];
  source: string;
  note?: string;
}

const FORMATS = ['hilog', 'deveco', 'json', 'syslog', 'iso', 'bracketed', 'plain'];
const CATEGORIES = [
  'error-code',
  'marker',
  'internal-code',
  'unknown-code',
  'ambiguous',
  'noise',
  'decoy-http',
  'decoy-pid',
  'decoy-size',
  'decoy-port',
  'decoy-id',
  'decoy-version',
  'decoy-url',
  'decoy-longnum',
  'decoy-hex',
  'decoy-decimal',
  'decoy-timestamp',
  'decoy-lineno',
  'decoy-posix',
  'decoy-prose',
];
const UNIVERSAL = ['201', '202', '203', '401', '801'];

function readLines(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Every code under a `##` heading of the three catalogue pages, plus the universal codes. */
function catalogueCodes(): string[] {
  const dir = path.join(ROOT, 'catalogue', 'pages');
  const codes = new Set(UNIVERSAL);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/^#{2,3}\s+(-?\d+)\s/gm)) codes.add(m[1]!);
  }
  return [...codes];
}

const lines = readLines(path.join(CORPUS, 'corpus.log'));
const labels = readLines(path.join(CORPUS, 'labels.ndjson')).map((l) => JSON.parse(l) as Label);
const CODES = catalogueCodes();

/** Lines labelled as an error line (numeric code printed) for `code`. */
function errorLines(code: string): { text: string; label: Label }[] {
  return labels
    .filter((l) => (l.category === 'error-code' || l.category === 'internal-code') && l.expected.includes(code))
    .map((label) => ({ text: lines[label.line - 1]!, label }));
}

describe('accuracy corpus', () => {
  test('has one label per line, numbered in order', () => {
    expect(lines.length).toBeGreaterThanOrEqual(4000);
    expect(labels).toHaveLength(lines.length);
    labels.forEach((l, i) => expect(l.line).toBe(i + 1));
  });

  test('labels are well formed', () => {
    for (const l of labels) {
      expect(FORMATS).toContain(l.format);
      expect(CATEGORIES).toContain(l.category);
      expect(Array.isArray(l.expected) && Array.isArray(l.unknown)).toBe(true);
      expect(l.source).toMatch(/^(gen|hand):/);
      for (const c of l.expected) expect(CODES).toContain(c);
      for (const c of l.unknown) expect(CODES).not.toContain(c);
      if (l.ambiguous !== undefined) {
        expect(l.ambiguous.length).toBeGreaterThanOrEqual(2);
        for (const c of l.ambiguous) expect(CODES).toContain(c);
      }
      if (l.category.startsWith('decoy-') || l.category === 'noise') {
        expect([l.expected, l.unknown, l.ambiguous ?? []]).toEqual([[], [], []]);
      }
      if (l.category === 'error-code' || l.category === 'marker' || l.category === 'internal-code') {
        expect(l.expected.length).toBeGreaterThan(0);
      }
    }
  });

  test('every line is one record: no line breaks, no leading white space, no stack frames', () => {
    for (const t of lines) {
      expect(t).not.toMatch(/^\s|\r/);
      expect(t).not.toMatch(/^at .*(?::\d+|\))$/);
    }
  });

  test('noise is the majority and there are at least 150 hand-written lines', () => {
    const noise = labels.filter((l) => l.category === 'noise').length;
    expect(noise / labels.length).toBeGreaterThan(0.5);
    expect(labels.filter((l) => l.source.startsWith('hand:')).length).toBeGreaterThanOrEqual(150);
  });

  test.each(CODES)('code %s appears as an error line in every format', (code) => {
    const found = new Set(errorLines(code).map((e) => e.label.format));
    expect([...found].sort()).toEqual([...FORMATS].sort());
  });

  // hilog variants, recognised from the text itself
  const TIME = '\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}';
  const HILOG_VARIANTS: Record<string, RegExp> = {
    'no process segment': new RegExp(`^${TIME} +\\d+ +\\d+ [DIWEF] [ACIK][0-9A-Fa-f]{5}/[^/: ]+: `),
    'process segment': /^\S+ \S+ +\d+ +\d+ [DIWEF] [ACIK][0-9A-Fa-f]{5}\/[a-z_][\w.]+\/[^/: ]+: /,
    'masked process': /^\S+ \S+ +\d+ +\d+ [DIWEF] [ACIK][0-9A-Fa-f]{5}\/\*\*\*\/[^/: ]+: /,
    'upper-case hex': /^\S+ \S+ +\d+ +\d+ [DIWEF] [ACIK]\d*[A-F][0-9A-F]*\//,
    'lower-case hex': /^\S+ \S+ +\d+ +\d+ [DIWEF] [ACIK]\d*[a-f][0-9a-f]*\//,
    'no type letter': /^\S+ \S+ +\d+ +\d+ [DIWEF] [0-9A-Fa-f]{4}\/[^/: ]+: /,
    'year (-v year)': /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} +\d+ +\d+ [DIWEF] /,
    'zone (-v zone)': new RegExp(`^${TIME} [+-]\\d{4} +\\d+ +\\d+ [DIWEF] `),
    'epoch (-v epoch)': /^\d{10}\.\d{3} +\d+ +\d+ [DIWEF] /,
    'usec (-v usec)': /^\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} +\d+ +\d+ [DIWEF] /,
    'nsec (-v nsec)': /^\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} +\d+ +\d+ [DIWEF] /,
  };
  // Upper/lower-case hex needs a hex letter in the domain; domains of universal codes vary, so A03d00/C015B0 suffice.
  test.each(CODES)('code %s appears in every hilog variant', (code) => {
    const texts = errorLines(code)
      .filter((e) => e.label.format === 'hilog')
      .map((e) => e.text);
    for (const [name, re] of Object.entries(HILOG_VARIANTS)) {
      expect([name, texts.some((t) => re.test(t))]).toEqual([name, true]);
    }
  });

  test.each(CODES)('code %s appears in every JSON shape', (code) => {
    const json = errorLines(code)
      .filter((e) => e.label.format === 'json')
      .map((e) => JSON.parse(e.text) as Record<string, unknown>);
    const err = (o: Record<string, unknown>) => o['err'] as { code?: unknown } | undefined;
    const error = (o: Record<string, unknown>) => o['error'] as { code?: unknown } | undefined;
    const shapes = {
      'err.code (pino/bunyan)': json.some((o) => String(err(o)?.code) === code),
      'error.code (ECS)': json.some((o) => String(error(o)?.code) === code),
      'top-level code (JSON.stringify(err))': json.some((o) => String(o['code']) === code),
      'code in the message text': json.some((o) => typeof (o['msg'] ?? o['message']) === 'string' && String(o['msg'] ?? o['message']).includes(code)),
    };
    expect(shapes).toEqual(Object.fromEntries(Object.keys(shapes).map((k) => [k, true])));
  });

  test('Link Enhancement codes appear with string codes', () => {
    for (const code of CODES.filter((c) => c.startsWith('3239'))) {
      expect(errorLines(code).some((e) => e.text.includes(`"code":"${code}"`))).toBe(true);
    }
  });

  test('internal codes fold: 2100101-2100105 -> 2100003, 2100201-2100208 -> 2100002', () => {
    const internal = labels.filter((l) => l.category === 'internal-code');
    const seen = new Set<string>();
    for (const l of internal) {
      const m = /\b(21001\d\d|21002\d\d)\b/.exec(lines[l.line - 1]!);
      expect(m).not.toBeNull();
      const n = Number(m![1]);
      seen.add(m![1]!);
      expect(l.expected).toEqual([n < 2100200 ? '2100003' : '2100002']);
    }
    for (let n = 2100101; n <= 2100105; n++) expect(seen).toContain(String(n));
    for (let n = 2100201; n <= 2100208; n++) expect(seen).toContain(String(n));
  });

  test('every decoy category has at least 20 lines', () => {
    for (const c of CATEGORIES.filter((x) => x.startsWith('decoy-'))) {
      expect([c, labels.filter((l) => l.category === c).length >= 20]).toEqual([c, true]);
    }
  });

  test('the multi-line fixture is labelled line by line, with the record each line belongs to', () => {
    const ml = readLines(path.join(CORPUS, 'multiline.log'));
    const mlLabels = readLines(path.join(CORPUS, 'multiline.ndjson')).map((l) => JSON.parse(l) as Label & { record: number });
    expect(mlLabels).toHaveLength(ml.length);
    let record = 0;
    mlLabels.forEach((l, i) => {
      expect(l.line).toBe(i + 1);
      expect(FORMATS).toContain(l.format);
      expect(CATEGORIES).toContain(l.category);
      for (const c of l.expected) expect(CODES).toContain(c);
      // a record starts at its own line and runs on without gaps
      expect(l.record === l.line || l.record === record).toBe(true);
      record = l.record;
    });
  });

  test('hand-written lines are in the corpus with their labels', () => {
    const hand = readLines(path.join(CORPUS, 'hand.log'));
    const byText = new Map(labels.filter((l) => l.source.startsWith('hand:')).map((l) => [Number(l.source.slice(5)), l]));
    expect(byText.size).toBe(hand.length);
    hand.forEach((text, i) => expect(lines[byText.get(i + 1)!.line - 1]).toBe(text));
  });

  test('the committed corpus is what the generator writes', () => {
    // exits 1 (and execFileSync throws) when fixtures/corpus drifted from scripts/make-corpus.mjs
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'make-corpus.mjs'), '--check'], { stdio: 'pipe' });
  });
});
