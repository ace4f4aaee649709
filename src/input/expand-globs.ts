import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Characters that make an argument a glob pattern (as tinyglobby reads it). */
const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands glob patterns the shell left alone (quoted, or on Windows), in argument order. An argument that names an
 * existing path is kept as it is even when it holds glob characters; a pattern that matches nothing is kept as it
 * is too, so that reading it reports "no such file". Matches of one pattern are sorted, to make output stable.
 */
export async function expandGlobs(args: readonly string[], cwd: string = process.cwd()): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-' || !GLOB_CHARS.test(arg) || (await exists(resolve(cwd, arg)))) {
      out.push(arg);
      continue;
    }
    // Loaded only when a pattern is present: plain file lists must not pay for it at start-up.
    const { glob } = await import('tinyglobby');
    const matches = await glob(arg, { cwd, onlyFiles: true, dot: false, expandDirectories: false });
    if (matches.length === 0) out.push(arg);
    else out.push(...matches.sort());
  }
  return out;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
