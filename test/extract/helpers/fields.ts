import type { ParsedLine } from '../../../src/types.js';

/**
 * Test-only: the fields a parser would give for a hilog line (domain, tag, pid, tid, level, message), else a plain
 * line. Kept minimal on purpose so extraction tests do not depend on the parser under development.
 */
const HILOG = /^(\d\d-\d\d \d\d:\d\d:\d\d\.\d+)\s+(\d+)\s+(\d+)\s+([DIWEF])\s+([A-Za-z]?[0-9A-Fa-f]{4,5})\/(?:([^/:]+)\/)?([^:]+):\s?(.*)$/;

export function fieldsFor(line: string): ParsedLine {
  const m = HILOG.exec(line);
  if (m !== null) {
    const [, time, pid, tid, level, domain, process, tag, message] = m;
    const fields: ParsedLine = {
      format: 'hilog',
      timeText: time!,
      pid: Number(pid),
      tid: Number(tid),
      level: level!,
      domain: domain!,
      tag: tag!,
      message: message!,
    };
    return process === undefined ? fields : { ...fields, process };
  }
  if (line.startsWith('{')) {
    try {
      const json: unknown = JSON.parse(line);
      const msg = (json as { msg?: unknown }).msg;
      return { format: 'json', message: typeof msg === 'string' ? msg : line, json };
    } catch {
      // not JSON after all: a plain line
    }
  }
  return { format: 'plain', message: line };
}
