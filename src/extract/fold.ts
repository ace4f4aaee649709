/**
 * Internal network-management codes that the system folds into public ones before an app sees them; native logs may
 * still print the internal form. Ranges are from the network-connection service source (FACTS: 2100101–2100105 →
 * 2100003, 2100201–2100208 → 2100002).
 */
const INTERNAL_RANGES: readonly { readonly from: number; readonly to: number; readonly publicCode: string }[] = [
  { from: 2100101, to: 2100105, publicCode: '2100003' },
  { from: 2100201, to: 2100208, publicCode: '2100002' },
];

/** The public code `code` folds into, or undefined when `code` is not an internal code. */
export function foldInternalCode(code: string): string | undefined {
  if (code.length !== 7) return undefined;
  const n = Number(code);
  for (const r of INTERNAL_RANGES) if (n >= r.from && n <= r.to) return r.publicCode;
  return undefined;
}

/** Regex sources matching every internal code that folds, for the prefilter. */
export const INTERNAL_CODE_SOURCES: readonly string[] = ['210010[1-5]', '210020[1-8]'];
