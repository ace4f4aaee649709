import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNdjson, REPO_ROOT, runErrlens } from './helpers/spawn-errlens.js';

const SAMPLE = path.join(REPO_ROOT, 'fixtures/sample/device.log');
const SAMPLE_REL = 'fixtures/sample/device.log';

describe('NDJSON output of the sample log', () => {
  it('writes one object per record with a hit, fields parsed from the hilog line', async () => {
    const run = await runErrlens(['--format', 'ndjson', '--year', '2026', '--tz', 'UTC', SAMPLE_REL]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const records = parseNdjson(run.stdout);

    const first = records[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    expect(first.schemaVersion).toBe(1);
    expect(first.level).toBe(50);
    expect(first.time).toBe(Date.UTC(2026, 4, 14, 9, 12, 5, 12));
    expect(first.event.original).toBe(
      '05-14 09:12:05.012  5394  5418 E C015B0/com.example.weather/NETSTACK: [websocket_exec.cpp:412] ParseUrl failed',
    );
    expect(first.log).toEqual({ file: { path: SAMPLE_REL }, level: 'E', logger: 'NETSTACK' });
    expect(first.process).toEqual({ pid: 5394, name: 'com.example.weather', thread: { id: 5418 } });
    expect(first.error).toEqual({ code: '2302001', message: 'Websocket url error.', type: 'WebSocket' });
    expect(first.errlens.line).toBe(11);
    expect(first.errlens.source).toBe(SAMPLE_REL);
    expect(first.errlens.format).toBe('hilog');
    expect(first.errlens.hits).toHaveLength(1);
    expect(first.errlens.hits[0]?.match).toBe('ParseUrl failed');
    expect(first.errlens.hits[0]?.reference).toEqual({ page: 'errorcode-net-webSocket.md', anchor: '2302001-websocket-url-error' });
  });

  it('finds the real error lines and leaves the decoys (RespCode:200, "tile 2302", pids) alone', async () => {
    const run = await runErrlens(['--format', 'ndjson', '--year', '2026', SAMPLE_REL]);
    const records = parseNdjson(run.stdout);
    const byLine = new Map(records.map((r) => [r.errlens.line, r.error?.code]));
    expect(byLine.get(11)).toBe('2302001');
    expect(byLine.get(15)).toBe('200');
    expect(byLine.get(20)).toBe('2101022');
    expect(byLine.get(24)).toBe('2100002');
    expect(byLine.get(29)).toBe('32390200');
    // Line 8 and 33 carry "RespCode:200"; line 32 "tile 2302"; pid columns are numbers too.
    for (const decoy of [1, 2, 7, 8, 32, 33]) expect(byLine.has(decoy)).toBe(false);
  });

  it('reads standard input when no file is given, naming the source "-"', async () => {
    const run = await runErrlens(['--format', 'ndjson', '--year', '2026'], { input: readFileSync(SAMPLE) });
    expect(run.status).toBe(0);
    const records = parseNdjson(run.stdout);
    const fromFile = parseNdjson((await runErrlens(['--format', 'ndjson', '--year', '2026', SAMPLE_REL])).stdout);
    expect(records.map((r) => [r.errlens.line, r.error?.code])).toEqual(fromFile.map((r) => [r.errlens.line, r.error?.code]));
    expect(new Set(records.map((r) => r.log.file.path))).toEqual(new Set(['-']));
  });

  it('reads "-" among files in argument order', async () => {
    const line = '01-25 02:22:22.131  8960  8960 E C015b0/NETSTACK: [websocket_exec.cpp:10] ParseUrl failed\n';
    const run = await runErrlens(['--format', 'ndjson', SAMPLE_REL, '-'], { input: line });
    const sources = parseNdjson(run.stdout).map((r) => r.errlens.source);
    expect(sources[sources.length - 1]).toBe('-');
    expect(sources.filter((s) => s === '-')).toHaveLength(1);
    expect(sources[0]).toBe(SAMPLE_REL);
  });

  it('defaults to NDJSON when stdout is not a terminal', async () => {
    const run = await runErrlens([SAMPLE_REL]);
    expect(() => parseNdjson(run.stdout)).not.toThrow();
    expect(parseNdjson(run.stdout).length).toBeGreaterThan(5);
  });

  it('writes records without hits too with --all, each line once', async () => {
    const run = await runErrlens(['--all', '--format', 'ndjson', SAMPLE_REL]);
    const records = parseNdjson(run.stdout);
    const lines = records.reduce((n, r) => n + r.errlens.lineCount, 0);
    expect(lines).toBe(readFileSync(SAMPLE, 'utf8').trimEnd().split('\n').length);
  });
});
