import { getDefaultCatalogue } from '../../src/catalogue/default-catalogue.js';
import type { CatalogueEntry } from '../../src/types.js';
import { extractLine } from './helpers/extract-line.js';

/** A hilog line written where each module logs, so every entry's own context is present. */
const WHERE: Record<string, string> = {
  WebSocket: 'E C015B0/NETSTACK: [websocket_exec.cpp:100]',
  'Network Connection Management': 'E C015B0/NetConnManager: [net_conn_client.cpp:100]',
  'Link Enhancement': 'E C05700/CommSdk: [link_enhance_connection.cpp:100]',
  Universal: 'E A03d00/JSAPP:',
};
const line = (entry: CatalogueEntry, message: string): string =>
  `11-21 10:00:00.000  1000  1000 ${WHERE[entry.module] ?? 'E A03d00/JSAPP:'} ${message}`;

const entries = getDefaultCatalogue().entries;

describe('every default catalogue entry can be found', () => {
  test.each(entries.map((e) => [e.id, e] as const))('%s by its code behind a code key', (_id, entry) => {
    const text = line(entry, `request failed, code: ${entry.code}`);
    const hits = extractLine(text).filter((h) => h.kind === 'code');
    expect(hits.map((h) => h.code)).toEqual([entry.code]);
    expect(hits[0]!.entry ?? hits[0]!.candidates?.find((c) => c.id === entry.id)).toBeDefined();
  });

  const phrases = entries.flatMap((e) => [e.message, ...e.aliases].filter((m) => m !== '').map((m) => [e.id, m, e] as const));
  test.each(phrases)('%s by its message or alias "%s"', (_id, message, entry) => {
    const hits = extractLine(line(entry, message.replace(/%(?:\{public\})?d/g, '42').replace(/%(?:\{public\})?s/g, 'x')));
    const found = hits.filter((h) => h.kind === 'marker' && (h.entry?.id === entry.id || h.candidates?.some((c) => c.id === entry.id)));
    expect(found).toHaveLength(1);
  });
});
