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

export interface RefOptions {
  maxLineLength: number;
  foldLines: number;
  checkText?: boolean;
  contextBefore?: number;
  contextAfter?: number;
  edges?: boolean;
}

export function referenceScan(input: Buffer, prefilter: RegExp, opts: RefOptions): { lines: RefLine[]; closed: number[]; linesRead: number } {
  const re = new RegExp(prefilter.source, prefilter.flags.replace(/[gsym]/g, '') + 'm');
  const F = Math.max(1, opts.foldLines);
  const B = opts.contextBefore ?? 0;
  const A = opts.contextAfter ?? 0;
  const edges = opts.edges ?? false;
  const raw = splitLines(input);
  const kept = raw.map((l) => cut(l, opts.maxLineLength));
  const info = raw.map((l, i) => {
    const k = kept[i] as Buffer;
    const text = k.toString('latin1');
    return {
      text,
      truncated: l.length > opts.maxLineLength,
      matched: re.test(text),
      suspect: (opts.checkText ?? true) && (!isUtf8(k) || k.indexOf(0) !== -1 || k.indexOf(Buffer.from([0xef, 0xbf, 0xbd])) !== -1),
    };
  });
  const at = (n: number): (typeof info)[number] => info[n - 1]!;
  const out: RefLine[] = [];
  const closed: number[] = [];
  let lastYielded = 0;
  const emit = (n: number, context: boolean): void => {
    const x = at(n);
    out.push({
      lineNumber: n,
      text: x.text,
      matched: context ? false : x.matched,
      truncated: x.truncated,
      suspect: context ? false : x.suspect,
      context,
      skippedBefore: n - lastYielded - 1,
    });
    lastYielded = n;
  };
  let watch = edges;
  let follow = 0;
  let after = 0;
  for (let n = 1; n <= raw.length; n++) {
    const x = at(n);
    if (x.matched || x.truncated || x.suspect) {
      if (n - lastYielded > 1) {
        let first = n;
        if (F > 1 && mayContinue(x.text)) {
          for (let j = n - 1; j >= Math.max(lastYielded + 1, n - (F - 1)); j--) {
            first = j;
            if (!mayContinue(at(j).text)) break;
          }
        }
        first = Math.min(first, Math.max(lastYielded + 1, n - B));
        for (let j = first; j < n; j++) emit(j, true);
      }
      emit(n, false);
      follow = F - 1;
      after = A;
    } else if (edges && n === 1) {
      emit(n, true);
      follow = F - 1;
    } else if (watch) {
      if (follow > 0 && mayContinue(x.text)) follow--;
      else if (after > 0) {
        after--;
        follow = F - 1;
      } else {
        watch = false;
        if (F > 1) closed.push(n);
        continue;
      }
      emit(n, true);
    } else continue;
    watch = F > 1 || after > 0;
  }
  if (edges && raw.length > 0 && lastYielded < raw.length) emit(raw.length, true);
  return { lines: out, closed, linesRead: raw.length };
}
