/**
 * Solution steps written by the errlens authors for documented codes whose page gives no Solution section, so that
 * every hit a user sees carries something to try. Entries that get these steps are marked `solutionsBy: "errlens"`,
 * and every output that shows them can say they are errlens's suggestion rather than the platform's documentation.
 * A page that documents its own solution always wins: advice is applied only where `solutions` is empty.
 */
import type { CatalogueEntry } from '../types.js';

/** Advice by entry id (`<page file>#<code>`), matched on the file's base name like the runtime aliases. */
export const ERRLENS_ADVICE: Readonly<Record<string, readonly string[]>> = {
  'errorcode-net-webSocket.md#2302001': [
    'Log the exact URL passed to connect() and check that it starts with ws:// or wss:// and has a valid host.',
    'Percent-encode spaces and non-ASCII characters in the path and query before connecting.',
  ],
  'errorcode-net-webSocket.md#2302002': [
    'Check that the caPath given in the connect options points to a file that exists in the app sandbox and is readable.',
    'Leave caPath unset to use the system CA store when the server certificate is issued by a public CA.',
  ],
  'errorcode-net-webSocket.md#2302003': [
    'Reuse the open WebSocket object instead of calling connect() again, or close() it and wait for the close event first.',
    'Guard connect() in reconnect logic so that only one attempt is in flight for each WebSocket object.',
  ],
  'errorcode-net-webSocket.md#2302999': [
    'Look at the NETSTACK lines just before this one (hilog domain C015B0): they usually name the underlying failure.',
    'Retry once; if the error persists, capture the hilog output around it and report it with the device\'s system version.',
  ],
};

/** `entries` with {@link ERRLENS_ADVICE} filled in where a page documents no solution. */
export function withAdvice(
  entries: readonly CatalogueEntry[],
  table: Readonly<Record<string, readonly string[]>> = ERRLENS_ADVICE,
): CatalogueEntry[] {
  return entries.map((entry) => {
    if (entry.solutions.length > 0) return entry;
    const key = `${entry.page.file.slice(entry.page.file.lastIndexOf('/') + 1)}#${entry.code}`;
    const advice = Object.hasOwn(table, key) ? table[key] : undefined;
    if (advice === undefined || advice.length === 0) return entry;
    return { ...entry, solutions: [...advice], solutionsBy: 'errlens' };
  });
}
