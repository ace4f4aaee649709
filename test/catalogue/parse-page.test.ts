import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePage } from '../../src/catalogue/parse-page.js';
import type { CatalogueEntry } from '../../src/types.js';

const PAGES = path.join(__dirname, '../../fixtures/pages');

function compile(name: string) {
  return parsePage(readFileSync(path.join(PAGES, name), 'utf8'), name);
}

function entry(name: string, code: string): CatalogueEntry {
  const found = compile(name).entries.find((e) => e.code === code);
  if (found === undefined) throw new Error(`${code} missing from ${name}`);
  return found;
}

describe('parsePage', () => {
  test('compiles a standard page: ids, page, module, metadata, sections, reference', () => {
    const page = compile('basic.md');
    expect(page.title).toBe('Gadget Error Codes');
    expect(page.entries.map((e) => e.code)).toEqual(['4100001', '4100002']);
    expect(page.entries[0]).toEqual({
      id: 'basic.md#4100001',
      code: '4100001',
      page: { title: 'Gadget Error Codes', file: 'basic.md' },
      kit: 'Gadget Kit',
      subsystem: 'Gadgets',
      module: 'Gadget',
      title: 'Gadget Not Found',
      message: 'Gadget not found.',
      description: 'Reported when the requested gadget is not registered.',
      causes: ['The gadget name is misspelt.'],
      solutions: ['Check the gadget name and register the gadget first.'],
      reference: { page: 'basic.md', anchor: '4100001-gadget-not-found' },
      aliases: [],
      systemOnly: false,
    });
  });

  test('the NOTE block before the first code belongs to no entry', () => {
    const texts = compile('basic.md').entries.flatMap((e) => [e.description, ...e.causes, ...e.solutions]);
    expect(texts.join(' ')).not.toMatch(/gadget-specific/);
  });

  test('reads ### codes under ## category headings, and a category heading closes the code above it', () => {
    const page = compile('category-headings.md');
    expect(page.entries.map((e) => e.code)).toEqual(['4200001', '4200101']);
    const canvas = page.entries[0];
    expect(canvas?.description).toBe('The canvas disappeared while drawing.');
    expect(canvas?.solutions).toEqual([]);
    expect(JSON.stringify(page.entries)).not.toMatch(/closes the code above/);
  });

  test('accepts single-digit, negative and six-digit codes', () => {
    const page = compile('odd-codes.md');
    expect(page.entries.map((e) => e.code)).toEqual(['7', '-1', '100200']);
    expect(entry('odd-codes.md', '-1')).toMatchObject({
      id: 'odd-codes.md#-1',
      title: 'Clock Service Error',
      reference: { page: 'odd-codes.md', anchor: '-1-clock-service-error' },
    });
  });

  test('accepts a colon or dash between code and title, and a code without title, but not a section number', () => {
    const text = '# S Error Codes\n## 1: Colon\n**Message**\na\n## 2 - Dash\n**Message**\nb\n## 3\n**Message**\nc\n## 1.2 Setup\nx\n';
    expect(parsePage(text, 's.md').entries.map((e) => [e.code, e.title])).toEqual([
      ['1', 'Colon'],
      ['2', 'Dash'],
      ['3', ''],
    ]);
  });

  test('accepts two spaces after the hashes of titles and code headings', () => {
    const page = compile('heading-two-spaces.md');
    expect(page.title).toBe('Spacing Error Codes');
    expect(page.entries[0]).toMatchObject({ code: '4300001', title: 'Wide Heading', module: 'Spacing' });
  });

  test('strips the full stop that ends a page title or a code title, but not the anchor source', () => {
    const page = compile('title-trailing-period.md');
    expect(page.title).toBe('Sentence Error Codes');
    expect(page.entries[0]).toMatchObject({
      title: 'The engine stopped unexpectedly',
      module: 'Sentence',
      message: 'The engine stopped unexpectedly.',
      reference: { page: 'title-trailing-period.md', anchor: '4400001-the-engine-stopped-unexpectedly' },
    });
  });

  test('reads Kit and Subsystem comments and drops every other comment, inline ones included', () => {
    const marker = entry('metadata-comments.md', '4500001');
    expect(marker.kit).toBe('Marker Kit');
    expect(marker.subsystem).toBe('Markers');
    expect(marker.solutions).toEqual([
      'Check the marker file. See the marker guide.',
      'Recreate the marker.',
      '| Field | Meaning |\n|---|---|\n| hidden | internal |\n| name | marker name |',
    ]);
    expect(JSON.stringify(marker)).not.toMatch(/<!--|RP1|DelRow|Designer/);
  });

  test('keeps entries inside a Del region and marks only them system-only', () => {
    const page = compile('del-region.md');
    expect(page.entries.map((e) => [e.code, e.systemOnly])).toEqual([
      ['4600001', false],
      ['4600002', true],
      ['4600003', false],
    ]);
    expect(page.entries[1]?.solutions).toEqual(['Ask the vendor.']);
  });

  test('a Del region inside an entry keeps its content without making the entry system-only', () => {
    const text = '# D Error Codes\n## 1 One\n**Solution**\n1. Public step.\n<!--Del-->\n2. System step.\n<!--DelEnd-->\n';
    expect(parsePage(text, 'd.md').entries[0]).toMatchObject({ solutions: ['Public step.', 'System step.'], systemOnly: false });
  });

  test.each([
    ['4700001', 'Classic message.', 'Classic description.', ['Classic cause.'], ['Classic solution.']],
    ['4700002', 'Short message.', '', ['Short cause.'], ['Short procedure.']],
    ['4700003', 'Singular message.', '', ['Singular cause.'], ['Handling step.']],
    ['4700004', 'Rare message.', 'Rare description.', [], ['Rare step.']],
    ['4700005', 'Heading message.', '', [], ['Heading solution.']],
  ])('maps the section labels of %s to the right fields', (code, message, description, causes, solutions) => {
    expect(entry('label-variants.md', code)).toMatchObject({ message, description, causes, solutions });
  });

  test('reads labels with a trailing space, a colon, or their text on the same line', () => {
    expect(entry('label-punctuation.md', '6500001')).toMatchObject({
      message: 'Trailing space after the label.',
      causes: ['Colon inside the bold label.'],
      solutions: ['Text on the same line as its label.'],
    });
  });

  test('makes each numbered or bulleted list item one cause or solution, joining wrapped lines', () => {
    const lists = entry('lists.md', '4800001');
    expect(lists.causes).toEqual([
      'The first cause.',
      'The second cause, which wraps onto a second line.',
      'The third cause.',
    ]);
    expect(lists.solutions).toEqual(['Restart the service.', 'Clear the cache and try again.', 'Call reset() before retrying.']);
  });

  test('makes each paragraph one item, including a paragraph that introduces a list', () => {
    const mixed = entry('lists.md', '4800002');
    expect(mixed.causes).toEqual(['The causes are the following:', 'A cable is loose.', 'A fuse blew.']);
    expect(mixed.solutions).toEqual(['Replace the fuse.', 'Then power the device on again.']);
  });

  test('keeps a nested list inside the item it belongs to, one sub-point per line', () => {
    expect(entry('lists.md', '4800003').solutions).toEqual([
      'Check the configuration:\n- the host name;\n- the port.',
      'Restart the client.',
    ]);
  });

  test('keeps link and image text and drops their targets', () => {
    const link = entry('links.md', '4900001');
    expect(link.description).toBe('See the link guide and diagram for details.');
    expect(link.solutions).toEqual(['Call resolveLink again, or read https://example.com/faq.']);
  });

  test('keeps code blocks in solutions verbatim and fenced, attached to the step they belong to', () => {
    const shell = entry('code-block-solution.md', '5000001');
    expect(shell.solutions).toEqual([
      'Check the shell state:\n```shell\nhdc shell "ps -ef | grep shelld"\n```',
      'Restart it.',
      'Run the following to collect logs:\n```\nhilog -x > /data/log.txt\n# not a heading inside code\n```',
    ]);
  });

  test('leaves missing sections empty and reads "NA" as nothing documented', () => {
    expect(entry('missing-sections-and-na.md', '5100001')).toMatchObject({
      description: '',
      causes: ['Nobody knows.'],
      solutions: [],
    });
    expect(entry('missing-sections-and-na.md', '5100002')).toMatchObject({
      message: 'Just the message.',
      description: '',
      causes: [],
      solutions: [],
    });
  });

  test('reads labels that have no blank line after them', () => {
    expect(entry('labels-without-blank-line.md', '5200001')).toMatchObject({
      message: 'Tight message.',
      description: 'Tight description.',
      causes: ['First tight cause.', 'Second tight cause.'],
      solutions: ['Tight solution.'],
    });
  });

  test('joins a message that spans lines with a space', () => {
    expect(entry('multiline-message.md', '5300001')).toMatchObject({
      message: 'The first half of the message and the second half.',
      description: 'A description over two lines.',
    });
  });

  test('sets messagePattern for ${placeholders}, matching any value, and omits it otherwise', () => {
    const template = entry('placeholder-message.md', '5400001');
    expect(template.message).toBe('Failed to read ${fieldName} from ${source}.');
    const pattern = new RegExp(template.messagePattern ?? '(?!)', 'i');
    expect(pattern.test('E: failed to read userId from the settings file.')).toBe(true);
    expect(pattern.test('Failed to write userId to disk')).toBe(false);
    expect('messagePattern' in entry('basic.md', '4100001')).toBe(false);
  });

  test('offers each alternative of a bulleted message as an alias', () => {
    const any = entry('placeholder-message.md', '5400002');
    expect(any.message).toBe('Any of the following occurs: Storage is full. Failed to ${operation}.');
    expect(any.aliases).toEqual(['Storage is full.', 'Failed to ${operation}.']);
  });

  test('reads CRLF pages exactly like LF pages', () => {
    const text = readFileSync(path.join(PAGES, 'crlf.md'), 'utf8');
    expect(text).toContain('\r\n'); // the fixture must keep its line ends (see .gitattributes)
    const crlf = parsePage(text, 'crlf.md').entries;
    const lf = parsePage(text.replace(/\r\n/g, '\n'), 'crlf.md').entries;
    expect(crlf).toEqual(lf);
    expect(crlf[0]).toMatchObject({
      kit: 'Carriage Kit',
      message: 'Lines end with CRLF.',
      causes: ['The file was saved on Windows.', 'Git converted it.'],
    });
  });

  test('keeps a NOTE inside a section as one item and an unknown bold line as text', () => {
    expect(entry('note-in-section.md', '5600001').solutions).toEqual([
      'Retry the call.',
      'Note: Retrying more than three times does not help.',
      'Description of the retry table:',
      'The table lists retry limits.',
    ]);
  });

  test('numbers anchors of repeated headings as GitHub does', () => {
    const text = '# T Error Codes\n\n## Group\n\n## Group\n\n### 1 Same\n\n**Message**\n\nA.\n\n## Other\n\n### 2 Same\n\n**Message**\n\nB.\n';
    const anchors = parsePage(text, 't.md').entries.map((e) => e.reference.anchor);
    expect(anchors).toEqual(['1-same', '2-same']);
    const twice = parsePage('# T Error Codes\n## Group\n## Group\n### 3 Group\n**Message**\nC.\n', 't.md');
    expect(twice.entries[0]?.reference.anchor).toBe('3-group');
  });
});
