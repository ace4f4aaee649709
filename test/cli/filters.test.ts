import { parseNdjson, runErrlens } from './helpers/spawn-errlens.js';

const SAMPLE_REL = 'fixtures/sample/device.log';
const codesOf = async (args: string[]): Promise<(string | undefined)[]> =>
  parseNdjson((await runErrlens(['--format', 'ndjson', '--year', '2026', '--tz', 'UTC', ...args])).stdout).map((r) => r.error?.code);

describe('record filters on the command line', () => {
  it('--code before the file name takes one value and leaves the file a file', async () => {
    expect(await codesOf(['--code', '2101022', SAMPLE_REL])).toEqual(['2101022', '2101022', '2101022']);
  });

  it('--code repeated and comma-separated mean the same', async () => {
    const repeated = await codesOf(['--code', '201', '--code', '32390200', SAMPLE_REL]);
    const comma = await codesOf(['--code', '201,32390200', SAMPLE_REL]);
    expect(repeated).toEqual(['32390200', '201']);
    expect(comma).toEqual(repeated);
  });

  it('--module keeps one module', async () => {
    expect(new Set(await codesOf(['--module', 'websocket', SAMPLE_REL]))).toEqual(new Set(['2302001', '200']));
  });

  it('--level W keeps warnings and worse; --level E drops the warning line', async () => {
    const records = parseNdjson((await runErrlens(['--format', 'ndjson', '--level', 'W', SAMPLE_REL])).stdout);
    expect(records.some((r) => r.log.level === 'W')).toBe(true);
    const errorsOnly = parseNdjson((await runErrlens(['--format', 'ndjson', '--level', 'E', SAMPLE_REL])).stdout);
    expect(errorsOnly.some((r) => r.log.level === 'W')).toBe(false);
    expect(errorsOnly.length).toBe(records.length - 1);
  });

  it('--since and --until take ISO times, read in --tz when they carry no zone', async () => {
    const window = await codesOf(['--since', '2026-05-14T09:12:07', '--until', '2026-05-14T09:12:09Z', SAMPLE_REL]);
    expect(window).toEqual(['2101022', '2101022', '2101022', '2100002', '2100002']);
  });

  it('--since with a duration counts back from now: lines of the year 2000 fall outside the last hour', async () => {
    // With --year 2000 every line is decades old, so a one-hour window keeps nothing.
    const run = await runErrlens(['--format', 'ndjson', '--year', '2000', '--since', '1h', SAMPLE_REL]);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(1);
  });
});
