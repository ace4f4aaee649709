/**
 * Redaction of personal and network identifiers in sample lines.
 *
 * Summaries travel: they are pasted into issues and merged across devices. Sample lines are the only place log
 * content reaches a summary, so this is where addresses, ids and secrets are masked. Counts never pass through
 * here, so redaction cannot change them.
 */

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

/** Characters that may sit in a URL, up to white space, quotes or brackets that usually end one in a log. */
const URL = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/**
 * Order matters: URL query values first (their values may hold anything), then e-mail (its domain looks like
 * nothing else), MAC before IPv6 (a MAC is colon-separated hex too), UUIDs before bare hex runs.
 */
const RULES: readonly Rule[] = [
  {
    name: 'url-query',
    pattern: URL,
    replace: (url) => url.replace(/([?&][^=&#?]+=)[^&#]+/g, '$1<redacted>'),
  },
  {
    name: 'bearer',
    pattern: /\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi,
    replace: (_m, word = 'Bearer') => `${word} <token>`,
  },
  {
    name: 'email',
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    replace: () => '<email>',
  },
  {
    name: 'mac',
    pattern: /(?<![0-9A-Fa-f:-])(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])/g,
    replace: () => '<mac>',
  },
  {
    // Full eight-group form, or a compressed form with "::". Times such as 10:15:02 have only two colons and no
    // "::", so they never match; C++ scopes such as std::string hold letters beyond a-f.
    name: 'ipv6',
    pattern:
      /(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?|::(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})(?:%[0-9A-Za-z]+)?(?![0-9A-Fa-f:]|[G-Zg-z_])/g,
    replace: () => '<ipv6>',
  },
  {
    name: 'ipv4',
    pattern: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)/g,
    replace: () => '<ipv4>',
  },
  {
    name: 'uuid',
    pattern: /\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b/g,
    replace: () => '<id>',
  },
  {
    // Device ids (UDID, 64 hex), network ids and handles. At least 16 hex digits with a letter among them, so
    // decimal error codes, pids and millisecond times stay; 32+ digits are masked whatever they hold.
    name: 'hex-id',
    pattern: /(?<![0-9A-Za-z])(?:0x)?(?=[0-9A-Fa-f]*[A-Fa-f])[0-9A-Fa-f]{16,}(?![0-9A-Za-z])|(?<![0-9A-Za-z])\d{32,}(?![0-9A-Za-z])/g,
    replace: () => '<hex>',
  },
];

/**
 * Masks IPv4/IPv6 and MAC addresses, e-mail addresses, UUIDs and long hex ids (device and network ids), bearer
 * tokens and URL query values in `text`, each with a visible placeholder such as `<ipv4>` or `<redacted>`.
 * Idempotent: redacting redacted text changes nothing.
 */
export function redactText(text: string): string {
  // A mask can expose a neighbour that a boundary check had protected (a MAC glued to an IPv4), so repeat until
  // nothing changes; in practice the second pass finds nothing. Only sample lines come here, so this is cheap.
  let out = text;
  for (let pass = 0; pass < 5; pass++) {
    const before = out;
    for (const rule of RULES) out = out.replace(rule.pattern, rule.replace);
    if (out === before) break;
  }
  return out;
}
