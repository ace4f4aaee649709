// The baselines errlens is compared with, and the regular expression they share.
//
// The code-in-context regex is a POSIX ERE without intervals ({m,n}), because mawk 1.3.4 before 20200717 treats
// intervals as literal text (and so silently matches nothing). It matches a context word, up to three separators
// (and an optional "is"), then the number: `code: 2302001`, `"code":"32390200"`, `code is 401`, `Err.code is: -1`,
// `result 2101022`, `errorCode: 2100002`, `OnError 200`, `err=-426115004`.

const SEP = '[^0-9A-Za-z]';
export const CODE_IN_CONTEXT_ERE = `(code|Code|err|Err|result|OnError)${SEP}?${SEP}?${SEP}?(is${SEP}${SEP}?${SEP}?)?-?[0-9]+`;

/** An awk program counting codes per value with the regex in `re` (passed with -v); prints the total. */
export const AWK_COUNT_CODES =
  '{ s = $0; while (match(s, re)) { m = substr(s, RSTART, RLENGTH); sub(/^[^0-9-]*/, "", m); c[m]++; s = substr(s, RSTART + RLENGTH) } }\n' +
  'END { for (k in c) n += c[k]; print n + 0 }';

/** A jq program counting `err.code` values over JSON lines; prints the total. */
export const JQ_COUNT_ERR_CODES = 'reduce (inputs | .err.code? // empty | tostring) as $c ({}; .[$c] += 1) | [.[]] | add // 0';

/**
 * Baseline jobs for a hilog file.
 * @param {string} file
 */
export function hilogBaselines(file) {
  return [
    { name: 'cat', tool: 'cat', cmd: 'cat', args: [file], stdout: 'null' },
    { name: 'rg -c', tool: 'rg', cmd: 'rg', args: ['-c', CODE_IN_CONTEXT_ERE, file], stdout: 'capture' },
    { name: 'grep -cE', tool: 'grep', cmd: 'grep', args: ['-cE', CODE_IN_CONTEXT_ERE, file], stdout: 'capture' },
    { name: 'mawk count', tool: 'mawk', cmd: 'mawk', args: ['-v', `re=${CODE_IN_CONTEXT_ERE}`, AWK_COUNT_CODES, file], stdout: 'capture' },
    { name: 'gawk count', tool: 'gawk', cmd: 'gawk', args: ['-v', `re=${CODE_IN_CONTEXT_ERE}`, AWK_COUNT_CODES, file], stdout: 'capture' },
  ];
}

/** Baseline jobs for a JSON-lines file. */
export function jsonBaselines(file) {
  return [
    { name: 'cat (json)', tool: 'cat', cmd: 'cat', args: [file], stdout: 'null' },
    { name: 'jq count', tool: 'jq', cmd: 'jq', args: ['-n', JQ_COUNT_ERR_CODES, file], stdout: 'capture' },
  ];
}

/** Baseline jobs for a gzip file. */
export function gzipBaselines(file) {
  return [{ name: 'zcat', tool: 'zcat', cmd: 'zcat', args: [file], stdout: 'null' }];
}
