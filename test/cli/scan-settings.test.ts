import { resolveScanSettings } from '../../src/cli/scan-settings.js';

const TTY = { stdoutIsTTY: true, now: 0 };
const PIPE = { stdoutIsTTY: false, now: 0 };

describe('resolveScanSettings', () => {
  it('defaults: stdin, pretty on a terminal and ndjson on a pipe, the default catalogue, colour auto', () => {
    const onTty = resolveScanSettings({}, {}, TTY);
    expect(onTty).toMatchObject({ files: ['-'], format: 'pretty', color: 'auto', defaultCatalog: true, all: false, catalogs: [] });
    expect(resolveScanSettings({}, {}, PIPE).format).toBe('ndjson');
  });

  it('takes config values where no flag is given, and flags over them', () => {
    const config = { format: 'markdown', tz: 'UTC', catalog: ['/c/x.json'], all: true };
    expect(resolveScanSettings({}, config, PIPE)).toMatchObject({ format: 'markdown', tz: 'UTC', catalogs: ['/c/x.json'], all: true });
    expect(resolveScanSettings({ format: 'ndjson', all: false, catalog: 'y.json' }, config, PIPE)).toMatchObject({
      format: 'ndjson',
      all: false,
      catalogs: ['y.json'],
    });
  });

  it('splits comma lists and gathers repeated flags', () => {
    const settings = resolveScanSettings({ code: ['2302001,200', '2101022'], level: 'E' }, {}, PIPE);
    expect(settings.codes).toEqual(['2302001', '200', '2101022']);
    expect(settings.levels).toEqual(['E']);
  });

  it.each([
    [{ follow: true }, '--follow needs file names'],
    [{ follow: true, files: ['-'] }, '--follow needs file names'],
    [{ fromStart: true, files: ['a.log'] }, '--from-start only applies with --follow'],
    [{ year: 1969 }, 'invalid year "1969"'],
    [{ year: Number.NaN }, 'invalid year'],
    [{ tz: 'Mars/Olympus' }, 'unknown time zone'],
    [{ since: '2026-05-02', until: '2026-05-01', tz: 'UTC' }, '--since is later than --until'],
  ])('rejects %j', (args, message) => {
    expect(() => resolveScanSettings(args, {}, PIPE)).toThrow(message);
  });
});
