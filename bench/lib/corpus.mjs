// Line templates for generated corpora: realistic hilog / DevEco / pino-style JSON lines, hits that use real codes and
// markers (see catalogue/pages and the facts the team gathered), and decoys: numbers that are not error codes.
// Everything is driven by a seeded RNG so that a seed always gives the same corpus.

import { createRng } from './rng.mjs';

/** Bumped whenever a seed's output changes, so cached corpora of an older generator are not reused. */
export const GENERATOR_VERSION = 2;

// ---------------------------------------------------------------------------------------------------------------
// Processes, domains and tags
// ---------------------------------------------------------------------------------------------------------------

/** System processes and apps, each with a pid range and the domain/tag pairs it logs under. */
const PROCESSES = [
  { name: 'foundation', pid: [580, 1200], tags: [['C01300', 'AbilityManagerService'], ['C01800', 'AppMgrService'], ['C01120', 'BMS'], ['C04201', 'WMS'], ['C01F0B', 'PowerMgr']] },
  { name: 'render_service', pid: [400, 900], tags: [['C01400', 'RSRenderThread'], ['C01406', 'Graphic2D'], ['C01400', 'RSMainThread']] },
  { name: 'netmanager', pid: [1000, 1900], tags: [['C015B0', 'NetConnManager'], ['C015B0', 'NetMgrSubSystem'], ['C015B0', 'NETSTACK']] },
  { name: 'softbus_server', pid: [900, 1500], tags: [['C05700', 'CommSdk'], ['C05701', 'CommSvc'], ['C05740', 'CommLnn']] },
  { name: 'multimodalinput', pid: [700, 1100], tags: [['C02800', 'MultimodalInput'], ['C02800', 'InputKeyFlow']] },
  { name: 'audio_server', pid: [1300, 2200], tags: [['C02B01', 'AudioPolicy'], ['C02B02', 'AudioRenderer']] },
  { name: 'hiview', pid: [300, 700], tags: [['C02D10', 'hiview'], ['C02D0A', 'HiSysEvent']] },
  { name: 'wifi_manager_service', pid: [1500, 2600], tags: [['C01560', 'wifi_manager'], ['C01561', 'WifiHalService']] },
  { name: 'com.example.weather', pid: [5000, 40000], app: true, tags: [['A03D00', 'JSAPP'], ['C015B0', 'NETSTACK'], ['A00000', 'testTag'], ['C03F00', 'ArkCompiler']] },
  { name: 'com.example.restaurant', pid: [5000, 40000], app: true, tags: [['A03D00', 'JSAPP'], ['C015B0', 'NETSTACK'], ['C01300', 'Ability'], ['A0FF01', 'OrderService']] },
  { name: 'com.example.chat', pid: [5000, 40000], app: true, tags: [['A03D00', 'JSAPP'], ['C015B0', 'NETSTACK'], ['C05700', 'CommSdk'], ['A01234', 'ChatSocket']] },
];

const WORDS = [
  'session', 'window', 'display', 'bundle', 'ability', 'surface', 'buffer', 'frame', 'vsync', 'layer', 'focus', 'scene',
  'token', 'mission', 'stage', 'page', 'route', 'render', 'node', 'task', 'queue', 'thread', 'timer', 'sensor', 'battery',
  'screen', 'input', 'touch', 'pointer', 'audio', 'stream', 'volume', 'device', 'network', 'socket', 'wifi', 'cellular',
];

// ---------------------------------------------------------------------------------------------------------------
// Ordinary lines (no code, no marker, no decoy): the bulk of a log
// ---------------------------------------------------------------------------------------------------------------

