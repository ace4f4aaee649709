#!/usr/bin/env node
/**
 * Writes the labelled accuracy corpus: fixtures/corpus/corpus.log (one log record per line) and
 * fixtures/corpus/labels.ndjson (one label object per line, same order).
 *
 * The corpus is generated from templates with a seeded PRNG, so the output is byte-for-byte
 * reproducible, then the hand-written lines of fixtures/corpus/hand.log (labels in hand.ndjson)
 * are merged in at seeded positions.
 *
 * Label object:
 *   line      1-based line number in corpus.log
 *   format    the format the line is written in (what the parser should detect)
 *   category  error-code | marker | internal-code | unknown-code | ambiguous | decoy-* | noise
 *   expected  public codes a correct extractor reports (after folding internal codes), sorted
 *   unknown   codes that are not in the catalogue but should be reported as unknown
 *   ambiguous (optional) candidate codes of one hit that context cannot settle: any one of them is right
 *   source    "gen:<template id>" or "hand:<line in hand.log>"
 *
 * Usage: node scripts/make-corpus.mjs [--out DIR] [--seed N] [--check]
 *   --out DIR  write there instead of fixtures/corpus (hand.log is still read from fixtures/corpus)
 *   --seed N   another PRNG seed: a fresh corpus of the same make, to check that results hold beyond the committed one
 *   --check    write nothing; exit 1 when the committed files differ from what would be written
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS_DIR = join(ROOT, 'fixtures', 'corpus');
const seedArg = process.argv.indexOf('--seed');
/** The committed corpus uses the default seed; other seeds give fresh corpora of the same make (see --out). */
const SEED = seedArg >= 0 ? Number(process.argv[seedArg + 1]) : 20261122;

// ---------------------------------------------------------------------------------------------
// PRNG and helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const chance = (p) => rand() < p;
function shuffle(arr) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}
const pad = (n, w = 2) => String(n).padStart(w, '0');
const hex = (n, w) => n.toString(16).padStart(w, '0');

// ---------------------------------------------------------------------------------------------
// The catalogue (facts copied from catalogue/pages and the universal codes)

/** module: ws | netconn | link | universal. doc: documented message. rt: runtime variants. */
const CODES = {
  200: { module: 'ws', doc: 'Websocket connect failed.', rt: ['Websocket connect failed'] },
  2302001: { module: 'ws', doc: 'Websocket url error.', rt: ['Websocket url error'] },
  2302002: { module: 'ws', doc: 'Websocket certificate file does not exist.', rt: ['Websocket certificate file does not exist'] },
  2302003: { module: 'ws', doc: 'Websocket connection already exists.', rt: ['Websocket connection already exist'] },
  2302004: { module: 'ws', doc: "Can't listen to the given NIC.", rt: ["Can't listen to the given NIC"] },
  2302005: { module: 'ws', doc: "Can't listen to the given Port.", rt: ["Can't listen to the given Port"] },
  2302998: { module: 'ws', doc: 'It is not allowed to access this domain.', rt: ['It is not allowed to access this domain'] },
  2302999: { module: 'ws', doc: 'Internal error.', rt: ['Websocket Unknown Other Error'] },
  2100001: { module: 'netconn', doc: 'Invalid parameter value.', rt: ['Invalid parameter value'] },
  2100002: { module: 'netconn', doc: 'Failed to connect to the service.', rt: ['Operation failed. Cannot connect to service', 'Failed to connect to the service'] },
  2100003: { module: 'netconn', doc: 'System internal error.', rt: ['System internal error'] },
  2101007: { module: 'netconn', doc: 'The callback does not exist.', rt: ['the callback is not found', 'The callback does not exist'] },
  2101008: { module: 'netconn', doc: 'The callback already exists.', rt: ['the same callback exists', 'The callback already exists'] },
  2101022: { module: 'netconn', doc: 'The number of requests exceeded the maximum allowed.', rt: ['the number of requests exceeded the maximum', 'The number of requests exceeded the maximum allowed'] },
  32390200: { module: 'link', doc: 'Connect timeout.', rt: [] },
  32390201: { module: 'link', doc: 'Peer server is not started.', rt: [] },
  32390202: { module: 'link', doc: 'The number of servers exceeds the limit.', rt: [] },
  32390203: { module: 'link', doc: 'Duplicate server name.', rt: [] },
  32390204: { module: 'link', doc: 'The number of connection exceeds the limit.', rt: [] },
  32390205: { module: 'link', doc: 'Connection is not ready.', rt: [] },
  32390206: { module: 'link', doc: 'Invalid parameter. Possible causes: 1. Mandatory parameters are left unspecified; 2. Incorrect parameter types; 3. Parameter verification failed.', rt: [] },
  32390300: { module: 'link', doc: 'Internal error.', rt: [] },
  201: { module: 'universal', doc: 'Permission verification failed. The application does not have the permission required to call the API.', rt: ['Permission denied'] },
  202: { module: 'universal', doc: 'Permission verification failed. A non-system application calls a system API.', rt: ['Non-system applications use system APIs'] },
  203: { module: 'universal', doc: 'This function is prohibited by enterprise management policies.', rt: [] },
  401: { module: 'universal', doc: 'Parameter error. Possible causes: 1. Mandatory parameters are left unspecified; 2. Incorrect parameter types; 3. Parameter verification failed.', rt: ['Parameter error'] },
  801: { module: 'universal', doc: 'Capability not supported. Failed to call the API due to limited device capabilities.', rt: ['Capability not supported'] },
};
const ALL_CODES = Object.keys(CODES);
const CODE_SET = new Set(ALL_CODES);
const INTERNAL = { 2100003: [2100101, 2100102, 2100103, 2100104, 2100105], 2100002: [2100201, 2100202, 2100203, 2100204, 2100205, 2100206, 2100207, 2100208] };

/** An integer in [lo, hi] that is not a catalogue code (noise must not collide by accident). */
function safeInt(lo, hi) {
  for (;;) {
    const n = int(lo, hi);
    if (!CODE_SET.has(String(n))) return n;
  }
}

// APIs and verbs by module, as apps name them
const API = {
  ws: ['ws.connect', 'webSocket.connect', 'ws.send', 'wsServer.start', 'ws.close', 'localServer.start'],
  netconn: ['netCon.register', 'netCon.unregister', 'connection.getDefaultNet', 'connection.getNetCapabilities', 'connection.setAppNet', 'connection.getAllNets'],
  link: ['linkEnhance.createServer', 'server.start', 'connection.connect', 'connection.sendData', 'linkEnhance.createConnection', 'server.stop'],
};
const VERB = {
  ws: ['connect the WebSocket', 'open socket', 'send message', 'start WebSocket server', 'connect to wss server'],
  netconn: ['register network callback', 'get default net', 'unregister callback', 'query net capabilities', 'bind app net'],
  link: ['create server', 'connect to peer', 'send data', 'start link server', 'open connection'],
};
const NATIVE_API = ['getDefaultNet', 'getNetCapabilities', 'getAllNets', 'getConnectionProperties', 'hasDefaultNet', 'isDefaultNetMetered', 'setAppNet'];
const moduleOf = (code) => (CODES[code].module === 'universal' ? pick(['ws', 'netconn', 'link']) : code === '200' ? 'ws200' : CODES[code].module);
// 200 is also HTTP "OK": only an unmistakable WebSocket API makes it the WebSocket code
API.ws200 = ['ws.connect', 'webSocket.connect', 'ws.send'];
VERB.ws200 = ['connect the WebSocket', 'connect to wss server', 'open the WebSocket connection'];
const messageOf = (code) => {
  const c = CODES[code];
  return chance(0.5) || c.rt.length === 0 ? c.doc : pick(c.rt);
};

