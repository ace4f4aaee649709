import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildDefaultCatalogue,
  GENERATED_MODULE_PATH,
  PAGES_DIR,
  readPageSources,
  renderGeneratedModule,
} from '../../src/catalogue/build-default.js';
import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';

const ROOT = path.join(__dirname, '../..');

describe('default catalogue', () => {
  test('the committed generated module matches its sources (run npm run catalogue:generate when this fails)', async () => {
    const pages = await readPageSources(path.join(ROOT, PAGES_DIR));
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const expected = renderGeneratedModule(buildDefaultCatalogue(pages, pkg.version));
    const committed = readFileSync(path.join(ROOT, GENERATED_MODULE_PATH), 'utf8');
    expect(committed).toBe(expected);
  });

  test('its version names the package version and a 12-hex content hash', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(getDefaultCatalogue().version).toMatch(new RegExp(`^errlens-default@${pkg.version.replace(/\./g, '\\.')}\\+[0-9a-f]{12}$`));
  });

  test('the version changes with the page sources but not with their line ends', () => {
    const page = { file: 'errorcode-x.md', text: '# X Error Codes\n\n## 1 One\n\n**Message**\n\nOne.\n' };
    const base = buildDefaultCatalogue([page], '1.0.0').version;
    expect(buildDefaultCatalogue([{ ...page, text: page.text.replace(/\n/g, '\r\n') }], '1.0.0').version).toBe(base);
    expect(buildDefaultCatalogue([{ ...page, text: page.text.replace('One.', 'Uno.') }], '1.0.0').version).not.toBe(base);
  });

  test('holds every code of the seed pages and the five universal codes', () => {
    const catalogue = getDefaultCatalogue();
    const expected = [
      ['errorcode-link-enhance.md', ['32390200', '32390201', '32390202', '32390203', '32390204', '32390205', '32390206', '32390300']],
      ['errorcode-net-connection.md', ['2100001', '2100002', '2100003', '2101007', '2101008', '2101022']],
      ['errorcode-net-webSocket.md', ['200', '2302001', '2302002', '2302003', '2302004', '2302005', '2302998', '2302999']],
      ['errorcode-universal.md', ['201', '202', '203', '401', '801']],
    ] as const;
    for (const [file, codes] of expected) {
      for (const code of codes) expect(catalogue.get(`${file}#${code}`)?.code).toBe(code);
    }
    expect(catalogue.entries).toHaveLength(27);
  });

  test('carries the runtime aliases and the page metadata', () => {
    const catalogue = getDefaultCatalogue();
    const url = catalogue.lookup('2302001')[0];
    expect(url).toMatchObject({
      module: 'WebSocket',
      kit: 'Network Kit',
      title: 'WebSocket URL Error',
      message: 'Websocket url error.',
      causes: ['The WebSocket URL is incorrect.'],
      aliases: ['Websocket url error', 'ParseUrl failed'],
    });
    expect(catalogue.lookup('32390300')[0]?.module).toBe('Link Enhancement');
    expect(catalogue.lookup('2101022')[0]?.module).toBe('Network Connection Management');
  });

  test('is built once and shared', () => {
    expect(getDefaultCatalogue()).toBe(getDefaultCatalogue());
  });
});
