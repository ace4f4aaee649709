#!/usr/bin/env node
// Bundles the compiled executable and the --jobs worker (run `tsc -p tsconfig.build.json` first) with esbuild, in
// place of the module tree tsc wrote: each entry is a small file, and what it imports goes into a few chunks in
// dist/chunks/, code behind a lazy `import()` into chunks of its own, loaded when first used.
//
// Why: on Node 20 the ES module loader costs about 0.5 ms per module (resolve, read, compile, link), and a 1-line
// scan loaded ~140 of them (yargs alone brings 44): ~170 ms in all, against a start-up target of 150 ms. Bundled,
// the same scan loads 18 files and starts in ~135 ms; `--version` loads one chunk.
//
// What stays as it was: the library (dist/index.js and the modules it imports) and the unbundled entries, kept as
// dist/cli/main.unbundled.js and dist/parallel/worker.unbundled.js; tests use the first to see which modules a run
// loads.
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** Bundled CommonJS packages (split2, pino-pretty) call `require`, which an ES module lacks: give them Node's. */
const REQUIRE_SHIM = "import { createRequire as __errlensCreateRequire } from 'node:module';\nconst require = __errlensCreateRequire(import.meta.url);";

const entries = [
  { out: 'cli/main', keep: 'cli/main.unbundled.js' },
  { out: 'parallel/worker', keep: 'parallel/worker.unbundled.js' },
];

try {
  // Chunk names carry a content hash: the previous build's would stay beside the new ones.
  await rm(path.join(dist, 'chunks'), { recursive: true, force: true });
  for (const { out, keep } of entries) await rename(path.join(dist, `${out}.js`), path.join(dist, keep));
  await build({
    entryPoints: Object.fromEntries(entries.map(({ out, keep }) => [out, path.join(dist, keep)])),
    outdir: dist,
    // Code behind a lazy import() goes to a chunk of its own, loaded when first used (`--version` reads none).
    // Chunks sit at the depth of dist/cli/, so `import.meta.url` paths in them ('../../package.json',
    // '../parallel/worker.js') resolve as from dist/cli/.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: REQUIRE_SHIM },
    // Licence comments of bundled packages stay with their code.
    legalComments: 'inline',
    logLevel: 'warning',
  });
} catch (err) {
  console.error(`bundle-cli: ${err.message}`);
  process.exit(2);
}
