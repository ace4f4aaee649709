/**
 * What the system actually prints for documented codes: runtime message variants (they differ from the documentation
 * and changed between releases) and the log lines services write when they return the code.
 *
 * Convention, relied on by extraction: an alias is a plain string in which `%d`, `%s`, `%{public}d`, `%{public}s`
 * and `${name}` stand for any value; {@link placeholderPattern} turns such a string into a safe regex source.
 */
import type { CatalogueEntry } from '../types.js';
import { UNIVERSAL_ENTRIES } from './universal.js';

export { placeholderPattern } from './placeholder-pattern.js';

/**
 * Aliases by entry id (`<page file>#<code>`): keyed by page as well as code because a code can mean different
 * things on different pages (2100002 on the network-policy page is another error).
 */
export const RUNTIME_ALIASES: Readonly<Record<string, readonly string[]>> = {
  // The universal codes' short runtime messages, so a user-supplied universal page keeps them too.
  ...Object.fromEntries(UNIVERSAL_ENTRIES.map((entry) => [entry.id, entry.aliases])),
  // Network connection management (NetConnManager / NetMgrSubSystem, domain C015B0).
  'errorcode-net-connection.md#2100002': [
    'Operation failed. Cannot connect to service', // runtime up to 6.0
    'Failed to connect to the service', // runtime from 6.1
  ],
  'errorcode-net-connection.md#2101007': [
    'the callback is not found', // runtime up to 6.0
    'The callback does not exist', // runtime from 6.1
  ],
  'errorcode-net-connection.md#2101008': [
    'RegisterNetConnCallback find same callback', // service log line
    'the same callback exists', // runtime up to 6.0
    'The callback already exists', // runtime from 6.1
  ],
  'errorcode-net-connection.md#2101022': [
    'Over the max request number', // service log line, releases up to 4.0
    'return falied for UID [%d] has registered over [%d] callback', // service log line from 4.1 (typo is upstream)
    'the number of requests exceeded the maximum', // runtime up to 6.0
    'The number of requests exceeded the maximum allowed', // runtime from 6.1
  ],
  // WebSocket (NETSTACK, domain C015B0).
  'errorcode-net-webSocket.md#200': ['Lws client connection error'],
  'errorcode-net-webSocket.md#2302001': ['Websocket url error', 'ParseUrl failed'],
  'errorcode-net-webSocket.md#2302002': ['Websocket certificate file does not exist'],
  'errorcode-net-webSocket.md#2302003': [
    'Websocket connection already exist', // runtime message, without the documented "s"
    'Websocket connect already exist', // log marker
  ],
  'errorcode-net-webSocket.md#2302004': ["Can't listen to the given NIC"],
  'errorcode-net-webSocket.md#2302005': ["Can't listen to the given Port"],
  'errorcode-net-webSocket.md#2302998': ['It is not allowed to access this domain'],
  'errorcode-net-webSocket.md#2302999': ['Websocket Unknown Other Error'], // documented as "Internal error."
};

/**
 * `entries` with the aliases of `table` appended to each entry's own (page-derived) aliases, without duplicates.
 * The table is keyed by page file name, so a page found deeper in a docs tree
 * (`apis-network-kit/errorcode-net-connection.md`) gets the same aliases as the built-in copy it replaces.
 * Entries without aliases in `table` are returned unchanged.
 */
export function withAliases(
  entries: readonly CatalogueEntry[],
  table: Readonly<Record<string, readonly string[]>> = RUNTIME_ALIASES,
): CatalogueEntry[] {
  return entries.map((entry) => {
    const key = `${entry.page.file.slice(entry.page.file.lastIndexOf('/') + 1)}#${entry.code}`;
    const extra = Object.hasOwn(table, key) ? table[key] : undefined;
    if (extra === undefined || extra.length === 0) return entry;
    return { ...entry, aliases: [...new Set([...entry.aliases, ...extra])] };
  });
}
