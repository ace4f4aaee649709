/**
 * The catalogue errlens ships with, compiled at build time from catalogue/pages (see scripts/generate-catalogue.mjs).
 */
import { Catalogue } from './catalogue.js';
import { DEFAULT_CATALOGUE_JSON } from './default-catalogue.generated.js';

let cached: Catalogue | undefined;

/** The embedded default catalogue (built once, then shared: catalogues are immutable). */
export function getDefaultCatalogue(): Catalogue {
  cached ??= new Catalogue(DEFAULT_CATALOGUE_JSON.entries, DEFAULT_CATALOGUE_JSON.version);
  return cached;
}