/** @type {Array<(r: ReturnType<typeof createRng>, p: Proc) => string>} */
const FILLER = [
  (r) => `[napi_utils.cpp:${r.int(100, 999)}] newId = ${r.int(1, 9)}, id = ${r.int(1, 9)}`,
  (r) => `OnAbilityStateChanged ability: EntryAbility, state: ${r.int(0, 5)}`,
  (r, p) => `StartAbility come, bundle: ${p.app ? p.name : 'com.ohos.launcher'}, ability: EntryAbility, userId: 100, callerToken ${r.hex(8)}`,
  (r) => `vsync period ${r.pick([8333333, 16666666, 11111111])} refresh rate ${r.pick([60, 90, 120])} frame ${r.int(1000, 9999999)}`,
  (r) => `window ${r.int(2, 60)} visibility changed to ${r.int(0, 1)}, mode ${r.int(1, 4)}`,
  (r) => `battery capacity ${r.int(5, 100)}, temperature ${r.int(250, 420)}, plugged ${r.int(0, 2)}`,
  (r) => `rssi ${-r.int(40, 90)}, band ${r.pick(['2.4G', '5G'])}, linkspeed ${r.int(54, 1201)}`,
  (r) => `screen state changed to ${r.pick(['ON', 'OFF', 'DIM'])}, reason ${r.int(0, 30)}`,
  (r) => `audio stream ${r.int(1000, 1100)} started, rate ${r.pick([44100, 48000])} channels ${r.int(1, 2)}`,
  (r, p) => `query bundle info ${p.app ? p.name : 'com.ohos.settings'} userId 100 flags ${r.int(0, 255)}`,
  (r) => `write event domain ${r.pick(['AAFWK', 'ACE', 'GRAPHIC', 'POWER', 'NETMANAGER'])} name ${r.pick(['APP_START', 'JANK_FRAME', 'SCREEN_ON', 'NET_CONN'])} size ${r.int(64, 4096)}`,
  (r) => `JoinLNN enter, netId ${r.int(1, 9)}, peer ${r.hex(4)}****${r.hex(4)}`,
  (r) => `young GC freed ${r.int(100, 9000)}KB in ${r.int(1, 12)}ms, heap ${r.int(10, 200)}MB`,
  (r) => `pointer event id ${r.int(10000, 999999)} action ${r.int(1, 4)} displayX ${r.int(0, 1260)} displayY ${r.int(0, 2720)}`,
  () => 'Index page aboutToAppear',
  (r) => `onPageShow, page stack size ${r.int(1, 6)}`,
  (r) => `button clicked, count = ${r.int(1, 50)}`,
  (r) => `[http_client.cpp:${r.int(100, 999)}] task ${r.int(1, 500)} enqueued, url https://api.example.com/v${r.int(1, 3)}/<private>`,
  (r) => `get default net id ${r.int(100, 120)}, net capabilities ${r.int(0, 20)}`,
  (r) => `[websocket_exec.cpp:${r.int(300, 1200)}] OnConnect, protocol ${r.pick(['wss', 'ws'])}`,
  (r) => `RSUniRender: render frame ${r.int(1, 9999999)}, dirty regions ${r.int(0, 8)}`,
  (r) => `UpdateMissionSnapShot missionId ${r.int(1, 200)} with ****** token`,
  (r) => `thermal level ${r.int(0, 3)}, cpu ${r.int(20, 95)}%, shell temp ${r.int(28, 46)}`,
];

