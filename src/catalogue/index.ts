/**
 * The catalogue: Markdown error-code pages compiled into entries, the lookup over them, and the embedded default.
 */
export { Catalogue, normaliseText } from './catalogue.js';
export { parsePage, moduleName, MAX_PAGE_CHARS, type ParsedPage, type ParsePageOptions } from './parse-page.js';
export { placeholderPattern, escapeRegExp, hasPlaceholder } from './placeholder-pattern.js';
export { RUNTIME_ALIASES, withAliases } from './aliases.js';
export { UNIVERSAL_ENTRIES, UNIVERSAL_PAGE } from './universal.js';
export { getDefaultCatalogue } from './default-catalogue.js';
export { parseCatalogueJson } from './catalogue-json.js';
export { headingSlug } from './slug.js';
export {
  compileCatalogue,
  loadCatalogue,
  looksLikeErrorCodePage,
  MAX_PAGE_BYTES,
  MAX_JSON_BYTES,
  MAX_FOLDER_PAGES,
  type CompiledCatalogue,
  type LoadCatalogueOptions,
  type SkippedPage,
} from './load.js';
