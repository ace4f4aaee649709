import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ErrlensError } from '../errors.js';

/** The file name searched for in the working directory and each of its parents. */
export const CONFIG_FILE_NAME = '.errlensrc.json';

/** The key of package.json that may hold the same settings. */
export const PACKAGE_JSON_KEY = 'errlens';

/**
 * Settings a config file may give: defaults for the flags of the same name (camelCase). Flags on the command line
 * always win. `catalogs` paths are resolved against the config file's folder, so a project's config works from any
 * sub-folder.
 */
export interface ConfigValues {
  catalog?: string[];
  defaultCatalog?: boolean;
  format?: string;
  all?: boolean;
  unknown?: boolean;
  explain?: boolean;
  code?: string[];
  module?: string[];
  level?: string[];
  year?: number;
  tz?: string;
  color?: string;
  stats?: boolean;
  exitZero?: boolean;
}

/** A config found on disk: where it was and what it says. */
export interface LoadedConfig {
  /** The `.errlensrc.json` or `package.json` the settings came from. */
  readonly file: string;
  readonly values: ConfigValues;
}

type Kind = 'boolean' | 'string' | 'strings' | 'integer';

/** Config key → its type. `catalogs` is the config's spelling of the repeatable `--catalog`. */
const KEYS: Readonly<Record<string, Kind>> = {
  catalogs: 'strings',
  defaultCatalog: 'boolean',
  format: 'string',
  all: 'boolean',
  unknown: 'boolean',
  explain: 'boolean',
  code: 'strings',
  module: 'strings',
  level: 'strings',
  year: 'integer',
  tz: 'string',
  color: 'string',
  stats: 'boolean',
  exitZero: 'boolean',
};

/** Values a choice-valued key accepts; `format` is checked against the formats this build offers. */
const COLOR_CHOICES = ['auto', 'always', 'never'];

/** Keys that could reach Object.prototype if the values were ever merged carelessly. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKind(key: string, value: unknown, kind: Kind, file: string): void {
  const ok =
    kind === 'boolean'
      ? typeof value === 'boolean'
      : kind === 'string'
        ? typeof value === 'string'
        : kind === 'integer'
          ? typeof value === 'number' && Number.isInteger(value)
          : Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (!ok) {
    const expected = kind === 'strings' ? 'an array of strings' : kind === 'integer' ? 'an integer' : `a ${kind}`;
    throw new ErrlensError('E_CONFIG', `invalid value for "${key}" in config (expected ${expected})`, file);
  }
}

/**
 * Checks a parsed config object and turns it into flag defaults.
 * @param raw - the parsed JSON (the whole `.errlensrc.json`, or package.json's `errlens` value)
 * @param file - the file it came from, named in errors and used to resolve `catalogs`
 * @param formats - the `--format` values this build offers
 * @throws ErrlensError E_CONFIG on an unknown or forbidden key, or a value of the wrong type or choice.
 */
export function validateConfig(raw: unknown, file: string, formats: readonly string[]): ConfigValues {
  if (!isPlainObject(raw)) throw new ErrlensError('E_CONFIG', 'config must be a JSON object', file);
  const values: ConfigValues = {};
  for (const key of Object.keys(raw)) {
    if (FORBIDDEN.has(key)) throw new ErrlensError('E_CONFIG', `forbidden key "${key}" in config`, file);
    const kind = KEYS[key];
    if (kind === undefined) throw new ErrlensError('E_CONFIG', 'unknown option in config', `${file}: ${key}`);
    const value = raw[key];
    checkKind(key, value, kind, file);
    switch (key) {
      case 'catalogs':
        values.catalog = (value as string[]).map((p) => resolve(dirname(file), p));
        break;
      case 'format':
        if (!formats.includes(value as string)) {
          throw new ErrlensError('E_CONFIG', `invalid value for "format" in config (expected ${formats.join(', ')})`, file);
        }
        values.format = value as string;
        break;
      case 'color':
        if (!COLOR_CHOICES.includes(value as string)) {
          throw new ErrlensError('E_CONFIG', `invalid value for "color" in config (expected ${COLOR_CHOICES.join(', ')})`, file);
        }
        values.color = value as string;
        break;
      default:
        // Every remaining key has the flag's own name and a type checked above.
        (values as Record<string, unknown>)[key] = value;
    }
  }
  return values;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ErrlensError('E_CONFIG', 'cannot read config', file, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ErrlensError('E_CONFIG', `invalid JSON in config (${(err as Error).message})`, file, { cause: err });
  }
}

/**
 * Finds the nearest config, searching `cwd` and then each parent folder: in each, `.errlensrc.json` first, then a
 * `package.json` with an `errlens` key. A package.json without the key does not stop the search.
 * @returns the validated config, or undefined when there is none.
 * @throws ErrlensError E_CONFIG for an unreadable, malformed or invalid config.
 */
export async function findConfig(cwd: string, formats: readonly string[]): Promise<LoadedConfig | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    const rcFile = join(dir, CONFIG_FILE_NAME);
    const rc = await readJson(rcFile);
    if (rc !== undefined) return { file: rcFile, values: validateConfig(rc, rcFile, formats) };
    const pkgFile = join(dir, 'package.json');
    const pkg = await readJson(pkgFile).catch(() => undefined);
    if (isPlainObject(pkg) && Object.prototype.hasOwnProperty.call(pkg, PACKAGE_JSON_KEY)) {
      return { file: pkgFile, values: validateConfig(pkg[PACKAGE_JSON_KEY], pkgFile, formats) };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