// ---------------------------------------------------------------------------------------------
// Line contexts: who printed the line (domain, tag, process)

const APP_PKGS = ['com.example.myapplication', 'com.example.restaurant', 'com.acme.chat', 'com.demo.netprobe', 'com.example.linkdemo'];
function appCtx() {
  const pkg = pick(APP_PKGS);
  return chance(0.6)
    ? { domain: 'A03d00', tag: 'JSAPP', pkg }
    : { domain: pick(['A00000', 'A0FF00', 'A01234']), tag: pick(['testTag', 'WsClient', 'NetProbe', 'LinkDemo']), pkg };
}
function serviceCtx(module) {
  if (module === 'link') return { domain: 'C05700', tag: 'CommSdk', pkg: 'com.example.linkdemo', svcProc: 'softbus_server' };
  if (module === 'netconn') return { domain: 'C015B0', tag: pick(['NetConnManager', 'NetMgrSubSystem']), pkg: pick(APP_PKGS), svcProc: 'netmanager' };
  // older builds: tag NetMgrSubsystem, prefix `NETSTACK [file line]` (see renderIn)
  if (chance(0.2)) return { domain: 'C015B0', tag: 'NetMgrSubsystem', pkg: pick(APP_PKGS), svcProc: 'netstack', oldWs: true };
  return { domain: 'C015B0', tag: 'NETSTACK', pkg: pick(APP_PKGS), svcProc: 'netstack' };
}
/** A pid or tid: mostly 3–5 digits, sometimes longer (pids are not limited to 5 digits). */
const pidNum = () => (chance(0.1) ? safeInt(100000, 4194304) : safeInt(600, 65000));
const FILES = {
  ws: ['websocket_exec.cpp', 'websocket_module.cpp', 'websocket_server_exec.cpp', 'websocket_client.cpp'],
  netconn: ['net_conn_service.cpp', 'net_conn_client.cpp', 'netconnection_exec.cpp', 'net_conn_callback_observer.cpp'],
  link: ['link_enhance_server.cpp', 'link_enhance_connection.cpp', 'softbus_client_stub.cpp'],
};
/** `[file.cpp:line] ` as native services print it; line numbers avoid catalogue codes. */
const srcPrefix = (module) => `[${pick(FILES[module] ?? FILES.ws)}:${safeInt(40, 2400)}] `;

// ---------------------------------------------------------------------------------------------
// Format renderers. Each takes (text, ctx, t) where t is epoch ms and ctx = { domain, tag, pkg, level, ... }

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function parts(t, offsetMin = 0) {
  const d = new Date(t + offsetMin * 60000);
  return {
    Y: d.getUTCFullYear(), M: pad(d.getUTCMonth() + 1), D: pad(d.getUTCDate()), h: pad(d.getUTCHours()),
    m: pad(d.getUTCMinutes()), s: pad(d.getUTCSeconds()), ms: pad(d.getUTCMilliseconds(), 3), mon: MONTHS[d.getUTCMonth()], d: d.getUTCDate(),
  };
}
const isoZ = (t) => new Date(t).toISOString();
function isoOffset(t) {
  const p = parts(t, 480);
  return `${p.Y}-${p.M}-${p.D}T${p.h}:${p.m}:${p.s}.${p.ms}+08:00`;
}
const LEVEL_WORD = { D: 'DEBUG', I: 'INFO', W: 'WARN', E: 'ERROR', F: 'FATAL' };
const PINO_LEVEL = { D: 20, I: 30, W: 40, E: 50, F: 60 };

function hilogTime(t, tv) {
  const p = parts(t);
  switch (tv) {
    case 'year': return `${p.Y}-${p.M}-${p.D} ${p.h}:${p.m}:${p.s}.${p.ms}`;
    case 'zone': { const q = parts(t, 480); return `${q.M}-${q.D} ${q.h}:${q.m}:${q.s}.${q.ms} +0800`; }
    case 'epoch': return `${Math.floor(t / 1000)}.${p.ms}`;
    case 'usec': return `${p.M}-${p.D} ${p.h}:${p.m}:${p.s}.${p.ms}${pad(int(0, 999), 3)}`;
    case 'nsec': return `${p.M}-${p.D} ${p.h}:${p.m}:${p.s}.${p.ms}${pad(int(0, 999999), 6)}`;
    default: return `${p.M}-${p.D} ${p.h}:${p.m}:${p.s}.${p.ms}`;
  }
}
/**
 * hilog variants: base | process | masked | upper | lower | notype | year | zone | epoch | usec | nsec
 * (a variant changes one thing; `process` and `masked` add the process segment).
 */
