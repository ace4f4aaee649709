import type { Catalogue } from '../catalogue/catalogue.js';

/**
 * Code families: the module an OpenHarmony code belongs to by its numeric range, even when the catalogue lacks it.
 * Used to label unknown codes (`Hit.family`).
 */
const STATIC_FAMILIES: readonly { readonly re: RegExp; readonly family: (code: string) => string }[] = [
  { re: /^2302\d{3}$/, family: () => 'WebSocket' },
  { re: /^210[01]\d{3}$/, family: () => 'Network Connection Management' },
  { re: /^3239\d{4}$/, family: () => 'Link Enhancement' },
  // The JS-visible HTTP error is 2300000 + the curl code.
  { re: /^2300\d{3}$/, family: (code) => `HTTP (curl ${Number(code) - 2300000})` },
];

/**
 * Returns a function naming the family of a code: the static ranges above first, then the module of catalogue codes
 * of the same length sharing all but the last three digits (so a catalogue with other modules labels them too).
 */
export function familyResolver(catalogue: Catalogue): (code: string) => string | undefined {
  const byPrefix = new Map<string, string>();
  for (const entry of catalogue.entries) {
    if (!/^\d{6,9}$/.test(entry.code)) continue;
    const prefix = `${entry.code.length}:${entry.code.slice(0, -3)}`;
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, entry.module);
  }
  return (code) => {
    for (const f of STATIC_FAMILIES) if (f.re.test(code)) return f.family(code);
    if (!/^\d{6,9}$/.test(code)) return undefined;
    return byPrefix.get(`${code.length}:${code.slice(0, -3)}`);
  };
}
