process.env.TZ = 'UTC';
import { createSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { entry, hit, loadRecords, record } from './summary-helpers.js';

describe('renderText', () => {
  it('renders the device-a fixture as a compact table (snapshot, TZ=UTC, no colour)', () => {
    const s = createSummary();
    s.addInput({ name: 'device-a.log', size: 48_213, sha256: 'a'.repeat(64) });
    s.setCatalogue({ version: 'errlens-default@0.1.0+3f2a1c9d' });
    for (const r of loadRecords('device-a')) s.addRecord(r);
    const text = renderText(s.toJSON(), { errlensVersion: '0.1.0' });
    expect(text).toMatchSnapshot();
    expect(text).not.toMatch(/\u001b/);
  });

  it('aligns columns: every table line puts "count" values flush right under the header', () => {
    const e1 = entry('2302001', 'WebSocket', 'WebSocket URL Error');
    const e2 = entry('201', 'Universal', 'Permission Denied');
    const s = createSummary();
    for (let i = 0; i < 12; i++) s.addRecord(record('x', i + 1, 'x', [hit('2302001', { entry: e1 })]));
    s.addRecord(record('x', 20, 'y', [hit('201', { entry: e2 })]));
    const lines = renderText(s.toJSON()).split('\n');
    const head = lines.findIndex((l) => l.startsWith('code '));
    const countEnd = (lines[head] ?? '').indexOf('count') + 'count'.length;
    expect(lines[head + 2]?.slice(countEnd - 2, countEnd)).toBe('12');
    expect(lines[head + 3]?.slice(countEnd - 1, countEnd)).toBe('1');
  });

  it('escapes control characters from log content (tags, processes, unknown codes)', () => {
    const s = createSummary();
    s.addRecord(record('x', 1, 'x', [hit('99\u001b[2J')], { tag: 'T\u001b]0;pwned\u0007', process: 'p\rq' }));
    const text = renderText(s.toJSON());
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('99\\x1b[2J');
    expect(text).toContain('p\\x0dq');
  });

  it('says so when no code was found', () => {
    const s = createSummary();
    s.addRecord(record('x', 1, 'nothing'));
    expect(renderText(s.toJSON())).toContain('no error codes found');
  });
});