const HILOG_VARIANTS = ['base', 'process', 'masked', 'upper', 'lower', 'notype', 'year', 'zone', 'epoch', 'usec', 'nsec'];
function renderHilog(text, ctx, t, variant = pick(HILOG_VARIANTS)) {
  const pid = ctx.pid ?? pidNum();
  const tid = ctx.tid ?? (chance(0.5) ? pid : pidNum());
  // the case variants need a domain with a hex letter in it
  let domain = (variant === 'upper' || variant === 'lower') && !/[a-f]/i.test(ctx.domain.slice(1)) ? (ctx.domain[0] === 'A' ? 'A03d00' : 'C015B0') : ctx.domain;
  if (variant === 'upper') domain = domain.toUpperCase();
  else if (variant === 'lower') domain = domain[0] + domain.slice(1).toLowerCase();
  else if (variant === 'notype') domain = domain.slice(2); // e.g. A03d00 -> 3d00, C015B0 -> 15B0
  else domain = chance(0.5) ? domain : domain[0] + domain.slice(1).toLowerCase();
  let proc = '';
  if (variant === 'process') proc = `${ctx.tag === 'JSAPP' || ctx.domain.startsWith('A') ? ctx.pkg : ctx.svcProc ?? ctx.pkg}/`;
  else if (variant === 'masked') proc = '***/';
  const tv = ['year', 'zone', 'epoch', 'usec', 'nsec'].includes(variant) ? variant : 'time';
  return `${hilogTime(t, tv)} ${String(pid).padStart(5)} ${String(tid).padStart(5)} ${ctx.level} ${domain}/${proc}${ctx.tag}: ${text}`;
}
function renderDeveco(text, ctx, t) {
  const p = parts(t);
  const pid = ctx.pid ?? pidNum();
  const tid = ctx.tid ?? (chance(0.5) ? pid : pidNum());
  const pkg = ctx.pkg.length > 20 ? `${ctx.pkg.slice(0, 9)}...${ctx.pkg.slice(-8)}` : ctx.pkg;
  const dom = ctx.domain[0] + ctx.domain.slice(1).toLowerCase();
  return `${p.M}-${p.D} ${p.h}:${p.m}:${p.s}.${p.ms}   ${`${pid}-${tid}`.padEnd(13)} ${`${dom}/${ctx.tag}`.padEnd(32)}${pkg.padEnd(22)}${ctx.level}     ${text}`;
}
const HOSTS = ['devbox', 'build-07', 'ci-runner-3', 'mbp-lin', 'gw-edge-12'];
const DAEMONS = ['harmony-bridge', 'hdc-relay', 'devicefarm-agent', 'ohos-proxy', 'node'];
function renderSyslog(text, ctx, t, variant = pick(['3164', '5424'])) {
  const p = parts(t);
  const pid = ctx.pid ?? safeInt(600, 65000);
  const host = ctx.host ?? pick(HOSTS);
  const app = ctx.daemon ?? pick(DAEMONS);
  if (variant === '5424') {
    const pri = { E: 11, W: 12, I: 14, D: 15, F: 10 }[ctx.level];
    return `<${pri}>1 ${isoZ(t)} ${host} ${app} ${pid} - - ${text}`;
  }
  return `${p.mon} ${String(p.d).padStart(2)} ${p.h}:${p.m}:${p.s} ${host} ${app}[${pid}]: ${text}`;
}
function renderIso(text, ctx, t, variant = pick(['a', 'b', 'c'])) {
  const lw = LEVEL_WORD[ctx.level];
  if (variant === 'a') return `${isoZ(t)} ${lw} ${text}`;
  if (variant === 'b') return `${isoOffset(t)} ${ctx.level} ${ctx.tag}: ${text}`;
  const p = parts(t);
  return `${p.Y}-${p.M}-${p.D} ${p.h}:${p.m}:${p.s},${p.ms} ${lw.padEnd(5)} [${ctx.logger ? 'main' : pick(['main', 'worker-1', 'ws-io', 'pool-2-thread-1'])}] ${ctx.logger ?? pick(['c.e.bridge.WsClient', 'ohos.NetProbe', 'LinkSession', 'app'])} - ${text}`;
}
function renderBracketed(text, ctx, t, variant = pick(['a', 'b', 'c'])) {
  const p = parts(t);
  if (variant === 'a') return `[${p.Y}-${p.M}-${p.D} ${p.h}:${p.m}:${p.s}.${p.ms}] [${LEVEL_WORD[ctx.level].toLowerCase()}] ${text}`;
  if (variant === 'b') return `[${p.h}:${p.m}:${p.s}.${p.ms}] [${ctx.level}] [${ctx.tag}] ${text}`;
  return `[${isoZ(t)}] ${LEVEL_WORD[ctx.level]} ${ctx.tag}: ${text}`;
}
function renderPlain(text) {
  return text;
}
/** JSON lines carrying the text in a message field (a log shipper or a structured logger). */
function renderJsonMsg(text, ctx, t, variant = pick(['pino', 'bunyan', 'ecs', 'shipper'])) {
  const pid = ctx.pid ?? safeInt(600, 65000);
  if (variant === 'pino') return JSON.stringify({ level: PINO_LEVEL[ctx.level], time: t, pid, hostname: pick(HOSTS), msg: text });
  if (variant === 'bunyan') return JSON.stringify({ name: pick(DAEMONS), hostname: pick(HOSTS), pid, level: PINO_LEVEL[ctx.level], msg: text, time: isoZ(t), v: 0 });
  if (variant === 'ecs') return JSON.stringify({ '@timestamp': isoZ(t), 'log.level': LEVEL_WORD[ctx.level].toLowerCase(), message: text, 'service.name': pick(DAEMONS), 'ecs.version': '8.11.0' });
  return JSON.stringify({ ts: isoZ(t), domain: ctx.domain, tag: ctx.tag, pid, level: ctx.level, msg: text });
}
/** JSON lines with the code in a structured error field. */
function renderJsonErr(code, message, ctx, t, variant, stringCode) {
  const pid = ctx.pid ?? safeInt(600, 65000);
  const c = stringCode ? String(code) : Number(code);
  const api = pick(API[moduleOf(code)]);
  const stack = `Error: ${message}\n    at ${api.split('.')[1]} (entry/src/main/ets/pages/Index.ets:${safeInt(10, 300)}:${safeInt(3, 40)})`;
  if (variant === 'pino') return JSON.stringify({ level: 50, time: t, pid, hostname: pick(HOSTS), err: { type: 'BusinessError', message, stack, code: c }, msg: `${api} failed` });
  if (variant === 'bunyan') return JSON.stringify({ name: pick(DAEMONS), hostname: pick(HOSTS), pid, level: 50, err: { message, name: 'BusinessError', stack, code: c }, msg: `${api} rejected`, time: isoZ(t), v: 0 });
  if (variant === 'ecs') return JSON.stringify({ '@timestamp': isoZ(t), 'log.level': 'error', message: `${api} failed`, error: { code: String(code), message, type: 'BusinessError' }, 'service.name': pick(DAEMONS), 'ecs.version': '8.11.0' });
  if (variant === 'ecs-nested') return JSON.stringify({ '@timestamp': isoZ(t), log: { level: 'error', logger: 'ohos' }, message: `${api} failed: ${message}`, error: { code: String(code), type: 'BusinessError' }, ecs: { version: '8.11.0' } });
  // JSON.stringify(err) printed on its own line
  return JSON.stringify(chance(0.5) ? { code: c, message } : { code: c, name: 'BusinessError', message });
}

// ---------------------------------------------------------------------------------------------
// How apps and services print an error with a code (see FACTS "How apps print these errors")

const APP_TEMPLATES = [
  ['err-code-is', (c, m) => `Err.code is: ${c}, Err.message is: ${m}`],
  ['failed-to', (c, m, mod) => `Failed to ${pick(VERB[mod])}. Code: ${c}, message: ${m}`],
  ['code-is', (c, m, mod) => `${pick(API[mod])} failed, code is ${c}, message is ${m}`],
  ['business-error', (c, m) => `BusinessError ${c}: ${m}`],
  ['stringify', (c, m, mod) => `${pick(['Connection failed.', 'Register failed.', `${pick(API[mod])} failed.`])} Err:${JSON.stringify({ code: mod === 'link' && chance(0.5) ? String(c) : Number(c), message: m })}`],
  ['bracket-code', (c, m, mod) => `${pick(API[mod])} error [${c}] ${m}`],
  ['paren-code', (c, _m, mod) => `${pick(API[mod])} rejected (code ${c})`],
  // short codes after an arrow are as likely HTTP statuses (`POST /login -> 401`): long codes only
  ['arrow', (c, _m, mod) => `${pick(API[mod])} ${pick(['peer-5F', 'dev:3A..C1', 'server "chat"', 'wss://echo.example.com'])} -> ${c}`],
  ['catch-err', (c, m) => `catch err: code=${c}, msg=${m}`],
  ['error-code-colon', (c, _m, mod) => `${pick(API[mod])} callback error, error code: ${c}`],
];
/** Native service prints; each returns [templateId, text] or null when it does not fit the code. */
function serviceTemplate(code) {
  const mod = CODES[code].module;
  const options = [];
  if (mod === 'netconn') {
    options.push(['register-result', () => `${srcPrefix('netconn')}${pick(['Register', 'Unregister'])} result ${code}`]);
    options.push(['exec-failed', () => `${srcPrefix('netconn')}exec ${pick(NATIVE_API)} failed errorCode: ${code}`]);
  }
  if (code === '200') {
    options.push(['onerror-200', () => `${srcPrefix('ws')}OnError 200`]);
    options.push(['ws-error-event', () => `${srcPrefix('ws')}${pick(['on error:', 'emit error', 'error event'])} {"code":200,"data":"${pick(['0', '0', '403', '502', '101'])}"}`]);
    options.push(['ws-connect-failed-code', () => `${srcPrefix('ws')}Websocket connect failed (code 200)`]);
  }
  if (options.length === 0) return null;
  const [id, f] = pick(options);
  return [id, f()];
}

// ---------------------------------------------------------------------------------------------
// Items: a template that renders to a line once its time is known, with its labels

const items = [];
function add(category, format, tpl, expected, render, extra = {}) {
  items.push({ category, format, tpl, expected: [...new Set(expected.map(String))].sort(), render, extra });
}
const lvlErr = () => pick(['E', 'E', 'E', 'W', 'I']);

