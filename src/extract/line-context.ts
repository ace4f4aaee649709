import type { ParsedLine } from '../types.js';

/**
 * What the surroundings of a record say: which catalogue module it belongs to, and whether it is an HTTP, POSIX or
 * OpenHarmony-API error context. Built lazily by the extractor, only when a candidate needs it (a short code, a weak
 * or shared marker, a code with several entries), so most lines pay nothing. One pass of one regex over the
 * lower-cased text collects every signal: linear in the text, no per-signal rescans.
 */
export interface LineContext {
  /** How strongly the record points at a module: 0 none, 1 a generic word, 2 a module-specific word, 3 its tag/domain. */
  moduleStrength(module: string): number;
  /** The record's own words name the module (not just its tag: NETSTACK carries HTTP as well as WebSocket logs). */
  moduleWords(module: string): boolean;
  /** The strongest pointer (0–3, as {@link moduleStrength}) at a known module none of `entries` belongs to. */
  foreignStrength(entries: readonly { readonly module: string }[]): number;
  /** The record talks about HTTP (a URL scheme, `http_exec`, `HTTP/1.1`, a status or response code key, a verb and path). */
  readonly http: boolean;
  /**
   * The record is a POSIX/file-system failure (`errno`, `EACCES`, a libc call such as `open(` — not a method such as
   * `LinkSession.open (` in a stack frame — or an absolute system path).
   */
  readonly posix: boolean;
  /**
   * The record comes from OpenHarmony: a hilog or DevEco line (app or service domain), or an OpenHarmony API error
   * (BusinessError, napi, JSAPP, `err.message`, `Err.message is:`, `@ohos.`, a `code:` key).
   */
  readonly errorApi: boolean;
}

/** Module identities errlens knows hints for, matched against `CatalogueEntry.module`. */
export type ModuleId = 'websocket' | 'netconn' | 'link';

const MODULE_IDS: readonly ModuleId[] = ['websocket', 'netconn', 'link'];

/** Module names seen, with their ids (null: none). A catalogue has a few dozen modules; the bound is for odd callers. */
const moduleIds = new Map<string, ModuleId | null>();
const MODULE_IDS_KEPT = 1024;

/** Maps a catalogue module name to its hint set; undefined for modules without hints (e.g. "Universal"). */
export function moduleIdOf(module: string): ModuleId | undefined {
  // Asked for every entry of every short code and weak marker: remembered rather than lower-cased and searched each time.
  let id = moduleIds.get(module);
  if (id === undefined) {
    id = findModuleId(module) ?? null;
    if (moduleIds.size >= MODULE_IDS_KEPT) moduleIds.clear();
    moduleIds.set(module, id);
  }
  return id ?? undefined;
}

function findModuleId(module: string): ModuleId | undefined {
  const m = module.toLowerCase();
  if (m.includes('websocket')) return 'websocket';
  if (m.includes('connection management') || m.includes('net connection') || m === 'netconnection') return 'netconn';
  if (m.includes('link enhance')) return 'link';
  return undefined;
}

const HTTP = 1;
const WEBSOCKET = 2;
const NETCONN = 4;
const NETCONN_GENERIC = 8;
const LINK = 16;
const LINK_GENERIC = 32;
const POSIX = 64;
const ERROR_API = 128;

/**
 * One alternation per signal, run over lower-cased text; `\b` is enough at word edges since none of the words
 * contain `_`. Group n+1 matching sets `SIGNALS[n]`.
 */
const SIGNAL_SOURCES: readonly [number, string][] = [
  [
    HTTP,
    String.raw`http\/\d|\bhttps?\b|\bresp(?:onse)? {0,3}[=:]|http_(?:exec|client)|respcode|statuscode|responsecode|\b(?:status|response|http)[\s_.-]?code|\b(?:get|post|put|delete|head|patch) {1,3}\/|\b\d{3} (?:ok|created|accepted|unauthorized|forbidden|not found)\b|\b(?:unauthori[sz]ed|forbidden|bad request)\b`,
  ],
  [WEBSOCKET, String.raw`web[\s_-]?socket|\blws\b|\bwss?\b|\bon(?:error|open|close)\b`],
  [NETCONN, String.raw`netconn|netmanager|nethandle|getdefaultnet|netspecifier|netcap|net_conn|connection\.(?:register|unregister|createnetconnection)`],
  [NETCONN_GENERIC, String.raw`\bnetwork\b`],
  [LINK, String.raw`link[\s_-]?enhance|commsdk|softbus|distributedsched|\bconnect failed, err=-`],
  [LINK_GENERIC, String.raw`\b(?:ble|link|connection)\b`],
  [
    POSIX,
    String.raw`errno|\be(?:acces|perm|noent|rofs)\b|strerror|(?:^|[^.\w])(?:f?open|openat|access|stat|mkdir|chmod|chown|unlink|rename)\(|(?:^|[\s"'(=:])\/(?:data|system|vendor|proc|dev|storage|sdcard|etc|tmp|mnt|sys|home|usr|var)\/`,
  ],
  [
    ERROR_API,
    String.raw`businesserror|\bnapi|jsapp|\berr(?:or)?\??\.(?:message|code)|\b(?:err(?:or)?[\s_]?)?code {0,3}[:=]|"(?:err(?:or)?)?code"|\berr\.message is|ohos\.`,
  ],
];
const SIGNALS = new RegExp(SIGNAL_SOURCES.map(([, source]) => `(${source})`).join('|'), 'gm');
const ALL = SIGNAL_SOURCES.reduce((all, [bit]) => all | bit, 0);

