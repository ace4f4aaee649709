/**
 * Reading a catalogue written by `errlens catalog build`: strict shape checks, because a catalogue file may come from
 * anywhere and its entries end up in every output.
 */
import { ErrlensError } from '../errors.js';
import type { CatalogueEntry, CatalogueJson } from '../types.js';
import { placeholderPattern } from './placeholder-pattern.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const TOP_KEYS = ['schemaVersion', 'version', 'entries'] as const;
const ENTRY_KEYS = [
  'id',
  'code',
  'page',
  'kit',
  'subsystem',
  'module',
  'title',
  'message',
  'description',
  'causes',
  'solutions',
  'reference',
  'aliases',
  'systemOnly',
] as const;
const CODE = /^-?\d{1,12}$/;

type Json = Record<string, unknown>;

class ShapeError extends Error {}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectKeys(value: Json, required: readonly string[], optional: readonly string[], at: string): void {
  for (const key of required) if (!Object.hasOwn(value, key)) throw new ShapeError(`${at}.${key} is missing`);
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) throw new ShapeError(`${at} has an unknown key "${key}"`);
  }
}

function expectString(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new ShapeError(`${at} must be a string`);
  return value;
}

function expectStringOrNull(value: unknown, at: string): string | null {
  if (value !== null && typeof value !== 'string') throw new ShapeError(`${at} must be a string or null`);
  return value;
}

function expectStrings(value: unknown, at: string): string[] {
  if (!Array.isArray(value)) throw new ShapeError(`${at} must be an array of strings`);
  return value.map((item, i) => expectString(item, `${at}[${i}]`));
}

function readEntry(value: unknown, at: string): CatalogueEntry {
  if (!isObject(value)) throw new ShapeError(`${at} must be an object`);
  expectKeys(value, ENTRY_KEYS, ['messagePattern', 'solutionsBy'], at);
  const code = expectString(value.code, `${at}.code`);
  if (!CODE.test(code)) throw new ShapeError(`${at}.code must be a decimal error code, not "${code}"`);
  const page = value.page;
  if (!isObject(page)) throw new ShapeError(`${at}.page must be an object`);
  expectKeys(page, ['title', 'file'], [], `${at}.page`);
  const file = expectString(page.file, `${at}.page.file`);
  const id = expectString(value.id, `${at}.id`);
  if (id !== `${file}#${code}`) throw new ShapeError(`${at}.id must be "${file}#${code}", not "${id}"`);
  const reference = value.reference;
  if (!isObject(reference)) throw new ShapeError(`${at}.reference must be an object`);
  expectKeys(reference, ['page', 'anchor'], [], `${at}.reference`);
  const message = expectString(value.message, `${at}.message`);
  if (Object.hasOwn(value, 'messagePattern')) expectString(value.messagePattern, `${at}.messagePattern`);
  // The pattern is derived again from the message rather than taken from the file: a pattern from a file could be a
  // regular expression with catastrophic backtracking run against every log line, and a catalogue written by an
  // older errlens gets the current derivation.
  const pattern = placeholderPattern(message);
  if (typeof value.systemOnly !== 'boolean') throw new ShapeError(`${at}.systemOnly must be a boolean`);
  if (Object.hasOwn(value, 'solutionsBy') && value.solutionsBy !== 'errlens') {
    throw new ShapeError(`${at}.solutionsBy must be "errlens" when present`);
  }
  return {
    id,
    code,
    page: { title: expectString(page.title, `${at}.page.title`), file },
    kit: expectStringOrNull(value.kit, `${at}.kit`),
    subsystem: expectStringOrNull(value.subsystem, `${at}.subsystem`),
    module: expectString(value.module, `${at}.module`),
    title: expectString(value.title, `${at}.title`),
    message,
    ...(pattern === undefined ? {} : { messagePattern: pattern }),
    description: expectString(value.description, `${at}.description`),
    causes: expectStrings(value.causes, `${at}.causes`),
    solutions: expectStrings(value.solutions, `${at}.solutions`),
    ...(value.solutionsBy === 'errlens' ? { solutionsBy: 'errlens' as const } : {}),
    reference: {
      page: expectString(reference.page, `${at}.reference.page`),
      anchor: expectString(reference.anchor, `${at}.reference.anchor`),
    },
    aliases: expectStrings(value.aliases, `${at}.aliases`),
    systemOnly: value.systemOnly,
  };
}

/**
 * Parses and validates a catalogue JSON document. Only the shape errlens writes is accepted: exact keys, exact
 * types, ids consistent with page and code, no duplicate ids, and none of the keys `__proto__`, `constructor` or
 * `prototype` anywhere. The result is built from fresh objects, never from the parsed ones; `messagePattern` is
 * derived again from the message, never taken from the file.
 *
 * @param where names the file in errors.
 * @throws ErrlensError E_CATALOGUE_SHAPE (`<reason>: <where>`) when the text is not such a catalogue.
 */
export function parseCatalogueJson(text: string, where: string): CatalogueJson {
  let data: unknown;
  try {
    data = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ShapeError(`forbidden key "${key}" in catalogue JSON`);
      return value;
    });
  } catch (err) {
    const reason = err instanceof ShapeError ? err.message : `invalid JSON (${(err as Error).message})`;
    throw new ErrlensError('E_CATALOGUE_SHAPE', reason, where, { cause: err });
  }
  try {
    if (!isObject(data)) throw new ShapeError('a catalogue must be a JSON object');
    expectKeys(data, TOP_KEYS, [], 'catalogue');
    if (data.schemaVersion !== 1) throw new ShapeError('catalogue.schemaVersion must be 1');
    const version = expectString(data.version, 'catalogue.version');
    if (version.trim() === '') throw new ShapeError('catalogue.version must not be empty');
    if (!Array.isArray(data.entries)) throw new ShapeError('catalogue.entries must be an array');
    const ids = new Set<string>();
    const entries = data.entries.map((value: unknown, i) => {
      const entry = readEntry(value, `entries[${i}]`);
      if (ids.has(entry.id)) throw new ShapeError(`entries[${i}].id "${entry.id}" appears twice`);
      ids.add(entry.id);
      return entry;
    });
    return { schemaVersion: 1, version, entries };
  } catch (err) {
    if (err instanceof ShapeError) throw new ErrlensError('E_CATALOGUE_SHAPE', err.message, where);
    throw err;
  }
}