/** Renders `text` (already containing the code or marker) in one of the formats. */
function renderIn(format, text0, ctx, t, variant) {
  const text = ctx.oldWs ? text0.replace(/^\[(\w+\.cpp):(\d+)\] /, 'NETSTACK [$1 $2] ') : text0;
  switch (format) {
    case 'hilog': return renderHilog(text, ctx, t, variant);
    case 'deveco': return renderDeveco(text, ctx, t);
    case 'syslog': return renderSyslog(text, ctx, t, variant);
    case 'iso': return renderIso(text, ctx, t, variant);
    case 'bracketed': return renderBracketed(text, ctx, t, variant);
    case 'json': return renderJsonMsg(text, ctx, t, variant);
    default: return renderPlain(text);
  }
}

/** An error line for `code` in `format` (variant optional); the text comes from an app or a service template. */
function addCodeLine(code, format, variant, forceApp = false, templateIndex = undefined) {
  const svc = !forceApp && chance(0.3) ? serviceTemplate(code) : null;
  const mod = moduleOf(code);
  if (svc) {
    const [id, text] = svc;
    const ctx = { ...serviceCtx(CODES[code].module), level: lvlErr() };
    add('error-code', format, `svc.${id}`, [code], (t) => renderIn(format, text, ctx, t, variant), { variant });
    return;
  }
  const fits = APP_TEMPLATES.filter(([tid]) => tid !== 'arrow' || code.length >= 6);
  const [id, tpl] = templateIndex === undefined ? pick(fits) : fits[templateIndex % fits.length];
  const text = tpl(code, messageOf(code), mod);
  const ctx = { ...appCtx(), level: lvlErr() };
  add('error-code', format, `app.${id}`, [code], (t) => renderIn(format, text, ctx, t, variant), { variant });
}
function addJsonErrLine(code, variant, stringCode = false) {
  const ctx = { ...appCtx(), level: 'E' };
  const message = messageOf(code);
  add('error-code', 'json', `json.${variant}${stringCode ? '.string-code' : ''}`, [code], (t) => renderJsonErr(code, message, ctx, t, variant, stringCode), { variant });
}

// 1. Coverage: every code in every format and variant.
const FORMAT_VARIANTS = [
  ...HILOG_VARIANTS.map((v) => ['hilog', v]),
  ['deveco', undefined], ['deveco', undefined],
  ['syslog', '3164'], ['syslog', '5424'],
  ['iso', 'a'], ['iso', 'b'], ['iso', 'c'],
  ['bracketed', 'a'], ['bracketed', 'b'], ['bracketed', 'c'],
  ['plain', undefined], ['plain', undefined],
  ['json', 'shipper'], ['json', 'pino'],
];
ALL_CODES.forEach((code, ci) => {
  // app templates round-robin, so every template meets every code
  FORMAT_VARIANTS.forEach(([format, variant], fi) => addCodeLine(code, format, variant, format === 'plain' && chance(0.5), ci + fi));
  for (const v of ['pino', 'bunyan', 'ecs', 'ecs-nested', 'stringify']) addJsonErrLine(code, v);
  if (CODES[code].module === 'link') {
    addJsonErrLine(code, 'stringify', true);
    addJsonErrLine(code, pick(['pino', 'bunyan']), true);
  }
  // native service prints (Register result, exec … failed errorCode, OnError 200, the error event), as services log them
  if (CODES[code].module === 'netconn' || code === '200') {
    for (let i = 0; i < 4; i++) {
      const [id, text] = serviceTemplate(code);
      const ctx = { ...serviceCtx(CODES[code].module), level: lvlErr() };
      const format = pick(['hilog', 'hilog', 'deveco', 'json']);
      add('error-code', format, `svc.${id}`, [code], (t) => renderIn(format, text, ctx, t), {});
    }
  }
});
// 2. More error lines at random, weighted to the everyday formats.
const EVERYDAY = ['hilog', 'hilog', 'hilog', 'hilog', 'deveco', 'json', 'json', 'plain', 'syslog', 'iso', 'bracketed'];
for (let i = 0; i < 60; i++) addCodeLine(pick(ALL_CODES), pick(EVERYDAY));

// 3. Internal codes folded into public ones.
for (const [pub, internals] of Object.entries(INTERNAL)) {
  for (const ic of internals) {
    for (let i = 0; i < 4; i++) {
      const ctx = { ...serviceCtx('netconn'), level: lvlErr() };
      const tpl = pick([
        ['exec-failed', () => `${srcPrefix('netconn')}exec ${pick(NATIVE_API)} failed errorCode: ${ic}`],
        ['register-result', () => `${srcPrefix('netconn')}${pick(['Register', 'Unregister'])} result ${ic}`],
        ['ret', () => `${srcPrefix('netconn')}${pick(['GetDefaultNet', 'RegisterNetConnCallback', 'GetSpecificNet', 'GetAllNets'])} failed, ret = ${ic}`],
        ['proxy', () => `${srcPrefix('netconn')}NetConnServiceProxy SendRequest failed, error code: ${ic}`],
      ]);
      const text = tpl[1]();
      const format = pick(['hilog', 'hilog', 'hilog', 'deveco', 'json', 'plain']);
      add('internal-code', format, `internal.${tpl[0]}`, [pub], (t) => renderIn(format, text, ctx, t), {});
    }
  }
}

// 4. Unknown codes: not in the catalogue, reported as unknown.
const UNKNOWN = [
  ['2302006', 'ws', 'websocket connection does not exist'],
  ['2302007', 'ws', 'Websocket port already occupied'],
  ['32390301', 'link', 'The server is dead.'],
  ['-1', 'ws', 'send failed'],
];
for (const [code, mod, msg] of UNKNOWN) {
  for (let i = 0; i < 14; i++) {
    const [id, tpl] = pick(APP_TEMPLATES.filter(([tid]) => code !== '-1' || tid === 'err-code-is' || tid === 'failed-to' || tid === 'code-is' || tid === 'stringify'));
    const text = tpl(code, msg, mod);
    const ctx = { ...appCtx(), level: 'E' };
    const format = pick(EVERYDAY);
    add('unknown-code', format, `unknown.${id}`, [], (t) => renderIn(format, text, ctx, t), { unknown: [code] });
  }
}