/** Every signal present in `text` as a bit set (combine lines with `|`). Stops early once every signal is seen. */
export function scanSignals(text: string): number {
  const lower = text.toLowerCase();
  let bits = 0;
  SIGNALS.lastIndex = 0;
  for (let m = SIGNALS.exec(lower); m !== null; m = SIGNALS.exec(lower)) {
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        bits |= SIGNAL_SOURCES[g - 1]![0];
        break;
      }
    }
    if (bits === ALL) break;
  }
  return bits;
}

/** Tags under which WebSocket and HTTP logs are written (NETSTACK), and network-connection service tags. */
const NETSTACK_TAG = /^netstack$/i;
const NETMGR_TAG = /^netmgrsubsystem$/i;
const NETCONN_TAG = /^(?:netconnmanager|netconn\w*|connmanager)$/i;
const LINK_TAG = /^commsdk$/i;
const LINK_DOMAIN = /^[a-z]?0?5700$/i;
const JSAPP_TAG = /^jsapp$/i;
const JSAPP_DOMAIN = /^a0?3d00$/i;

class RecordContext implements LineContext {
  private readonly bits: number;
  private readonly netstack: boolean;
  private readonly netconnTag: boolean;
  private readonly linkTag: boolean;
  private readonly ohos: boolean;

  constructor(bits: number, fields: ParsedLine) {
    this.bits = bits;
    const tag = fields.tag ?? '';
    const domain = fields.domain ?? '';
    // Older builds log WebSocket under NetMgrSubsystem with a "NETSTACK" message prefix; newer ones use the NETSTACK tag.
    this.netstack = NETSTACK_TAG.test(tag) || (NETMGR_TAG.test(tag) && /^\s*NETSTACK/.test(fields.message));
    this.netconnTag = !this.netstack && (NETCONN_TAG.test(tag) || NETMGR_TAG.test(tag));
    this.linkTag = LINK_TAG.test(tag) || LINK_DOMAIN.test(domain);
    // A hilog or DevEco line is written by OpenHarmony itself (an app or a service), whatever its tag.
    this.ohos = fields.format === 'hilog' || fields.format === 'deveco' || JSAPP_TAG.test(tag) || JSAPP_DOMAIN.test(domain);
  }

  moduleStrength(module: string): number {
    return this.strengthOf(moduleIdOf(module));
  }

  private strengthOf(id: ModuleId | undefined): number {
    const b = this.bits;
    switch (id) {
      case 'websocket':
        // NETSTACK also carries HTTP logs: the tag alone counts only when the record is not about HTTP.
        if (b & WEBSOCKET) return this.netstack ? 3 : 2;
        return this.netstack && !(b & HTTP) ? 3 : 0;
      case 'netconn':
        if (this.netconnTag) return 3;
        return b & NETCONN ? 2 : b & NETCONN_GENERIC ? 1 : 0;
      case 'link':
        if (this.linkTag) return 3;
        return b & LINK ? 2 : b & LINK_GENERIC ? 1 : 0;
      default:
        return 0;
    }
  }

  moduleWords(module: string): boolean {
    const b = this.bits;
    switch (moduleIdOf(module)) {
      case 'websocket':
        return (b & WEBSOCKET) !== 0;
      case 'netconn':
        return (b & NETCONN) !== 0;
      case 'link':
        return (b & LINK) !== 0;
      default:
        return false;
    }
  }

  foreignStrength(entries: readonly { readonly module: string }[]): number {
    let best = 0;
    for (const id of MODULE_IDS) {
      if (!entries.some((e) => moduleIdOf(e.module) === id)) best = Math.max(best, this.strengthOf(id));
    }
    return best;
  }

  get http(): boolean {
    return (this.bits & HTTP) !== 0;
  }

  get posix(): boolean {
    return (this.bits & POSIX) !== 0;
  }

  get errorApi(): boolean {
    return this.ohos || (this.bits & ERROR_API) !== 0;
  }
}

/** Builds the context of one record: `text` is the text it is judged by, `fields` what the parser found. */
export function lineContext(text: string, fields: ParsedLine): LineContext {
  return new RecordContext(scanSignals(text), fields);
}

/** Builds a context from signals already scanned (see {@link scanSignals}), e.g. of two lines of a record. */
export function contextFromSignals(signals: number, fields: ParsedLine): LineContext {
  return new RecordContext(signals, fields);
}
