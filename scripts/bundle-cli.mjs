#!/usr/bin/env node
// Bundles the compiled executable and the --jobs worker (run `tsc -p tsconfig.build.json` first): each becomes one
// file in place of the module tree tsc wrote, so starting them reads and compiles one module instead of ~140.
//
// Why: on Node 20 the ES module loader costs about 0.5 ms per module (resolve, read, compile, link), and a 1-line
// scan loads ~140 of them (yargs alone brings 44): ~170 ms in all, against a start-up target of 150 ms. Bundled,
// the same scan starts in ~130 ms. Lazy `import()`s stay lazy: esbuild turns each into a deferred initialiser.
//
// What stays as it was: the library (dist/index.js and the modules it imports) and the unbundled entry, kept as
// dist/cli/main.unbundled.js, which tests use to see which modules a run loads. The bundles sit where the modules
// they replace were, so the paths they resolve from `import.meta.url` (package.json, the worker) do not change.
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** Bundled CommonJS packages (split2, pino-pretty) call `require`, which an ES module lacks: give them Node's. */
const REQUIRE_SHIM = "import { createRequire as __errlensCreateRequire } from 'node:module';\nconst require = __errlensCreateRequire(import.meta.url);";

const entries = [
  { file: 'cli/main.js', keep: 'cli/main.unbundled.js' },
  { file: 'parallel/worker.js', keep: 'parallel/worker.unbundled.js' },
];

try {
  for (const { file, keep } of entries) {
    // The entry's first line is its shebang (the executable): esbuild keeps it at the top of the bundle.
    await rename(path.join(dist, file), path.join(dist, keep));
    await build({
      entryPoints: [path.join(dist, keep)],
      outfile: path.join(dist, file),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: REQUIRE_SHIM },
      // Licence comments of bundled packages stay with their code.
      legalComments: 'inline',
      logLevel: 'warning',
    });
  }
} catch (err) {
  console.error(`bundle-cli: ${err.message}`);
  process.exit(2);
}