// 5. Markers: messages and service log lines that identify a code without printing it.
const MARKERS = [
  // [code, text, kind]: svc / svc-old = a service log line; app = an app print; ws / link = needs that module's context; uni = universal short form
  ['2101022', 'Over the max request number', 'svc-old'],
  ['2101022', 'return falied for UID [%UID%] has registered over [2000] callback', 'svc'],
  ['2101022', 'the number of requests exceeded the maximum', 'app'],
  ['2101022', 'The number of requests exceeded the maximum allowed', 'app'],
  ['2101008', 'RegisterNetConnCallback find same callback', 'svc'],
  ['2101008', 'the same callback exists', 'app'],
  ['2101008', 'The callback already exists', 'app'],
  ['2101007', 'the callback is not found', 'app'],
  ['2101007', 'The callback does not exist', 'app'],
  ['2100002', 'Operation failed. Cannot connect to service', 'app'],
  ['2100002', 'Failed to connect to the service', 'app'],
  ['2100001', 'Invalid parameter value.', 'app'],
  ['2100003', 'System internal error.', 'app'],
  ['2302001', 'ParseUrl failed', 'svc'],
  ['2302001', 'Websocket url error', 'app'],
  ['2302002', 'Websocket certificate file does not exist', 'app'],
  ['2302003', 'Websocket connect already exist', 'svc'],
  ['2302003', 'Websocket connection already exist', 'app'],
  ['2302004', "Can't listen to the given NIC", 'app'],
  ['2302005', "Can't listen to the given Port", 'app'],
  ['2302998', 'It is not allowed to access this domain', 'app'],
  ['2302999', 'Websocket Unknown Other Error', 'app'],
  ['2302999', 'Internal error.', 'ws'],
  ['200', 'Lws client connection error', 'svc'],
  ['200', 'Websocket connect failed.', 'app'],
  ['32390200', 'Connect timeout.', 'link'],
  ['32390201', 'Peer server is not started.', 'link'],
  ['32390202', 'The number of servers exceeds the limit.', 'link'],
  ['32390203', 'Duplicate server name.', 'link'],
  ['32390204', 'The number of connection exceeds the limit.', 'link'],
  ['32390205', 'Connection is not ready.', 'link'],
  ['32390206', CODES[32390206].doc, 'link'],
  ['32390300', 'Internal error.', 'link'],
  ['201', 'Permission denied', 'uni'],
  ['201', CODES[201].doc, 'uni'],
  ['202', 'Non-system applications use system APIs', 'uni'],
  ['202', CODES[202].doc, 'uni'],
  ['203', CODES[203].doc, 'uni'],
  ['401', 'Parameter error', 'uni'],
  ['401', CODES[401].doc, 'uni'],
  ['801', 'Capability not supported', 'uni'],
  ['801', CODES[801].doc, 'uni'],
];
const MARKER_FORMATS = ['hilog', 'hilog', 'hilog', 'deveco', 'json', 'plain', 'syslog', 'iso', 'bracketed'];
const OHOS_MODULE = { ws: '@ohos.net.webSocket', netconn: '@ohos.net.connection', link: '@ohos.distributedsched.linkEnhance' };
/** Short, everyday-English phrases: outside hilog they need an unmistakable OpenHarmony context around them. */
const isWeak = (body) => body.length < 32 && !/Websocket|ParseUrl|NIC|Port|max request|falied/.test(body);
/** A prefix that says "OpenHarmony API error" in any format. */
const ohosPrefix = (mod) => pick(['BusinessError: ', 'Err.message is: ', `${OHOS_MODULE[mod]} ${pick(API[mod])} error: `]);
/** The text of a marker line and who printed it; `format` decides how much context a weak phrase needs. */
function markerText(code, text, kind, format) {
  const mod = CODES[code].module === 'universal' ? pick(['ws', 'netconn', 'link']) : CODES[code].module;
  const body = text.replace('%UID%', String(safeInt(10000, 20099)));
  const inHilog = format === 'hilog' || format === 'deveco';
  const weak = isWeak(body);
  switch (kind) {
    case 'svc-old': return [`[${pick(['RegisterNetConnCallback', 'RegisterNetConnCallbackAsync', 'RequestNetConnection'])}-(net_conn_service.cpp:${safeInt(300, 900)})]${chance(0.5) ? ' ' : ''}${body}`, serviceCtx('netconn')];
    case 'svc': return [`${srcPrefix(mod)}${body}`, serviceCtx(mod)];
    // "Internal error." is settled by WebSocket or Link Enhancement context only
    case 'ws': return chance(0.5) ? [`${srcPrefix('ws')}${body}`, serviceCtx('ws')] : [`${pick(['ws.send', 'ws.connect', 'ws.close', 'webSocket.connect'])} failed: ${body}`, appCtx()];
    case 'link': {
      if (body === 'Internal error.') return chance(0.5) ? [`[${pick(['link_enhance_server.cpp', 'link_enhance_connection.cpp'])}:${safeInt(40, 2400)}] ${body}`, serviceCtx('link')] : [`${pick(['linkEnhance.createServer', 'linkEnhance.createConnection'])} failed: ${body}`, appCtx()];
      if (inHilog) return [pick([`${pick(API.link)} failed: ${body}`, `${srcPrefix('link')}${body}`, `linkEnhance error: ${body}`, `BusinessError: ${body}`]), pick([serviceCtx('link'), appCtx()])];
      return [pick([`linkEnhance error: ${body}`, `${pick(['linkEnhance.createServer', 'linkEnhance.createConnection'])} failed: ${body}`, `${ohosPrefix('link')}${body}`]), appCtx()];
    }
    case 'uni':
      if (inHilog) return [pick([`${pick(API[mod])} failed: ${body}`, `BusinessError: ${body}`, `Err.message is: ${body}`, `${OHOS_MODULE[mod]} ${pick(API[mod])} error: ${body}`]), appCtx()];
      return [weak ? `${ohosPrefix(mod)}${body}` : pick([`${ohosPrefix(mod)}${body}`, `${pick(API[mod])} failed: ${body}`, body]), appCtx()];
    default:
      if (inHilog || !weak) return [pick([`${pick(API[mod])} failed: ${body}`, `BusinessError: ${body}`, `Error: ${body}`, `Err.message is: ${body}`, body]), chance(0.5) ? appCtx() : serviceCtx(mod)];
      return [`${ohosPrefix(mod)}${body}`, appCtx()];
  }
}
for (const [code, text, kind] of MARKERS) {
  for (let i = 0; i < 5; i++) {
    const format = pick(MARKER_FORMATS);
    const [line, ctx0] = markerText(code, text, kind, format);
    const ctx = { ...ctx0, level: lvlErr() };
    add('marker', format, `marker.${kind}`, [code], (t) => renderIn(format, line, ctx, t), {});
  }
}
// "Internal error." in an OpenHarmony app line with no module context: either of the two entries is acceptable.
for (let i = 0; i < 20; i++) {
  const format = pick(['hilog', 'hilog', 'deveco', 'plain', 'json']);
  const inHilog = format === 'hilog' || format === 'deveco';
  const line = pick(inHilog ? ['BusinessError: Internal error.', 'Err.message is: Internal error.', 'request failed: Internal error.', 'error: Internal error.'] : ['BusinessError: Internal error.', 'Err.message is: Internal error.']);
  const ctx = { domain: 'A03d00', tag: 'JSAPP', pkg: pick(APP_PKGS), level: 'E' };
  add('ambiguous', format, 'ambiguous.internal-error', [], (t) => renderIn(format, line, ctx, t), { ambiguous: ['2302999', '32390300'] });
}

// ---------------------------------------------------------------------------------------------
// 6. Decoys: numbers equal to (or containing) catalogue codes that are not error codes.

const SEVEN = ALL_CODES.filter((c) => c.length >= 7);
const THREE = ALL_CODES.filter((c) => c.length === 3);
const anyCode = () => pick(chance(0.35) ? THREE : SEVEN);
const infoCtx = () => ({ ...(chance(0.5) ? appCtx() : serviceCtx(pick(['ws', 'netconn', 'link']))), level: pick(['I', 'I', 'D', 'W']) });
const ALL_FORMATS = ['hilog', 'hilog', 'hilog', 'deveco', 'json', 'plain', 'syslog', 'iso', 'bracketed'];

