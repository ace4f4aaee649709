import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv, collect, ERRLENS_BIN, REPO_ROOT, type RunResult } from './helpers/spawn-errlens.js';
import { makeTempDir } from './helpers/temp-dir.js';

// Start-up time is spent loading modules (bench/startup.mjs measures it). These tests pin down what the common runs
// must not load, so that a static import added in the wrong place shows up here rather than as a slower benchmark.

const RECORD_LOADS = path.join(__dirname, 'helpers/record-loads.mjs');
/**
 * The executable as tsc wrote it, before scripts/bundle-cli.mjs bundled `dist/cli/main.js`: its imports show which
 * modules a run needs. The bundle keeps them as lazy as they are here.
 */
const UNBUNDLED_BIN = path.join(REPO_ROOT, 'dist/cli/main.unbundled.js');
const LINE = '04-19 17:02:14.735  5394  5394 E A03d00/com.example.app/JSAPP: Connection failed. Err:{"code":2302001,"message":"Websocket url error"}\n';

/** Runs errlens with `input` on stdin, recording the URL of every ES module it loads; `preload` goes to `--import` first. */
async function runRecordingLoads(
  args: readonly string[],
  input: string,
  log: string,
  preload: readonly string[] = [],
  bin: string = UNBUNDLED_BIN,
): Promise<RunResult & { loaded: string[] }> {
  const imports = [...preload, RECORD_LOADS].flatMap((file) => ['--import', file]);
  const child = spawn(process.execPath, [...imports, bin, ...args], {
    cwd: REPO_ROOT,
    env: baseEnv({ ERRLENS_LOAD_LOG: log }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const done = collect(child);
  child.stdin?.end(input);
  const run = await done;
  return { ...run, loaded: readFileSync(log, 'utf8').split('\n').filter((url) => url !== '') };
}

/** The loaded modules whose URL contains one of `parts`. */
function loadedOf(loaded: readonly string[], parts: readonly string[]): string[] {
  return loaded.filter((url) => parts.some((part) => url.includes(part)));
}

/** Per-record formats load these only when chosen (pino-pretty for pretty output, the summary renderers for reports). */
const OTHER_FORMATS_ONLY = ['/node_modules/pino-pretty/', '/report/pretty.js', '/report/markdown.js', '/report/summary.js'];
/** Only `--jobs` with big or several files, `--follow` and terminals need these. */
const OTHER_MODES_ONLY = ['/parallel/', '/node_modules/cli-progress/'];
/** A parallel run's pool: a small file read with the default `--jobs` loads the planner only, to learn it is small. */
const PARALLEL_POOL = ['/parallel/run-parallel.js', '/parallel/run-task.js', '/parallel/seams.js', '/parallel/count-lines.js'];
/** What compiles catalogue files: a scan with the embedded catalogue alone reads none. */
const CATALOGUE_FILES_ONLY = ['/catalogue/parse-page.js', '/catalogue/catalogue-json.js', '/catalogue/aliases.js', '/catalogue/advice.js'];

describe('modules loaded at start-up', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  it('a scan of standard input with the embedded catalogue loads neither the page compiler nor other formats or modes', async () => {
    const run = await runRecordingLoads(['--format', 'ndjson'], LINE, path.join(tmp.dir, 'scan.log'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"code":"2302001"');
    // The recording works: the scan's own modules are in it.
    expect(loadedOf(run.loaded, ['/dist/cli/run-cli.js', '/dist/catalogue/default-catalogue.js'])).toHaveLength(2);
    expect(loadedOf(run.loaded, [...CATALOGUE_FILES_ONLY, ...OTHER_FORMATS_ONLY, ...OTHER_MODES_ONLY])).toEqual([]);
  });

  it('a scan of a small file with two jobs loads the planner but neither the worker pool nor the summary code', async () => {
    const input = path.join(tmp.dir, 'small.log');
    writeFileSync(input, LINE);
    const run = await runRecordingLoads(['--jobs', '2', '--format', 'ndjson', input], '', path.join(tmp.dir, 'file.log'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"code":"2302001"');
    // The recording works, and the file went through the parallel planner.
    expect(loadedOf(run.loaded, ['/dist/parallel/plan.js'])).toHaveLength(1);
    expect(loadedOf(run.loaded, [...PARALLEL_POOL, ...OTHER_FORMATS_ONLY, ...CATALOGUE_FILES_ONLY])).toEqual([]);
  });

  it('the executable is bundled: a scan loads its entry and bundle chunks, no module of errlens or its packages', async () => {
    const input = path.join(tmp.dir, 'bundled.log');
    writeFileSync(input, LINE.repeat(3));
    const run = await runRecordingLoads(['--jobs', '2', '--format', 'ndjson', input], '', path.join(tmp.dir, 'bundled.txt'), [], ERRLENS_BIN);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { error: { code: string } }).error.code)).toEqual(['2302001', '2302001', '2302001']);
    const files = run.loaded.filter((url) => url.startsWith('file:'));
    const chunks = pathToFileURL(path.join(REPO_ROOT, 'dist/chunks/')).href;
    expect(files[0]).toBe(pathToFileURL(ERRLENS_BIN).href);
    expect(files.slice(1).filter((url) => !url.startsWith(chunks))).toEqual([]);
    // Lazy imports stay lazy in the bundle: the chunks of the pretty printer, summaries, --follow and the page
    // compiler are not loaded.
    expect(files.filter((url) => /\/chunks\/(pretty|summary|follow|parse-page)-/.test(url))).toEqual([]);
  });

  it('a scan with --catalog loads the page compiler, and the page annotates', async () => {
    const page = path.join(REPO_ROOT, 'catalogue/pages/errorcode-net-webSocket.md');
    const run = await runRecordingLoads(['--no-default-catalog', '--catalog', page, '--format', 'ndjson'], LINE, path.join(tmp.dir, 'catalog.log'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"code":"2302001"');
    expect(loadedOf(run.loaded, ['/catalogue/parse-page.js'])).toHaveLength(1);
  });
});
