#!/usr/bin/env node
// Library benchmark of the chunk scanner (src/scan) over one file, in-process, one mode per run:
//
//   node bench/lib/scan-bench.mjs FILE [--dist dist] [--mode scan|extract|split] [--chunk 64K] [--prefilter extractor|lean]
//                                      [--re SOURCE]   (a prefilter of your own, case-insensitive)
//
//   scan     ChunkScanner alone: the whole-chunk prefilter, line numbers, candidates as Buffers.
//   extract  scan, then each candidate decoded and run through parseLine + the extractor (the fast path's real work).
//   split    the slow shape for comparison: every line split into a string (split2-like) and tested with the prefilter.
//   fast-stream  FastRecordTransform (scanner with the extractor's line filter as its confirm test, + RecordBuilder:
//                parse, fold, extract) in a stream pipeline: records out.
//   slow-stream  RecordTransform (every line cut and put through the builder) in the same pipeline, for comparison.
//   errlens-stream  createErrlensStream, what a library user gets (the fast path), in the same pipeline.
//
// Prints one JSON object: { mode, bytes, ms, mbps, lines, candidates, hits, prefilter, chunk, rssMB }.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

/**
 * A lean prefilter for comparison (not the extractor's, and not derived from the catalogue: it only shows what a
 * prefilter of this shape costs): the digits of the default catalogue's long codes, a few context words, and words of
 * the markers that contain none of them. On the generated corpora it finds every hit the extractor's prefilter finds.
 */
export const LEAN_PREFILTER =
  /2(?:10(?:000[1-3]|10(?:0[78]|22))|302(?:00[1-5]|99[89]))|3239(?:020[0-6]|0300)|210010[1-5]|210020[1-8]|code|err|fail|exist|callback|denied|system api|supported|exceed|listen|allowed|registered over|over the max/i;

function parseSize(text) {
  const m = /^(\d+)([KMG]?)$/i.exec(text);
  if (!m) throw new Error(`bad size ${text}`);
  return Number(m[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase()];
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dist: { type: 'string', default: 'dist' },
      mode: { type: 'string', default: 'scan' },
      chunk: { type: 'string', default: '64K' },
      prefilter: { type: 'string', default: 'extractor' },
      re: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: scan-bench.mjs FILE [--mode scan|extract|split]');
  const dist = pathToFileURL(resolve(values.dist)).href;
  const { ChunkScanner } = await import(`${dist}/scan/chunk-scanner.js`);
  let prefilter = LEAN_PREFILTER;
  let extractor;
  let parseLine;
  let ctx;
  const needsExtractor = values.mode === 'extract' || values.mode.endsWith('-stream');
  if (values.prefilter === 'extractor' || needsExtractor) {
    try {
      const { createExtractor } = await import(`${dist}/extract/index.js`);
      const { getDefaultCatalogue } = await import(`${dist}/catalogue/default-catalogue.js`);
      extractor = createExtractor(getDefaultCatalogue(), { unknown: false });
      if (values.prefilter === 'extractor') prefilter = extractor.prefilter;
      const parse = await import(`${dist}/parse/index.js`);
      parseLine = parse.parseLine;
      ctx = parse.createParseContext({ year: 2026, tz: 'UTC' });
    } catch (err) {
      if (needsExtractor) throw err;
      process.stderr.write(`scan-bench: extractor not available (${err.message}); using the lean prefilter\n`);
      prefilter = LEAN_PREFILTER;
    }
  }
  let prefilterName = prefilter === LEAN_PREFILTER ? 'lean' : 'extractor';
  if (values.prefilter === 'lean') {
    prefilter = LEAN_PREFILTER;
    prefilterName = 'lean';
  }
  if (values.re !== undefined) {
    prefilter = new RegExp(values.re, 'i');
    prefilterName = 'custom';
  }
  const bytes = (await stat(file)).size;
  const highWaterMark = parseSize(values.chunk);
  let lines = 0;
  let candidates = 0;
  let hits = 0;
  const t0 = process.hrtime.bigint();
  if (values.mode === 'fast-stream' || values.mode === 'slow-stream' || values.mode === 'errlens-stream') {
    const { pipeline } = await import('node:stream/promises');
    const { createErrlensStream } = await import(`${dist}/stream.js`);
    let stream;
    if (values.mode === 'errlens-stream') {
      stream = createErrlensStream({ extractor, year: 2026, tz: 'UTC', idleFlushMs: Infinity });
    } else {
      const { RecordBuilder } = await import(`${dist}/stream/record-builder.js`);
      const { createFolder } = await import(`${dist}/parse/index.js`);
      const builder = new RecordBuilder({
        source: file,
        all: false,
        parse: (text) => parseLine(text, ctx),
        extract: (text, fields) => extractor.extract(text, fields),
        fold: createFolder(),
      });
      if (values.mode === 'slow-stream') {
        const { RecordTransform } = await import(`${dist}/stream/record-transform.js`);
        const { LineCutter } = await import(`${dist}/stream/line-cutter.js`);
        stream = new RecordTransform({ cutter: new LineCutter(65536), builder, idleFlushMs: Infinity });
      } else {
        const { FastRecordTransform } = await import(`${dist}/scan/fast-record-transform.js`);
        // As createErrlensStream: the extractor's line filter confirms the prefilter's matches (not the lean one's).
        const confirm = prefilter === extractor?.prefilter ? { confirm: extractor.lineFilter } : {};
        stream = new FastRecordTransform({ scanner: new ChunkScanner(prefilter, confirm), builder, idleFlushMs: Infinity });
      }
    }
    await pipeline(createReadStream(file, { highWaterMark }), stream, async (source) => {
      for await (const record of source) {
        candidates++;
        hits += record.hits.length;
      }
    });
    lines = stream.stats.linesRead;
  } else if (values.mode === 'split') {
    const re = new RegExp(prefilter.source, prefilter.flags.replace(/[gy]/g, ''));
    let rest = '';
    for await (const chunk of createReadStream(file, { highWaterMark })) {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines++;
        if (re.test(line)) candidates++;
      }
    }
    if (rest !== '') {
      lines++;
      if (re.test(rest)) candidates++;
    }
  } else {
    const scanner = new ChunkScanner(prefilter, {});
    const onLine =
      values.mode === 'extract'
        ? (c) => {
            if (c.kind !== 'line') return;
            candidates++;
            const text = c.bytes.toString('utf8');
            hits += extractor.extract(text, parseLine(text, ctx)).length;
          }
        : (c) => {
            if (c.kind === 'line') candidates++;
          };
    for await (const chunk of createReadStream(file, { highWaterMark })) scanner.push(chunk, onLine);
    lines = scanner.end(onLine).linesRead;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = {
    mode: values.mode,
    bytes,
    ms: Math.round(ms),
    mbps: Math.round(bytes / 1e6 / (ms / 1000)),
    lines,
    candidates,
    hits,
    prefilter: prefilterName,
    chunk: values.chunk,
    rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`scan-bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 2;
});