const DECOY_SCALE = 0.6;
function addDecoy(category, id, textFn, n, formats = ALL_FORMATS, ctxFn = infoCtx) {
  for (let i = 0; i < Math.round(n * DECOY_SCALE); i++) {
    const text = textFn();
    const ctx = ctxFn();
    const format = pick(formats);
    add(category, format, `decoy.${id}`, [], (t) => renderIn(format, text, ctx, t), {});
  }
}
const httpStatus = () => pick(['200', '200', '201', '202', '401', '401', '203']);
const REASON = { 200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 401: 'Unauthorized' };
addDecoy('decoy-http', 'status-line', () => { const s = httpStatus(); return `${pick(['HTTP/1.1', 'HTTP/2', 'HTTP/1.0'])} ${s} ${REASON[s]}`; }, 30);
addDecoy('decoy-http', 'ok', () => pick([`GET /api/v2/menu ${pick(['200 OK', '201 Created', '202 Accepted'])} ${safeInt(3, 900)}ms`, `upload done: 200 OK`, `POST /login -> 401 Unauthorized`, `response 200 OK (${safeInt(100, 9000)} bytes)`]), 30);
addDecoy('decoy-http', 'respcode', () => `${srcPrefix('ws')}RespCode:${httpStatus()}`, 20, ['hilog', 'deveco'], () => ({ ...serviceCtx('ws'), level: 'I' }));
addDecoy('decoy-http', 'status', () => pick([`status ${httpStatus()}`, `statusCode: ${httpStatus()}`, `http status=${httpStatus()}`, `responseCode ${httpStatus()}`, `server replied with status ${httpStatus()}`, `request.responseCode = ${httpStatus()}`]), 40);
addDecoy('decoy-http', 'summary', () => `${srcPrefix('ws').replace(/\[[^:]+/, '[http_exec.cpp')}taskid=${safeInt(1, 900)}, size:${safeInt(100, 99999)}, dns:${(rand() * 20).toFixed(3)}, connect:${(rand() * 90).toFixed(3)}, tls:${(rand() * 90).toFixed(3)}, firstSend:${(rand() * 5).toFixed(3)}, firstRecv:${(rand() * 200).toFixed(3)}, total:${(rand() * 400).toFixed(3)}, redirect:0, errCode:${pick(['0', '0', '0', '28', '7', '6'])}, RespCode:${pick(['200', '200', '401', '0', '201'])}, httpVer:${pick(['2', '3'])}, method:${pick(['GET', 'POST'])}, osErr:0`, 40, ['hilog', 'hilog', 'deveco', 'json'], () => ({ ...serviceCtx('ws'), level: 'I' }));
addDecoy('decoy-http', 'json', () => pick([`{"statusCode":${httpStatus()},"headers":{"content-type":"application/json"}}`, `res: {"statusCode":${httpStatus()},"responseTime":${safeInt(2, 800)}}`]), 15, ['plain', 'hilog', 'bracketed']);
for (let i = 0; i < 20; i++) {
  const s = httpStatus();
  const v = pick(['pino', 'ecs', 'ecs2']);
  add('decoy-http', 'json', `decoy.http-json-${v}`, [], (t) => v === 'pino'
    ? JSON.stringify({ level: 30, time: t, pid: safeInt(600, 65000), hostname: pick(HOSTS), req: { id: safeInt(1, 9999), method: 'GET', url: '/api/menu' }, res: { statusCode: Number(s) }, responseTime: safeInt(2, 900), msg: 'request completed' })
    : v === 'ecs' ? JSON.stringify({ '@timestamp': isoZ(t), 'log.level': 'info', message: 'GET /api/menu', http: { request: { method: 'GET' }, response: { status_code: Number(s) } }, 'ecs.version': '8.11.0' })
      : JSON.stringify({ ts: isoZ(t), level: 'info', msg: 'upstream response', status: Number(s), code: 0 }));
}

