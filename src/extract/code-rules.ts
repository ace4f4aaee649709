import { CONFIDENCE } from './confidence.js';

/**
 * The rules that decide whether a number is an error code. A number is a code only when the catalogue knows it (or,
 * for unknown codes, it is code-shaped) AND one of these rules says its context is an error-code context.
 *
 * Context rules look only at a short window of the same line ending right at the number (`before`, anchored at its
 * end) and just after it (`after`), so each check costs a bounded amount whatever the line length.
 */
export interface CodeRule {
  /** Rule id carried by hits, e.g. "code.key". */
  readonly id: string;
  readonly description: string;
  /** Log text in which this rule must find a code (run by the test suite against the default catalogue). */
  readonly examples: readonly string[];
  /** Log text in which this rule must find no code. */
  readonly counterExamples: readonly string[];
  readonly confidence: number;
  /** Whether short codes (three digits or fewer, or negative: 200, 201, 401, 801, -1) may be found by this rule. */
  readonly allowsShort: boolean;
  /**
   * Which numbers unknown to the catalogue this rule may report (with `unknown: true`): "any" code-shaped number
   * (6–9 digits, or negative), only those in a known "family", or "none".
   */
  readonly unknown: 'any' | 'family' | 'none';
  /**
   * Decides from the text of the same line before the number (at most {@link BEFORE_WINDOW} characters, ending at the
   * number) and after it (at most {@link AFTER_WINDOW}). Absent for rules the extractor applies itself (JSON fields,
   * a code beside its own message).
   */
  readonly matches?: (before: string, after: string) => boolean;
}

/** Characters of context looked at before a number. */
export const BEFORE_WINDOW = 48;
/** Characters of context looked at after a number. */
export const AFTER_WINDOW = 24;

/**
 * A key that names a code: code, errCode, errorCode, error_code, err.code, `Err.code is:`, `\"code\":`, `code[`, and
 * the Chinese 错误码 / 错误代码 ("error code") that apps log, with an ASCII or full-width colon.
 */
