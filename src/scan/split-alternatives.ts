/**
 * Splitting a prefilter into faster parts.
 *
 * V8 searches a regular expression fastest when the characters an attempt can start with form a small set: it then
 * skips ahead instead of trying every position. A prefilter that mixes alternatives starting with digits (codes) and
 * alternatives starting with letters (words) loses that: measured on hilog text, the extractor's prefilter ran at
 * ~250 MB/s as one expression and ~400 MB/s as two (digits ~1.1 GB/s, words ~0.6 GB/s), while splitting further
 * was slower again. The leftmost match of the whole expression is the leftmost of the parts' matches, so searching
 * with the parts finds the same lines.
 */

/**
 * The top-level alternatives of a regular-expression source, or undefined when it has one, or holds a back-reference
 * (which would refer to a group of another part).
 */
export function topLevelAlternatives(source: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return undefined;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0 || inClass) return undefined;
  parts.push(source.slice(start));
  return parts.length > 1 ? parts : undefined;
}

/**
 * The searchers for a prefilter: the prefilter itself, or, when its top-level alternatives start some with a letter
 * and some with something else (digits, groups, assertions), one expression per kind, with the same flags.
 */
export function splitPrefilter(re: RegExp): RegExp[] {
  const parts = topLevelAlternatives(re.source);
  if (parts === undefined) return [re];
  const words: string[] = [];
  const others: string[] = [];
  for (const part of parts) (/^[A-Za-z]/.test(part) ? words : others).push(part);
  if (words.length === 0 || others.length === 0) return [re];
  return [new RegExp(others.join('|'), re.flags), new RegExp(words.join('|'), re.flags)];
}

/**
 * How a confirm test (see the chunk scanner's `confirm`) can be cut short for lines a searcher matched. When every
 * alternative of a searcher is also an alternative of the confirm test (the extractor's prefilter and line filter
 * share their code alternatives), a line that searcher matched passes the confirm test for sure: `implied[k]`. A
 * line only the other searchers matched passes it when it matches one of the confirm's other alternatives: `rest`
 * (`undefined`: none left, so such a line fails). Lines matched by an implied searcher skip the test; the others run
 * the smaller `rest`, which is much cheaper than the whole test (code alternatives with look-behinds cost the most).
 */
export interface ConfirmPlan {
  readonly implied: readonly boolean[];
  readonly rest: RegExp | undefined;
}

/** Plans the confirm test `confirm` (flags without `g`/`y`) for the searchers of a prefilter (see {@link splitPrefilter}). */
export function planConfirm(searchers: readonly RegExp[], confirm: RegExp): ConfirmPlan {
  const flags = confirm.flags.replace(/[gy]/g, '');
  const confirmParts = topLevelAlternatives(confirm.source) ?? [confirm.source];
  const own = new Set(confirmParts);
  const norm = (f: string): string => [...f.replace(/[gmy]/g, '')].sort().join('');
  const implied = searchers.map((r) => {
    if (norm(r.flags) !== norm(confirm.flags)) return false;
    const parts = topLevelAlternatives(r.source) ?? [r.source];
    return parts.every((part) => own.has(part));
  });
  const covered = new Set<string>();
  searchers.forEach((r, k) => {
    if (implied[k] === true) for (const part of topLevelAlternatives(r.source) ?? [r.source]) covered.add(part);
  });
  const left = confirmParts.filter((part) => !covered.has(part));
  return { implied, rest: left.length === 0 ? undefined : left.length === confirmParts.length ? new RegExp(confirm.source, flags) : new RegExp(left.join('|'), flags) };
}
