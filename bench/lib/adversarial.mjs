#!/usr/bin/env node
// Adversarial inputs for the extractor and the prefilter: 100 KB lines built to make regular expressions work hard
// (long digit runs, "code code code", brackets, near-miss markers). Prints one JSON object:
//   { cases: [{ name, kb, extractUsPerKb, prefilterUsPerKb, growth, hits }] }
// A linear-time extractor stays in the low µs per KB on every case; a super-linear one shows up as a case far
// above the others (and grows 4× when the line doubles).
//
//   node bench/lib/adversarial.mjs [--dist dist] [--kb 100]

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, kb: { type: 'string', default: '100' } } });
const dist = pathToFileURL(resolve(values.dist)).href;
const KB = Number(values.kb);

const fillTo = (unit, kb) => unit.repeat(Math.ceil((kb * 1024) / unit.length)).slice(0, kb * 1024);
const fill = (unit) => fillTo(unit, KB);
const PREFIX = '04-19 17:02:14.735  5394  5394 E A03d00/JSAPP: ';

export const CASES = [
  ['digits', fill('1234567890')],
  ['digit runs with spaces', fill('2302001 ')],
  ['code code code', fill('code ')],
  ['code: N code: N', fill('code: 1 ')],
  ['Err.code is: -', fill('Err.code is: -')],
  ['brackets [[[', fill('[')],
  ['braces {"code":', fill('{"code":')],
  ['quotes """', fill('"')],
  ['near-miss marker (connect already exis)', fill('Websocket connect already exis ')],
  ['near-miss marker (ParseUrl faile)', fill('ParseUrl faile ')],
  ['near-miss marker (registered over [)', fill('has registered over [')],
  ['placeholders %{public}d', fill('%{public}d ')],
  ['hilog prefix + digits', PREFIX + fill('9').slice(PREFIX.length)],
  ['ordinary words', fill('the link is down, retry later ')],
];

function time(fn) {
  let best = Infinity;
  let out;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3);
  }
  return { us: best, out };
}

async function main() {
  const { createExtractor } = await import(`${dist}/extract/index.js`);
  const { getDefaultCatalogue } = await import(`${dist}/catalogue/default-catalogue.js`);
  const { parseLine, createParseContext } = await import(`${dist}/parse/index.js`);
  const extractor = createExtractor(getDefaultCatalogue(), { unknown: true });
  const ctx = createParseContext({ year: 2026, tz: 'UTC' });
  const cases = [];
  for (const [name, line] of CASES) {
    const kb = Buffer.byteLength(line) / 1024;
    const ex = time(() => extractor.extract(line, parseLine(line, ctx)));
    const pf = time(() => extractor.prefilter.test(line));
    // The same line at half the length: time(full) / time(half) is about 2 for linear work, 4 for quadratic.
    const half = line.slice(0, line.length >> 1);
    const exHalf = time(() => extractor.extract(half, parseLine(half, ctx)));
    cases.push({
      name,
      kb: Math.round(kb),
      extractUsPerKb: ex.us / kb,
      prefilterUsPerKb: pf.us / kb,
      growth: exHalf.us > 0 ? ex.us / exHalf.us : null,
      hits: ex.out.length,
    });
  }
  process.stdout.write(`${JSON.stringify({ cases })}\n`);
}

main().catch((err) => {
  process.stderr.write(`adversarial: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
