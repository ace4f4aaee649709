import { CONFIDENCE } from './confidence.js';

/**
 * The rules that turn a phrase found in a line (an entry's message or alias) into a hit. Which one applies depends on
 * the phrase (specific or weak, see `MarkerPhrase.weak`) and on the record's context.
 */
export interface MarkerRule {
  readonly id: string;
  readonly description: string;
  /** Log lines in which this rule must produce a hit (hilog lines are parsed for tag/domain by the test helper). */
  readonly examples: readonly string[];
  /** Log lines in which no marker hit may be produced. */
  readonly counterExamples: readonly string[];
  readonly confidence: number;
}

export const MARKER_RULES: readonly MarkerRule[] = [
  {
    id: 'marker.message',
    description: "An entry's exact documented message, specific enough alone (a distinctive word, or long).",
    examples: [
      'ws.connect failed: Websocket url error',
      'createServer: The number of servers exceeds the limit.',
      'Error: It is not allowed to access this domain.',
    ],
    counterExamples: ['websocket url errors are logged elsewhere', 'The number of servers is 3'],
    confidence: CONFIDENCE.specificMessage,
  },
  {
    id: 'marker.alias',
    description: 'A specific runtime message variant or service log line from the catalogue aliases.',
    examples: [
      '09-26 14:46:56.819  9308  9456 E C015B0/NetConnManager: [Function-(net_conn_service.cpp:412)] Over the max request number',
      '09-26 14:46:56.819  9308  9456 E C015B0/NetConnManager: return falied for UID [20020023] has registered over [2000] callback',
      '09-26 14:46:56.819  9308  9456 E C015B0/NETSTACK: [websocket_exec.cpp:512] Lws client connection error Connection refused',
      'Err.message is: Websocket Unknown Other Error',
      '[websocket_exec.cpp:700] Websocket connect already exist',
    ],
    counterExamples: ['Over the max requests numbers', 'RegisterNetConnCallback find same callbacks'],
    confidence: CONFIDENCE.specificAlias,
  },
  {
    id: 'marker.context',
    description:
      'A weak phrase — everyday words only and at most 24 characters ("Permission denied", "Parameter error", ' +
      '"Connect timeout.", "Invalid parameter value."), or shared by several codes ("Internal error.") — is evidence ' +
      'only with OpenHarmony behind it: the record names the module (tag/domain or module words: confidence 0.7), or ' +
      'it is an OpenHarmony line (a hilog or DevEco line, BusinessError, napi, JSAPP, err.message, `Err.message is:`, ' +
      '`ohos.`: 0.6). Never in a POSIX/file context (errno, EACCES, open(), /data/…); a module phrase is also refused ' +
      'in a record plainly about HTTP or carrying another module\'s tag or domain. Context is the phrase\'s own line ' +
      'plus the record\'s first line.',
    examples: [
      '09-26 14:46:56.819  9308  9456 E C015B0/NETSTACK: [websocket_exec.cpp:812] Internal error.',
      '09-26 14:46:56.819  9308  9456 E C05700/CommSdk: connect result: Internal error.',
      '08-20 11:06:01.891  1948  1948 E A03d00/JSAPP: BusinessError: Permission denied',
      '09-26 14:46:56.819  9308  9456 E C05700/CommSdk: Connect timeout.',
    ],
    counterExamples: [
      'open("/data/x") failed: Permission denied',
      'read config: errno 13 (Permission denied)',
      'Internal error.',
      'java.lang.IllegalStateException: Parameter error',
      'socket: Connect timeout. retrying',
      'Nov 21 10:15:02 devbox mysqld[901]: Parameter error near LIMIT in statement 12',
      '11-21 10:11:00.000  4242  4290 E C015B0/NETSTACK: [http_exec.cpp:640] Connect timeout.',
    ],
    confidence: CONFIDENCE.settledShortMarker,
  },
  {
    id: 'marker.ambiguous',
    description:
      'A phrase several entries share that context could not settle: the hit lists every candidate, has no entry, ' +
      'carries the first candidate\'s code (catalogue order), and has confidence ≤ 0.5 (0.4 for a weak phrase).',
    examples: ['08-20 11:06:01.891  1948  1948 E A03d00/JSAPP: request failed: Internal error.'],
    counterExamples: ['server says: Internal error.'],
    confidence: CONFIDENCE.ambiguousShortMarker,
  },
];
