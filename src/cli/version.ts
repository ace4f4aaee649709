import { readFileSync } from 'node:fs';

/**
 * The package version, read from package.json next to dist/ (two levels up from dist/cli/ and src/cli/ alike).
 * Read synchronously and without yargs, so `errlens --version` costs one small file read.
 */
export function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    // A relocated bundle without package.json still runs; the version is then unknown, not fatal.
    return '0.0.0';
  }
}
