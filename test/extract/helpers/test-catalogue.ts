import { Catalogue } from '../../../src/catalogue/catalogue.js';
import type { CatalogueEntry } from '../../../src/types.js';

/** A hand-built catalogue entry: only what extraction reads is meaningful. */
export function entry(
  code: string,
  module: string,
  message: string,
  aliases: readonly string[] = [],
  file = `errorcode-${module.toLowerCase().replace(/\W+/g, '-')}.md`,
): CatalogueEntry {
  return {
    id: `${file}#${code}`,
    code,
    page: { title: `${module} Error Codes`, file },
    kit: null,
    subsystem: null,
    module,
    title: message,
    message,
    description: '',
    causes: [],
    solutions: [],
    reference: { page: file, anchor: code },
    aliases,
    systemOnly: false,
  };
}

/** A catalogue from hand-built entries, independent of the shipped default. */
export function testCatalogue(entries: readonly CatalogueEntry[]): Catalogue {
  return new Catalogue(entries, 'test');
}