/** Extra words to pad a line to its target length. */
function pad(r, text, target) {
  let s = text;
  while (s.length < target) {
    const w = r.pick(WORDS);
    s += r.chance(0.5) ? ` ${w}=${r.int(0, 9999)}` : ` ${w}`;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Hits: lines carrying a real code or marker. Each returns the message, the tag to log it under and the hits.
// ---------------------------------------------------------------------------------------------------------------

const WS_CODES = [
  ['2302001', 'Websocket url error'],
  ['2302002', 'Websocket certificate file does not exist'],
  ['2302003', 'Websocket connection already exist'],
  ['2302004', "Can't listen to the given NIC"],
  ['2302005', "Can't listen to the given Port"],
  ['2302998', 'It is not allowed to access this domain'],
  ['2302999', 'Websocket Unknown Other Error'],
];
const NETCONN_CODES = [
  ['2100001', 'Invalid parameter value'],
  ['2100002', 'Failed to connect to the service'],
  ['2100003', 'System internal error'],
  ['2101007', 'The callback does not exist'],
  ['2101008', 'The callback already exists'],
  ['2101022', 'The number of requests exceeded the maximum allowed'],
];
const NETCONN_OLD = [
  ['2100002', 'Operation failed. Cannot connect to service'],
  ['2101007', 'the callback is not found'],
  ['2101008', 'the same callback exists'],
  ['2101022', 'the number of requests exceeded the maximum'],
];
const LINK_CODES = ['32390200', '32390201', '32390202', '32390203', '32390204', '32390205', '32390206', '32390300'];
const UNIVERSAL = [
  ['201', 'Permission denied'],
  ['202', 'Non-system applications use system APIs'],
  ['401', 'Parameter error'],
  ['801', 'Capability not supported'],
];
const OPERATIONS = ['connect', 'register callback', 'send message', 'subscribe', 'open socket', 'query net state', 'create server'];

/** @typedef {{ code: string, kind: 'code' | 'marker', internal?: string }} Truth */
/** @typedef {{ tag?: string, domain?: string, msg: string, hits: Truth[], level?: string, jsonErr?: object }} HitLine */

/** @type {Array<[number, (r: ReturnType<typeof createRng>) => HitLine]>} weight, template */
const HITS = [
  [10, (r) => { const [c, m] = r.pick(WS_CODES); return { tag: 'JSAPP', msg: `Connection failed. Err:${JSON.stringify({ code: Number(c), message: m })}`, hits: [{ code: c, kind: 'code' }] }; }],
  [8, (r) => { const [c, m] = r.pick(NETCONN_CODES); return { tag: 'JSAPP', msg: `Failed to ${r.pick(OPERATIONS)}. Code: ${c}, message: ${m}`, hits: [{ code: c, kind: 'code' }] }; }],
  [6, (r) => { const [c, m] = r.pick(UNIVERSAL); return { tag: 'testTag', domain: 'A00000', msg: `${r.pick(OPERATIONS)} failed, code is ${c}, message is ${m}`, hits: [{ code: c, kind: 'code' }] }; }],
  [3, () => ({ tag: 'JSAPP', msg: 'Err.code is: -1, Err.message is: Websocket Unknown Other Error', hits: [{ code: '-1', kind: 'code' }] })],
  [4, (r) => { const c = r.pick(LINK_CODES); return { tag: 'JSAPP', msg: `link enhance ${r.pick(OPERATIONS)} error ${JSON.stringify({ code: c, message: 'Connection timeout' })}`, hits: [{ code: c, kind: 'code' }] }; }],
  [4, (r) => ({ tag: 'JSAPP', msg: `websocket error ${JSON.stringify({ code: 200, data: String(r.pick([0, 0, 403, 404, 502])) })}`, hits: [{ code: '200', kind: 'code' }] })],
  [3, (r) => ({ tag: 'NetConnManager', domain: 'C015B0', msg: `[Function-(net_conn_service.cpp:${r.int(300, 900)})] Over the max request number`, hits: [{ code: '2101022', kind: 'marker' }] })],
  [3, (r) => ({ tag: 'NetConnManager', domain: 'C015B0', msg: `[net_conn_service.cpp:${r.int(300, 900)}] return falied for UID [${r.int(20010000, 20019999)}] has registered over [2000] callback`, hits: [{ code: '2101022', kind: 'marker' }] })],
  [3, (r) => ({ tag: 'NetConnManager', domain: 'C015B0', msg: `[net_conn_service.cpp:${r.int(300, 900)}] RegisterNetConnCallback find same callback`, hits: [{ code: '2101008', kind: 'marker' }] })],
  [5, (r) => { const c = r.pick(['2101022', '2101007', '2101008', '2100002']); return { tag: 'NetMgrSubSystem', domain: 'C015B0', msg: `${r.pick(['Register', 'Unregister'])} result ${c}`, hits: [{ code: c, kind: 'code' }] }; }],
  [4, (r) => { const [c] = r.pick(NETCONN_CODES); return { tag: 'NetMgrSubSystem', domain: 'C015B0', msg: `exec ${r.pick(['RegisterNetConnCallback', 'GetDefaultNet', 'HasDefaultNet'])} failed errorCode: ${c}`, hits: [{ code: c, kind: 'code' }] }; }],
  [3, (r) => { const internal = String(r.chance(0.5) ? r.int(2100101, 2100105) : r.int(2100201, 2100208)); const pub = internal.startsWith('21001') ? '2100003' : '2100002'; return { tag: 'NetConnManager', domain: 'C015B0', msg: `[net_conn_client.cpp:${r.int(50, 400)}] GetDefaultNet failed, error code: ${internal}`, hits: [{ code: pub, kind: 'code', internal }] }; }],
  [4, (r) => ({ tag: 'NETSTACK', domain: 'C015B0', msg: `[websocket_exec.cpp:${r.int(900, 1100)}] OnError 200`, hits: [{ code: '200', kind: 'code' }] })],
  [3, (r) => ({ tag: 'NETSTACK', domain: 'C015B0', msg: `[websocket_exec.cpp:${r.int(300, 400)}] ParseUrl failed`, hits: [{ code: '2302001', kind: 'marker' }] })],
  [3, (r) => ({ tag: 'NETSTACK', domain: 'C015B0', msg: `[websocket_exec.cpp:${r.int(340, 360)}] Websocket connect already exist`, hits: [{ code: '2302003', kind: 'marker' }] })],
  [3, (r) => ({ tag: 'CommSdk', domain: 'C05700', msg: `connect failed, err=${-r.int(426115000, 426115099)}`, hits: [{ code: 'link-enhance-internal', kind: 'code' }] })],
  [3, (r) => { const [c, m] = r.pick(UNIVERSAL); return { tag: 'JSAPP', msg: `request ${r.pick(OPERATIONS)} failed, code: ${c}, message: ${m}`, hits: [{ code: c, kind: 'code' }] }; }],
  [2, () => ({ tag: 'JSAPP', msg: 'Error: Websocket Unknown Other Error', hits: [{ code: '2302999', kind: 'marker' }] })],
  [2, (r) => { const [c, m] = r.pick(NETCONN_OLD); return { tag: 'JSAPP', msg: `${r.pick(OPERATIONS)} failed: ${m}, code ${c}`, hits: [{ code: c, kind: 'code' }] }; }],
];

// ---------------------------------------------------------------------------------------------------------------
// Decoys: numbers in contexts that are not error codes (some next to words a naive matcher takes for one)
// ---------------------------------------------------------------------------------------------------------------

const DECOYS = [
  (r) => ({ tag: 'NETSTACK', msg: `[http_exec.cpp:${r.int(200, 400)}] taskId=${r.int(1, 500)} errCode:0 RespCode:200 total time ${r.int(20, 900)}ms` }),
  (r) => ({ tag: 'NETSTACK', msg: `[websocket_exec.cpp:${r.int(990, 1010)}] OnClose ${r.pick([1000, 1001, 1006, 1011])} The link is down` }),
  (r) => ({ tag: 'InputKeyFlow', msg: `KeyEvent keyCode ${r.int(2000, 2100)} action ${r.int(1, 3)} deviceId ${r.int(1, 9)}` }),
  (r) => ({ tag: 'NETSTACK', msg: `HTTP/1.1 200 OK content-length ${r.pick(['2302001', '32390200', String(r.int(100, 9999999))])}` }),
  (r) => ({ tag: 'AppMgrService', msg: `process ${r.int(5000, 40000)} exited normally, status 0, uid ${r.int(20010000, 20019999)}` }),
  (r) => ({ tag: 'JSAPP', msg: `download progress ${r.int(0, 2101022)}/${r.pick(['2101022', '32390200', '9876543'])} bytes` }),
  (r) => ({ tag: 'RSRenderThread', msg: `vsync id ${r.int(2300000, 2309999)} period 8333333 timestamp ${r.int(100000000, 999999999)}` }),
  (r) => ({ tag: 'NetConnManager', msg: `uid ${r.int(20010000, 20019999)} netId ${r.int(100, 120)} request id ${r.int(1, 3000)} registered` }),
  (r) => ({ tag: 'JSAPP', msg: `fetch done, response code ${r.pick([200, 204, 304])}, size ${r.int(100, 99999)}` }),
  (r) => ({ tag: 'ArkCompiler', msg: `pid ${r.int(5000, 40000)} heap size ${r.int(2100000, 2109999)} bytes` }),
];

/** The DevEco Studio log window abbreviates long process names to 20 characters with "..." in the middle. */
function devecoProcess(name) {
  if (name.length <= 20) return name.padEnd(20);
  return `${name.slice(0, 9)}...${name.slice(-8)}`;
}

/** @typedef {{ name: string, pid: number[], tags: string[][], app?: boolean }} Proc */

const HILOG_VARIANTS = [
  ['process', 50],
  ['classic', 28],
  ['masked', 10],
  ['year', 4],
  ['epoch', 2],
  ['monotonic', 2],
  ['deveco', 3],
  ['noletter', 1],
];

function weighted(r, pairs) {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let x = r.next() * total;
  for (const [v, w] of pairs) {
    x -= w;
    if (x < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

const pad2 = (n) => String(n).padStart(2, '0');
const pad3 = (n) => String(n).padStart(3, '0');

/**
 * A seeded line source.
 * @param {{ format: 'hilog' | 'json', hitRate: number, decoyRate: number, lineLength: number, seed: number,
 *   stackRate?: number, variant?: string }} opts
 */
export function createCorpus(opts) {
  const r = createRng(opts.seed);
  const hitTemplates = HITS.map(([w, f]) => [f, w]);
  // Pids are fixed per process for the whole corpus, like a real capture.
  const procs = PROCESSES.map((p) => ({ ...p, pidNow: r.int(p.pid[0], p.pid[1]), tids: [] }));
  for (const p of procs) {
    p.tids = [p.pidNow, ...Array.from({ length: 4 }, () => p.pidNow + r.int(1, 400))];
  }
  let clock = Date.UTC(2026, 3, 19, 17, 2, 14, 735); // 2026-04-19T17:02:14.735Z
  let monotonic = 12345.678;
  const stackRate = opts.stackRate ?? (opts.format === 'hilog' ? 0.05 : 0);

  function procForTag(tag, domain) {
    const withTag = procs.filter((p) => p.tags.some(([d, t]) => t === tag && (domain === undefined || d === domain)));
    if (withTag.length > 0) return r.pick(withTag);
    return r.pick(procs.filter((p) => p.app));
  }

  function hilogPrefix(level, domain, tag, proc) {
    clock += r.int(0, 40);
    monotonic += r.int(0, 40) / 1000;
    const d = new Date(clock);
    const md = `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    const hms = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${pad3(d.getUTCMilliseconds())}`;
    const pid = proc.pidNow;
    const tid = r.pick(proc.tids);
    const variant = opts.variant && opts.variant !== 'mixed' ? opts.variant : weighted(r, HILOG_VARIANTS);
    const dom = r.chance(0.3) ? domain.toLowerCase().replace(/^./, (c) => c.toUpperCase()) : domain;
    const ids = `${String(pid).padStart(5)} ${String(tid).padStart(5)}`;
    switch (variant) {
      case 'classic':
        return `${md} ${hms}  ${ids} ${level} ${dom}/${tag}: `;
      case 'masked':
        return `${md} ${hms}  ${ids} ${level} ${dom}/***/${tag}: `;
      case 'year':
        return `${d.getUTCFullYear()}-${md} ${hms}  ${ids} ${level} ${dom}/${proc.name}/${tag}: `;
      case 'epoch':
        return `${Math.floor(clock / 1000)}.${pad3(clock % 1000)}  ${ids} ${level} ${dom}/${proc.name}/${tag}: `;
      case 'monotonic':
        return `${monotonic.toFixed(3).padStart(10)}  ${ids} ${level} ${dom}/${proc.name}/${tag}: `;
      case 'deveco':
        return `${md} ${hms}   ${`${pid}-${tid}`.padEnd(13)} ${`${dom}/${tag}`.padEnd(31)} ${devecoProcess(proc.name)}  ${level}     `;
      case 'noletter':
        return `${md} ${hms}  ${ids} ${level} ${dom.slice(2)}/${tag}: `;
      default:
        return `${md} ${hms}  ${ids} ${level} ${dom}/${proc.name}/${tag}: `;
    }
  }

  function stackLines() {
    const n = r.int(2, 5);
    const out = [];
    for (let i = 0; i < n; i++) {
      out.push(`    at ${r.pick(['connect', 'onError', 'register', 'anonymous', 'request'])} (entry/src/main/ets/${r.pick(['pages/Index', 'common/Net', 'model/Socket'])}.ets:${r.int(10, 300)}:${r.int(1, 40)})`);
    }
    return out;
  }

  /** One hilog line (plus stack lines after some hits). */
  function hilogLine() {
    // Padding overshoots by half a word on average: aim a little short so the mean line length comes out right.
    const target = Math.max(40, Math.round(opts.lineLength * (0.5 + r.next())) - 27);
    const x = r.next();
    if (x < opts.hitRate) {
      const h = weighted(r, hitTemplates)(r);
      const proc = procForTag(h.tag, h.domain);
      const domain = h.domain ?? (proc.tags.find(([, t]) => t === h.tag)?.[0] ?? 'A03D00');
      const level = h.tag === 'CommSdk' || h.tag === 'NetConnManager' || h.tag === 'NETSTACK' ? r.pick(['E', 'E', 'W', 'I']) : 'E';
      const lines = [hilogPrefix(level, domain, h.tag, proc) + h.msg];
      if (h.tag === 'JSAPP' && r.chance(stackRate)) lines.push(...stackLines());
      return { lines, hits: h.hits, decoy: false };
    }
    if (x < opts.hitRate + opts.decoyRate) {
      const d = r.pick(DECOYS)(r);
      const proc = procForTag(d.tag);
      const domain = proc.tags.find(([, t]) => t === d.tag)?.[0] ?? 'A03D00';
      return { lines: [hilogPrefix(r.pick(['I', 'I', 'D', 'W']), domain, d.tag, proc) + d.msg], hits: [], decoy: true };
    }
    const proc = r.pick(procs);
    const [domain, tag] = r.pick(proc.tags);
    const prefix = hilogPrefix(r.pick(['I', 'I', 'I', 'D', 'D', 'W']), domain, tag, proc);
    return { lines: [pad(r, prefix + r.pick(FILLER)(r, proc), target)], hits: [], decoy: false };
  }

  const HOST = 'dev-01';
  /** One pino-style JSON line. */
  function jsonLine() {
    clock += r.int(0, 40);
    const target = Math.max(60, Math.round(opts.lineLength * (0.5 + r.next())));
    const proc = r.pick(procs.filter((p) => p.app));
    const base = { level: 30, time: clock, pid: proc.pidNow, hostname: HOST };
    const x = r.next();
    if (x < opts.hitRate) {
      const h = weighted(r, hitTemplates)(r);
      const first = h.hits[0];
      const numeric = first && /^-?\d+$/.test(first.code) && first.kind === 'code';
      const errCode = numeric ? (first.internal ?? first.code) : undefined;
      const obj = { ...base, level: 50, reqId: `req-${r.hex(6)}`, msg: h.msg };
      if (errCode !== undefined) {
        obj.err = { type: 'BusinessError', message: h.msg.slice(0, 60), code: r.chance(0.15) ? errCode : Number(errCode), stack: `Error: ${h.msg.slice(0, 40)}\n    at connect (entry/src/main/ets/common/Net.ets:${r.int(10, 300)}:${r.int(1, 40)})` };
      }
      return { lines: [JSON.stringify(obj)], hits: h.hits, decoy: false };
    }
    if (x < opts.hitRate + opts.decoyRate) {
      const d = r.pick(DECOYS)(r);
      const obj = r.chance(0.5)
        ? { ...base, reqId: `req-${r.hex(6)}`, res: { statusCode: r.pick([200, 201, 204, 304, 404]) }, responseTime: r.int(1, 900), msg: 'request completed' }
        : { ...base, msg: d.msg, size: r.int(100, 2400000) };
      return { lines: [JSON.stringify(obj)], hits: [], decoy: true };
    }
    const obj = { ...base, reqId: `req-${r.hex(6)}`, msg: r.pick(FILLER)(r, proc) };
    let line = JSON.stringify(obj);
    if (line.length < target) {
      obj.ctx = pad(r, '', target - line.length - 9).trim();
      line = JSON.stringify(obj);
    }
    return { lines: [line], hits: [], decoy: false };
  }

  return { next: opts.format === 'json' ? jsonLine : hilogLine };
}