addDecoy('decoy-pid', 'kv', () => pick([`uid=${pick(THREE)} started service`, `pid: ${anyCode()} exited normally`, `tid ${anyCode()} joined`, `process ${pick(['com.example.restaurant', 'netmanager'])} (pid ${anyCode()}) attached`, `callingUid=${pick(THREE)}, callingPid=${safeInt(600, 60000)}`, `uid:${pick(THREE)} bundle:com.example.myapplication granted`]), 60);
for (let i = 0; i < 25; i++) {
  const ctx = { ...infoCtx(), pid: Number(anyCode()), tid: chance(0.5) ? Number(anyCode()) : undefined };
  const text = pick(['wakeup lock released', 'onForeground', 'ScreenOn brightness=128', 'Dispatch vsync', `GC finished in ${safeInt(2, 90)} ms`, 'NetworkAvailable callback']);
  const format = pick(['hilog', 'hilog', 'hilog', 'deveco']);
  add('decoy-pid', format, 'decoy.pid-column', [], (t) => renderIn(format, text, ctx, t), {});
}
for (let i = 0; i < 12; i++) {
  const pid = Number(anyCode());
  add('decoy-pid', 'json', 'decoy.pid-json', [], (t) => JSON.stringify({ level: 30, time: t, pid, hostname: pick(HOSTS), msg: pick(['server listening', 'worker ready', 'connected']) }));
}
addDecoy('decoy-size', 'size', () => pick([`size=${anyCode()}`, `len ${anyCode()}`, `read ${anyCode()} bytes`, `count: ${anyCode()}`, `offset ${anyCode()}`, `recv ${pick(THREE)} bytes from peer`, `buffer length: ${anyCode()}`, `total ${anyCode()} records`, `heap used ${anyCode()} KB`, `frames dropped: ${pick(THREE)}`, `queued=${pick(THREE)} pending=${safeInt(0, 90)}`, `sendData len=${anyCode()}`]), 90);
addDecoy('decoy-port', 'port', () => pick([`port ${pick(['2302', '2100', '3239', ...THREE])}`, `listening on 0.0.0.0:${pick(THREE)}`, `wsServer.start({serverIP: "0.0.0.0", serverPort: ${pick(['2302', ...THREE])}})`, `connect 192.168.3.${safeInt(2, 250)}:${pick(THREE)} ok`, `port=${pick(THREE)}`, `bind :${pick(['8080', ...THREE])} succeeded`]), 50);
addDecoy('decoy-id', 'id', () => pick([`id: ${anyCode()}`, `requestId=${anyCode()}`, `netId ${anyCode()} available`, `callbackId=${anyCode()} registered`, `sessionId:${anyCode()}`, `taskId ${anyCode()} done`, `orderId=${anyCode()}`, `deviceId: ${anyCode()}`, `serverId=${anyCode()}`, `connection ${anyCode()} opened`, `user #${anyCode()} logged in`]), 80);
addDecoy('decoy-version', 'version', () => pick([`version ${anyCode()}`, `build ${anyCode()}`, `versionCode: ${anyCode()}`, `OpenHarmony-5.0.2.${pick(THREE)}`, `HarmonyOS NEXT 5.0.0.${pick(THREE)} (SP${safeInt(1, 9)})`, `apiVersion ${pick(['12', '14', '20'])} build ${anyCode()}`, `sdk 5.0.${pick(THREE)}`, `app version 1.${pick(THREE)}.0 (${anyCode()})`]), 50);
addDecoy('decoy-url', 'url', () => pick([`GET /api/v1/${anyCode()}/items`, `fetch https://example.com/orders/${anyCode()}?page=2`, `wss://echo.example.com:8443/ws/${anyCode()}`, `redirect to /user/${anyCode()}/profile`, `url: https://cdn.example.com/img/${anyCode()}.png`, `ws.connect("wss://chat.example.com/room/${anyCode()}")`, `loading resource://rawfile/${anyCode()}.json`]), 60);
const containing = () => { const c = pick(SEVEN); return pick([`${safeInt(1, 99)}${c}${safeInt(0, 9)}`, `${safeInt(100, 999)}${c}`, `${c}${safeInt(10, 99)}`]); };
addDecoy('decoy-longnum', 'longnum', () => pick([`serial ${containing()}`, `imei ${containing()}`, `nonce=${containing()}`, `msisdn ${containing()}`, `trace ${containing()}`, `checksum ${containing()}`, `ticket #${containing()}`]), 50);
addDecoy('decoy-hex', 'hex', () => pick([`addr 0x${pick(SEVEN)}`, `handle=0x${pick(SEVEN)}`, `token deadbeef${pick(SEVEN)}`, `hash: ${pick(SEVEN)}af${hex(safeInt(0, 0xffff), 4)}`, `obj@${hex(safeInt(0, 0xfff), 3)}${pick(SEVEN)}`, `sha1 ${hex(int(0, 0xffffff), 6)}${pick(SEVEN)}${hex(int(0, 0xffffff), 6)}`, `mask 0x${pick(THREE)}`, `flags=0X${pick(SEVEN)}`]), 60);
addDecoy('decoy-decimal', 'decimal', () => pick([`lat=${(rand() * 60).toFixed(2)}${pick(SEVEN)}`, `value -0.75137600${pick(SEVEN)}`, `score ${pick(SEVEN)}.${safeInt(1, 99)}`, `elapsed ${pick(THREE)}.${safeInt(100, 999)} ms`, `ratio 0.${pick(SEVEN)}`, `balance ${pick(THREE)}.00 CNY`, `temperature ${pick(THREE)}.5`]), 60);
const tsWith = () => { const c = pick(SEVEN); return c.length === 8 ? `17${c}${safeInt(100, 999)}` : `173${c}${safeInt(100, 999)}`; };
addDecoy('decoy-timestamp', 'ts', () => pick([`ts=${tsWith()}`, `timestamp: ${tsWith()}`, `lastSeen ${tsWith()}`, `expires_at=${tsWith().slice(0, 10)}`, `Date.now()=${tsWith()}`, `at ${tsWith()} ms since epoch`]), 60);
// hilog -v epoch whose seconds contain a code
for (let i = 0; i < 12; i++) {
  const secs = pick(['1732390200', '1732390201', '1732390205', '1723020011', '1721010220', '1732302001']);
  const ctx = infoCtx();
  const text = pick(['onForeground', 'Dispatch vsync', 'NetworkAvailable callback', 'wakeup lock released']);
  add('decoy-timestamp', 'hilog', 'decoy.hilog-epoch', [], () => renderHilog(text, ctx, Number(secs) * 1000 + int(0, 999), 'epoch'), {});
}
addDecoy('decoy-lineno', 'lineno', () => `[${pick([...FILES.ws, ...FILES.netconn, 'http_exec.cpp', 'napi_utils.cpp'])}:${pick(THREE)}] ${pick(['OnOpen', 'OnClose 1000 normal closure', 'newId = 3, id = 4', 'RegisterNetConnCallback enter', 'HttpExec::Init success', 'OnMessage len 12'])}`, 40, ['hilog', 'hilog', 'deveco'], () => ({ ...serviceCtx(pick(['ws', 'netconn'])), level: 'I' }));
// hilog domain without a type letter that looks like a code (0201/MY_TAG)
for (let i = 0; i < 15; i++) {
  const ctx = { domain: pick(['A00201', 'A00401', 'A00801', 'A00200', 'A00203']), tag: pick(['MY_TAG', 'testTag', 'Sample']), pkg: pick(APP_PKGS), level: 'I' };
  const text = pick(['Hello World', 'onCreate', 'button clicked', `counter=${safeInt(1, 99)}`]);
  add('decoy-hex', 'hilog', 'decoy.domain-notype', [], (t) => renderHilog(text, ctx, t, 'notype'), {});
}
// errno 13 on a file: an app or a file service may print it, so these go in every format (hilog as the file API)
const fileApiCtx = () => ({ ...(chance(0.5) ? appCtx() : { domain: 'C01650', tag: 'file_api', pkg: pick(APP_PKGS), svcProc: 'com.example.restaurant' }), level: pick(['E', 'W']) });
addDecoy('decoy-posix', 'posix-file', () => pick([
  `open /data/storage/el2/base/files/${pick(['cfg.json', 'cache.db', 'a.txt'])} failed, errno 13: Permission denied`,
  `fopen("/proc/${safeInt(600, 60000)}/status") failed: errno=13 (Permission denied)`,
  `EACCES: permission denied, open '/data/app/el2/100/base/com.example.restaurant/files/x.log'`,
  `mkdir /data/local/tmp/out: Permission denied (errno 13)`,
]), 30, ALL_FORMATS, fileApiCtx);
// shells and tools on the host
addDecoy('decoy-posix', 'posix-host', () => pick([
  `bash: /system/bin/netprobe: Permission denied`,
  `ssh: dev@192.168.3.${safeInt(2, 250)}: Permission denied (publickey).`,
  `hdc file send failed: [Fail]Error opening file: Permission denied, path:/data/local/tmp/a.hap`,
  `rsync: opendir "/root/.cache" failed: Permission denied (13)`,
]), 25, ['syslog', 'iso', 'bracketed', 'plain'], () => ({ domain: 'C00000', tag: 'sh', pkg: 'x', level: 'E', daemon: pick(['sshd', 'bash', 'rsync', 'hdc']), logger: 'tools' }));
addDecoy('decoy-prose', 'prose', () => pick([
  'sqlite3_step: internal error, retrying',
  'upstream responded: Internal error, see server logs',
  'ext4_find_entry: internal error at block 1042',
  'Parameter error in section [proxy], using defaults',
  'ffmpeg: Parameter error: option crf out of range',
  'gradle daemon: Internal error occurred, restarting daemon',
  'README: explain Parameter error handling in the tutorial',
  'Capability not supported by printer driver, falling back to raster',
]), 40, ['syslog', 'iso', 'bracketed', 'plain'], () => { const d = pick(['sqlite', 'nginx', 'kernel', 'cupsd', 'gradle', 'ffmpeg']); return { domain: 'C00000', tag: d, pkg: 'x', level: 'W', daemon: d, logger: d }; });
addDecoy('decoy-http', 'success-body', () => pick([`response body: {"code":200,"msg":"success","data":{"list":[]}}`, `resp={"code":200,"message":"ok","data":{"token":"x"}}`, `{"code":0,"message":"success"}`]), 15, ['hilog', 'plain', 'bracketed']);

