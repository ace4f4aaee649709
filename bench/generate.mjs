#!/usr/bin/env node
// Seeded generator of realistic log corpora at any size, streamed (never held in memory).
//
//   node bench/generate.mjs --format hilog|json --size 1G --hit-rate 0.02 --decoy-rate 0.05 \
//     --line-length 120 --seed 1 [--gzip] [--crlf] [--stack-rate 0.05] [--variant mixed] [--truth t.json] -o /tmp/x.log
//
// Sizes take K, M, G suffixes (powers of 1024) and count uncompressed bytes. Without -o the corpus goes to stdout.
// A summary (lines, hit lines, decoy lines, hits per code) goes to stderr as JSON, and to --truth FILE if given.

import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { createCorpus } from './lib/corpus.mjs';

/** Parses "200M", "1G", "64K", "12345" into bytes. */
export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]i?B?|B)?$/i.exec(String(text).trim());
  if (!m) throw new Error(`bad size: ${text}`);
  const unit = (m[2] ?? '').charAt(0).toUpperCase();
  const mult = unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * mult);
}

/**
 * Writes a corpus to `out` (a path, or null for stdout) and resolves to its summary.
 * @param {{ format?: 'hilog'|'json', size: number, hitRate?: number, decoyRate?: number, lineLength?: number,
 *   seed?: number, gzip?: boolean, crlf?: boolean, stackRate?: number, variant?: string, out?: string | null }} o
 */
export async function generateCorpus(o) {
  const format = o.format ?? 'hilog';
  if (format !== 'hilog' && format !== 'json') throw new Error(`bad format: ${format}`);
  const corpus = createCorpus({
    format,
    hitRate: o.hitRate ?? 0.02,
    decoyRate: o.decoyRate ?? 0.05,
    lineLength: o.lineLength ?? 120,
    seed: o.seed ?? 1,
    ...(o.stackRate !== undefined ? { stackRate: o.stackRate } : {}),
    ...(o.variant !== undefined ? { variant: o.variant } : {}),
  });
  const eol = o.crlf ? '\r\n' : '\n';
  const sink = o.out ? createWriteStream(o.out) : process.stdout;
  let target = sink;
  let gz = null;
  if (o.gzip) {
    gz = createGzip({ level: 6 });
    gz.pipe(sink);
    target = gz;
  }
  const stats = { format, bytes: 0, lines: 0, hitLines: 0, decoyLines: 0, continuationLines: 0, hits: {} };
  let parts = [];
  let pending = 0;
  const flush = async () => {
    const text = parts.join('');
    parts = [];
    pending = 0;
    if (!target.write(text)) await once(target, 'drain');
  };
  while (stats.bytes < o.size) {
    const rec = corpus.next();
    for (let i = 0; i < rec.lines.length; i++) {
      const line = rec.lines[i] + eol;
      parts.push(line);
      // Lines are ASCII except for rare cases; Buffer.byteLength keeps the count exact anyway.
      const n = Buffer.byteLength(line);
      stats.bytes += n;
      pending += n;
      stats.lines++;
      if (i > 0) stats.continuationLines++;
    }
    if (rec.hits.length > 0) {
      stats.hitLines++;
      for (const h of rec.hits) stats.hits[h.code] = (stats.hits[h.code] ?? 0) + 1;
    }
    if (rec.decoy) stats.decoyLines++;
    if (pending >= 1 << 20) await flush();
  }
  await flush();
  if (gz) {
    gz.end();
    await once(gz, 'end');
  }
  if (o.out) {
    sink.end();
    await once(sink, 'finish');
  } else if (gz) {
    // stdout: nothing to close.
  }
  return stats;
}

async function main() {
  const { values } = parseArgs({
    options: {
      format: { type: 'string', default: 'hilog' },
      size: { type: 'string', default: '10M' },
      'hit-rate': { type: 'string', default: '0.02' },
      'decoy-rate': { type: 'string', default: '0.05' },
      'line-length': { type: 'string', default: '120' },
      seed: { type: 'string', default: '1' },
      'stack-rate': { type: 'string' },
      variant: { type: 'string', default: 'mixed' },
      gzip: { type: 'boolean', default: false },
      crlf: { type: 'boolean', default: false },
      truth: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node bench/generate.mjs --format hilog|json --size 1G --hit-rate 0.02 --decoy-rate 0.05 ' +
        '--line-length 120 --seed 1 [--gzip] [--crlf] [--stack-rate F] [--variant mixed|classic|process|masked|year|epoch|monotonic|deveco|noletter] ' +
        '[--truth FILE] [-o FILE]\n',
    );
    return;
  }
  const stats = await generateCorpus({
    format: /** @type {'hilog'|'json'} */ (values.format),
    size: parseSize(values.size),
    hitRate: Number(values['hit-rate']),
    decoyRate: Number(values['decoy-rate']),
    lineLength: Number(values['line-length']),
    seed: Number(values.seed),
    gzip: values.gzip,
    crlf: values.crlf,
    variant: values.variant,
    ...(values['stack-rate'] !== undefined ? { stackRate: Number(values['stack-rate']) } : {}),
    out: values.output ?? null,
  });
  const text = JSON.stringify(stats);
  process.stderr.write(`${text}\n`);
  if (values.truth) await writeFile(values.truth, `${JSON.stringify(stats, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    process.stderr.write(`generate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
}
