#!/usr/bin/env node
// Regenerates src/catalogue/default-catalogue.generated.ts from catalogue/pages/*.md with the compiled compiler in
// dist/ (run `tsc -p tsconfig.build.json` first). With --check it writes nothing and exits 1 when the file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let build;
try {
  build = await import(path.join(root, 'dist/catalogue/build-default.js'));
} catch (err) {
  console.error(`generate-catalogue: cannot load dist/catalogue/build-default.js (build first): ${err.message}`);
  process.exit(2);
}
const { buildDefaultCatalogue, renderGeneratedModule, readPageSources, GENERATED_MODULE_PATH, PAGES_DIR } = build;

const check = process.argv.includes('--check');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const pages = await readPageSources(path.join(root, PAGES_DIR));
let json;
try {
  json = buildDefaultCatalogue(pages, pkg.version);
} catch (err) {
  console.error(`generate-catalogue: ${err.message}`);
  process.exit(2);
}
const source = renderGeneratedModule(json);
const target = path.join(root, GENERATED_MODULE_PATH);
const current = await readFile(target, 'utf8').catch(() => '');
if (check) {
  if (current !== source) {
    console.error(`generate-catalogue: ${GENERATED_MODULE_PATH} is stale; run npm run catalogue:generate`);
    process.exit(1);
  }
  console.log(`${GENERATED_MODULE_PATH} is up to date (${json.version})`);
} else {
  if (current !== source) await writeFile(target, source);
  console.log(
    `${current === source ? 'unchanged' : 'wrote'} ${GENERATED_MODULE_PATH}: ${pages.length} pages, ${json.entries.length} entries, ${json.version}`,
  );
}