// 7. Noise: the majority of real logs.
const NOISE = [
  () => `${srcPrefix('ws').replace(/\[[^:]+/, '[http_exec.cpp')}HttpExec::Init success`,
  () => `[napi_utils.cpp:${safeInt(100, 900)}] newId = ${safeInt(1, 90)}, id = ${safeInt(1, 90)}`,
  () => `[websocket_exec.cpp:${safeInt(100, 1900)}] OnClose ${pick(['1000', '1001', '1006', '1011'])} ${pick(['The link is down', 'normal closure', 'going away'])}`,
  () => `[websocket_exec.cpp:${safeInt(100, 1900)}] OnOpen status ${pick(['101', '0'])}`,
  () => `[net_conn_service.cpp:${safeInt(100, 1900)}] NetDetection netId=${safeInt(100, 199)} state=${pick(['VALIDATED', 'CONNECTED', 'DISCONNECTED'])}`,
  () => `[net_conn_client.cpp:${safeInt(100, 900)}] GetDefaultNet success, netId:${safeInt(100, 199)}`,
  () => `UpdateWindowRect id:${safeInt(2, 90)} rect[${safeInt(0, 1200)}, ${safeInt(0, 2700)}, ${safeInt(100, 1260)}, ${safeInt(100, 2720)}]`,
  () => `volume changed stream=${safeInt(0, 9)} level=${safeInt(0, 15)}`,
  () => `worker ${safeInt(0, 15)} sleep`,
  () => `[ace_container.cpp(${safeInt(100, 999)})-(${safeInt(1, 9)}:${safeInt(1, 9)}:ui)] Page loaded in ${safeInt(5, 180)} ms`,
  () => `capacity=${safeInt(1, 100)} temperature=${safeInt(250, 390)}`,
  () => `RSSI changed rssi=-${safeInt(30, 95)} freq=${pick(['2412', '2437', '5180', '5745'])}`,
  () => `fetchList page=${safeInt(1, 40)} items=${safeInt(0, 50)}`,
  () => `OnDeviceFound name=MatePad-${hex(safeInt(0, 0xfff), 3)} rssi=-${safeInt(30, 90)}`,
  () => `[gc] Young GC: before ${safeInt(1000, 9000)}KB after ${safeInt(100, 999)}KB`,
  () => `onPageShow`,
  () => `onBackground`,
  () => `onWindowStageCreate`,
  () => `Ability onCreate`,
  () => `button clicked: ${pick(['login', 'refresh', 'send', 'back'])}`,
  () => `Dispatch vsync`,
  () => `wakeup lock acquired, name=${pick(['NetConnLock', 'AudioLock', 'Sync'])}`,
  () => `ws.on('message') ${safeInt(3, 900)} chars`,
  () => `connection.on('netAvailable') netId=${safeInt(100, 199)}`,
  () => `Render frame cost ${safeInt(3, 30)}.${safeInt(0, 9)} ms`,
  () => `Socket connected to 192.168.${safeInt(0, 9)}.${safeInt(2, 250)}:${pick(['443', '8443', '9000'])}`,
  () => `Received heartbeat seq=${safeInt(1, 99999)}`,
  () => `Cache hit ratio ${safeInt(10, 99)}%`,
  () => `Preferences flushed (${safeInt(1, 80)} keys)`,
  () => `Location update accuracy ${safeInt(3, 80)} m`,
  () => `ScreenOn brightness=${safeInt(10, 255)}`,
  () => `Ability ${pick(['EntryAbility', 'MainAbility', 'ServiceExtAbility'])} onForeground`,
  () => `Start ability succeeded, want bundle=${pick(APP_PKGS)}`,
  () => `${pick(['hvigor', '> hvigor'])} Finished :entry:default@${pick(['CompileArkTS', 'PackageHap', 'SignHap'])} after ${safeInt(1, 9)} s ${safeInt(100, 999)} ms`,
];
const SYS_NOISE = [
  () => `Started Session ${safeInt(1, 900)} of user dev.`,
  () => `usb 1-${safeInt(1, 4)}: new high-speed USB device number ${safeInt(2, 30)} using xhci_hcd`,
  () => `Accepted publickey for dev from 10.0.${safeInt(0, 9)}.${safeInt(2, 250)} port ${safeInt(30000, 60000)} ssh2`,
  () => `(root) CMD (run-parts /etc/cron.hourly)`,
  () => `hdc server started, listening on 127.0.0.1:8710`,
  () => `Reached target Network is Online.`,
];
const noiseCtx = () => {
  if (chance(0.5)) return { ...appCtx(), level: pick(['I', 'I', 'D', 'W']) };
  const d = pick([['C015B0', 'NETSTACK', 'netstack'], ['C015B0', 'NetConnManager', 'netmanager'], ['C01400', 'WMS', 'foundation'], ['C02C11', 'AudioPolicy', 'audio_server'], ['C01719', 'ffrt', 'foundation'], ['C03900', 'Ace', 'com.example.myapplication'], ['C02500', 'BatteryService', 'foundation'], ['C04200', 'WifiService', 'wifi_manager'], ['C05700', 'CommSdk', 'softbus_server'], ['C03F00', 'ArkCompiler', 'com.acme.chat'], ['C01F0B', 'PowerState', 'powermgr']]);
  return { domain: d[0], tag: d[1], svcProc: d[2], pkg: pick(APP_PKGS), level: pick(['I', 'I', 'D', 'W']) };
};
const NOISE_FORMATS = ['hilog', 'hilog', 'hilog', 'hilog', 'hilog', 'deveco', 'deveco', 'json', 'json', 'plain', 'syslog', 'iso', 'bracketed'];
const hand = readHand();
const nonNoise = items.length + hand.length;
const NOISE_TARGET = Math.round(nonNoise * 1.45); // ~60% of generated lines
for (let i = 0; i < NOISE_TARGET; i++) {
  const format = pick(NOISE_FORMATS);
  const text = format === 'syslog' && chance(0.4) ? pick(SYS_NOISE)() : pick(NOISE)();
  const ctx = noiseCtx();
  add('noise', format, 'noise', [], (t) => renderIn(format, text, ctx, t), {});
}

// ---------------------------------------------------------------------------------------------
// Render in shuffled order with a rising clock, merge the hand-written lines, write.

shuffle(items);
let clock = Date.UTC(2026, 10, 21, 8, 0, 0, 0);
const rendered = items.map((it) => {
  clock += int(1, 900);
  const text = it.render(clock);
  if (/[\r\n]/.test(text)) throw new Error(`generated line has a line break: ${it.tpl}`);
  const format = it.format === 'plain' && text.startsWith('{') ? 'json' : it.format;
  const label = { format, category: it.category, expected: it.expected, unknown: it.extra.unknown ?? [] };
  if (it.extra.ambiguous) label.ambiguous = it.extra.ambiguous;
  label.source = `gen:${it.tpl}`;
  return { text, label };
});

function readHand() {
  const logPath = join(CORPUS_DIR, 'hand.log');
  const labPath = join(CORPUS_DIR, 'hand.ndjson');
  if (!existsSync(logPath)) return [];
  const lines = readFileSync(logPath, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const labels = readFileSync(labPath, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  if (labels.length !== lines.length) throw new Error(`hand.log has ${lines.length} lines but hand.ndjson has ${labels.length} labels`);
  return lines.map((text, i) => {
    const l = labels[i];
    if (l.line !== i + 1) throw new Error(`hand.ndjson line ${i + 1} is labelled line ${l.line}`);
    const label = { format: l.format, category: l.category, expected: [...(l.expected ?? [])].sort(), unknown: l.unknown ?? [] };
    if (l.ambiguous) label.ambiguous = l.ambiguous;
    label.source = `hand:${i + 1}`;
    if (l.note) label.note = l.note;
    return { text, label };
  });
}
// Hand lines go in at seeded positions, in their own order.
const positions = hand.map(() => int(0, rendered.length)).sort((a, b) => a - b);
const merged = [];
let h = 0;
for (let i = 0; i <= rendered.length; i++) {
  while (h < hand.length && positions[h] === i) merged.push(hand[h++]);
  if (i < rendered.length) merged.push(rendered[i]);
}

const corpus = merged.map((r) => r.text).join('\n') + '\n';
const labels = merged.map((r, i) => JSON.stringify({ line: i + 1, ...r.label })).join('\n') + '\n';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outDir = outIdx >= 0 ? resolve(args[outIdx + 1]) : CORPUS_DIR;
if (args.includes('--check')) {
  const same = (f, s) => existsSync(join(CORPUS_DIR, f)) && readFileSync(join(CORPUS_DIR, f), 'utf8') === s;
  if (!same('corpus.log', corpus) || !same('labels.ndjson', labels)) {
    console.error('make-corpus: fixtures/corpus differs from the generator output; run node scripts/make-corpus.mjs');
    process.exitCode = 1;
  }
} else {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'corpus.log'), corpus);
  writeFileSync(join(outDir, 'labels.ndjson'), labels);
  const byCat = {};
  for (const r of merged) byCat[r.label.category] = (byCat[r.label.category] ?? 0) + 1;
  console.log(`make-corpus: ${merged.length} lines (${hand.length} hand-written) -> ${outDir}`);
  console.log(Object.entries(byCat).sort().map(([k, v]) => `  ${k}: ${v}`).join('\n'));
}