const CODE_KEY =
  /(?:(?<![A-Za-z0-9])(?:(?:err|error|e|ex|exception)(?:[\s_.-]|\?\.)?)?code\\?["']?|错误码|错误代码|错误编码)\s{0,3}(?:(?:is|was|=|:|：)\s{0,3}){0,2}(?:\\?["'([{【]\s{0,2})?$/i;
/**
 * The same key at the end of a camelCase name: `lastErrCode`, `nativeErrorCode` (case-sensitive: the capital marks the
 * word). The match includes the letter or digit before `Err`: behind a look-behind, V8 tries the pattern at every
 * position of the window, three times slower.
 */
const CAMEL_CODE_KEY = /[a-z0-9]Err(?:or)?_?Code\\?["']?\s{0,3}(?:(?:is|was|=|:|：)\s{0,3}){0,2}(?:\\?["'([{【]\s{0,2})?$/;
/**
 * What makes the `code` after it something else: HTTP status, exit status, curl, verification codes, and a URL query
 * parameter (`?code=…`, `&code=…`: an OAuth code, even without the URL's scheme in sight).
 */
const NOT_AN_ERROR_CODE_PREFIX =
  /(?:(?:https?|status|resp|response|exit|curl|zip|postal|country|area|verif\w{0,8}|sms|invite|auth|qr|promo|coupon|region|lang|return_?http)[\s_.-]?|[?&])$/i;
const BUSINESS_ERROR = /BusinessError\s{0,3}[:=]?\s{0,3}[[({]?\s{0,2}$/i;
const ON_ERROR = /(?<![A-Za-z0-9])OnError\s{0,3}[:=(]?\s{0,3}$/i;
const ERR_KEY = /(?<![A-Za-z0-9])(?:err|error)\s{0,3}(?:[:=]|is|was)\s{0,3}(?:\\?["'([]\s{0,2})?$/i;
const RESULT_KEY =
  /(?<![A-Za-z0-9])(?:result|ret|retcode|ret_code|retval|errorno)\s{0,3}(?:is\s{0,3})?(?:[:=]\s{0,3})?(?:\\?["'([]\s{0,2})?$/i;
const ARROW = /(?:->|=>|→)\s{0,3}$/;
const ERROR_WORD =
  /(?<![A-Za-z0-9])(?:fail(?:ed|ure|s)?|error|err|exception|reject(?:ed)?|abort(?:ed)?)\s{0,3}[,;:]?\s{0,3}(?:with\s{1,3})?(?:(?:error|err)\s{1,3})?$/i;
/** A key right before a number that makes it an id, size, port… rather than a code (for rules without a key of their own). */
export const NON_CODE_KEY =
  /(?<![A-Za-z0-9])(?:pid|tid|uid|gid|user\s?id|id|size|len|length|count|offset|port|ver|version|build|bytes|ms|time|timestamp|ts|seq|index|idx|num|no|line|status|status_?code|resp_?code|http\s?code|session|token|fd|socket|handle)\s{0,3}[:=#]?\s{0,3}["'([]?$/i;
/**
 * What after a number says it is a quantity or an HTTP reason phrase, not a code. Single letters (`s`, `b`, `x`) are
 * left out: glued to the number they already fail the boundary check, and after a space they are as often a word.
 */
const UNIT_AFTER =
  /^\s{0,3}(?:ms|us|ns|sec|secs|seconds?|mins?|minutes?|bytes?|kb|mb|gb|times|px|dp|vp|fps|hz|kbps|mbps|OK|Created|Accepted|Unauthorized|Forbidden|Non-Authoritative)(?![A-Za-z0-9])/i;

/** True when `after` makes the number a quantity or HTTP status (shared by every rule). */
export function unitAfter(after: string): boolean {
  return UNIT_AFTER.test(after);
}

function codeKey(before: string): boolean {
  let keyStart: number;
  const m = CODE_KEY.exec(before);
  if (m !== null) {
    keyStart = m.index;
  } else {
    const camel = CAMEL_CODE_KEY.exec(before);
    if (camel === null) return false;
    keyStart = camel.index + 1; // after the letter or digit before "Err"
  }
  return !NOT_AN_ERROR_CODE_PREFIX.test(before.slice(Math.max(0, keyStart - 16), keyStart));
}

/** Every context rule, strongest first: the first that matches names the hit's rule. */
export const CODE_RULES: readonly CodeRule[] = [
  {
    id: 'code.json-field',
    description:
      'A code field of a JSON log line (`code`, `errCode`, `errorCode`, `error_code`, `err.code`, `error.code`, at any depth), number or string.',
    examples: ['{"level":"error","msg":"connect failed","err":{"code":2302001,"message":"Websocket url error"}}'],
    counterExamples: ['{"level":"error","pid":2302001,"msg":"Websocket handshake"}'],
    confidence: CONFIDENCE.explicitCode,
    allowsShort: true,
    unknown: 'any',
  },
  {
    id: 'code.key',
    description:
      'An explicit code key before the number: `code:`, `code is`, `errCode=`, `errorCode:`, `error_code`, `Err.code is:`, `"code":`, `(code 32390200)`, `Code: ${err.code}`.',
    examples: [
      'Connection failed. Err:{"code":2302001,"message":"..."}',
      'Failed to register. Code: 2101022, message: The number of requests exceeded the maximum allowed',
      'failed, code is 2302001, message is <private>',
      'exec getDefaultNet failed errorCode: 2100002',
      'Websocket connect failed (code 200)',
      'BusinessError: code: 401, message: Parameter error',
      'connect failed {"code":"32390200","message":"Connect timeout."}',
      'call failed, errCode 801',
      'Err.code is: 2302999, Err.message is: Websocket Unknown Other Error',
      'native error_code=2100102',
      '请求失败，错误码：2101022',
      '连接失败, code：2302001',
      'connect done, lastErrCode=32390205',
    ],
    counterExamples: [
      'request done RespCode:200 errCode:0',
      'http code 200 for https://example.com',
      'HTTP/1.1 401 Unauthorized',
      'statusCode: 401',
      'response code: 201',
      'code: 2302001.5',
      'code: 0x2302001',
      'code: 401 status Unauthorized from http server',
      'verification code: 2302001',
      'exit code 201',
      'code=1.2302001',
      'code: 2023-02-01',
      'OAuth callback received ?code=32390200&state=abc',
      'redirect to /cb&code=2302001',
      'httpErrorCode: 401',
      'typecode: 2302001',
    ],
    confidence: CONFIDENCE.explicitCode,
    allowsShort: true,
    unknown: 'any',
    matches: (before) => codeKey(before),
  },
  {
    id: 'code.business-error',
    description: 'A BusinessError naming the code: `BusinessError 201`, `BusinessError: 401`.',
    examples: ['getNetCapabilities throws BusinessError 201', 'BusinessError: 2101008'],
    counterExamples: ['BusinessError handler registered, 201 items', 'BusinessError count 2101008'],
    confidence: CONFIDENCE.explicitCode,
    allowsShort: true,
    unknown: 'any',
    matches: (before) => BUSINESS_ERROR.test(before),
  },
  {
    id: 'code.on-error',
    description: 'The WebSocket error callback line: `OnError 200`.',
    examples: ['[websocket_exec.cpp:1021] OnError 200', 'OnError: 2302999'],
    counterExamples: ['OnError registered after 200 ms', 'OnErrorCount 200'],
    confidence: CONFIDENCE.explicitCode,
    allowsShort: true,
    unknown: 'any',
    matches: (before) => ON_ERROR.test(before),
  },
  {
    id: 'code.err-key',
    description: 'An `err`/`error` key before a module code: `err=2302001`, `error: 2100002`, `error is 32390200`.',
    examples: ['send message failed, err=2302999', 'register callback error: 2101008'],
    counterExamples: ['error: 401 Unauthorized', 'errno=13 2302001 retries', 'error: 2302001 ms'],
    confidence: CONFIDENCE.weakContextCode,
    allowsShort: false,
    unknown: 'family',
    matches: (before) => ERR_KEY.test(before),
  },
  {
    id: 'code.result',
    description: 'A result or return value: `Register result 2101022`, `ret = 2100002`, `result: 2101008`.',
    examples: ['Register result 2101022', 'Unregister result 2101007', 'GetDefaultNet ret = 2100002'],
    counterExamples: ['Register result 0', 'result count 2101022', 'query returned 2101022 rows'],
    confidence: CONFIDENCE.weakContextCode,
    allowsShort: false,
    unknown: 'family',
    matches: (before) => RESULT_KEY.test(before),
  },
  {
    id: 'code.bracket',
    description: 'A module code in square brackets: `[2302001]` (not a bracketed uid/pid/id).',
    examples: ['ws connect error [2302001] retry later', 'NetConn [2101022] too many callbacks'],
    counterExamples: ['UID [2101022] registered', 'pid [2302001] exited', 'items[2302001]'],
    confidence: CONFIDENCE.weakContextCode,
    allowsShort: false,
    unknown: 'family',
    matches: (before, after) =>
      before.endsWith('[') && after.startsWith(']') && !NON_CODE_KEY.test(before) && !/[A-Za-z0-9_]\[$/.test(before),
  },
  {
    id: 'code.arrow',
    description: 'The target of a code mapping: `-> 32390203`, `=> 2100002`.',
    examples: ['connect failed, err=-5 -> 32390203', 'map internal 2100102 => 2100003'],
    counterExamples: ['step -> 32390203 bytes', 'page -> /api/32390203/x'],
    confidence: CONFIDENCE.weakContextCode,
    allowsShort: false,
    unknown: 'family',
    matches: (before) => ARROW.test(before),
  },
  {
    id: 'code.error-word',
    description: 'A module code right after a failure word: `connect failed 32390200`, `failed with 2302001`, `error 2100002`.',
    examples: ['createServer failed 32390202', 'send failed with 2302999', 'Error 2100003 while querying'],
    counterExamples: ['failed after 2302001 ms', 'error 401', 'failed 2302001 times'],
    confidence: CONFIDENCE.errorWordCode,
    allowsShort: false,
    unknown: 'family',
    matches: (before) => ERROR_WORD.test(before),
  },
  {
    id: 'code.with-message',
    description:
      "A catalogue code on the same line as its own message or alias, with no other key claiming the number: `2302001 Websocket url error`, `Connect timeout. (32390200)`.",
    examples: ['2302001 Websocket url error', 'Connect timeout. (32390200)', 'The callback already exists 2101008'],
    counterExamples: ['pid=2302001 Websocket url error', 'Websocket url error /api/2302001/x', '2302002 Websocket url error'],
    confidence: CONFIDENCE.codeWithMessage,
    allowsShort: true,
    unknown: 'none',
  },
];

/** Looks a rule up by id (throws on a typo: rule ids are a closed set). */
export function codeRule(id: string): CodeRule {
  const rule = CODE_RULES.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`no code rule ${id}`);
  return rule;
}
