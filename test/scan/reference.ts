/**
 * A slow, obviously-correct model of the chunk scanner: split the whole input into lines first, then decide each
 * line on its own. The property tests compare the real scanner, fed in arbitrary chunks, with this.
 */
import { isUtf8 } from 'node:buffer';
import { mayContinue } from '../../src/scan/continuation.js';

export interface RefLine {
  lineNumber: number;
  text: string; // latin1 of the kept bytes
  matched: boolean;
  truncated: boolean;
  suspect: boolean;
  context: boolean;
  skippedBefore: number;
}

export function splitLines(input: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  let i = 0;
  while (i < input.length) {
    const b = input[i];
    if (b === 0x0a || b === 0x0d) {
      lines.push(input.subarray(start, i));
      i += b === 0x0d && input[i + 1] === 0x0a ? 2 : 1;
      start = i;
    } else i++;
  }
  if (start < input.length) lines.push(input.subarray(start));
  return lines;
}

function cut(line: Buffer, max: number): Buffer {
  if (line.length <= max) return line;
  let end = max;
  let allowance = 3;
  while (allowance > 0 && end < line.length && ((line[end] as number) & 0xc0) === 0x80) {
    end++;
    allowance--;
  }
  return line.subarray(0, end);
}

export function referenceScan(
  input: Buffer,
  prefilter: RegExp,
  opts: { maxLineLength: number; foldLines: number; checkText?: boolean },
): { lines: RefLine[]; closed: number[]; linesRead: number } {
  const re = new RegExp(prefilter.source, prefilter.flags.replace(/[gsym]/g, '') + 'm');
  const raw = splitLines(input);
  const kept = raw.map((l) => cut(l, opts.maxLineLength));
  const info = raw.map((l, i) => {
    const k = kept[i] as Buffer;
    const text = k.toString('latin1');
    return {
      text,
      truncated: l.length > opts.maxLineLength,
      matched: re.test(text),
      suspect:
        (opts.checkText ?? true) &&
        (!isUtf8(k) || k.indexOf(0) !== -1 || k.indexOf(Buffer.from([0xef, 0xbf, 0xbd])) !== -1),
    };
  });
  const out: RefLine[] = [];
  const closed: number[] = [];
  let lastYielded = 0;
  let follow = 0;
  const emit = (n: number, context: boolean): void => {
    const x = info[n - 1]!;
    const matched = context ? x.matched && false : x.matched;
    out.push({ lineNumber: n, text: x.text, matched, truncated: x.truncated, suspect: context ? false : x.suspect, context, skippedBefore: n - lastYielded - 1 });
    lastYielded = n;
  };
  for (let n = 1; n <= raw.length; n++) {
    const x = info[n - 1]!;
    if (x.matched || x.truncated || x.suspect) {
      if (opts.foldLines > 1 && n - lastYielded > 1 && mayContinue(x.text)) {
        const lowest = Math.max(lastYielded + 1, n - (opts.foldLines - 1));
        let first = n;
        for (let j = n - 1; j >= lowest; j--) {
          first = j;
          if (!mayContinue(info[j - 1]!.text)) break;
        }
        for (let j = first; j < n; j++) {
          out.push({ lineNumber: j, text: info[j - 1]!.text, matched: false, truncated: info[j - 1]!.truncated, suspect: false, context: true, skippedBefore: j - lastYielded - 1 });
          lastYielded = j;
        }
      }
      emit(n, false);
      follow = Math.max(1, opts.foldLines) - 1;
      continue;
    }
    if (follow > 0) {
      if (n === lastYielded + 1 && mayContinue(x.text)) {
        follow--;
        emit(n, true);
        continue;
      }
      follow = 0;
      closed.push(n);
    }
  }
  return { lines: out, closed, linesRead: raw.length };
}
