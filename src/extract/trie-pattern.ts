/** Regular-expression alternations built as character tries. */

/** Escapes every character that has a meaning in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A compact alternation matching exactly `strings`, as a character trie (`2302(?:00(?:1|2)|99(?:8|9))`,
 * `connect(?:ion|)`): shared prefixes are tested once, so the pattern stays small and quick however many strings
 * there are, and it cannot backtrack beyond one character per level. Children are sorted, so the pattern does not
 * depend on input order. A string that is also the prefix of a longer one gets an empty alternative, tried last.
 * Returns "" for no strings.
 */
export function trieAlternation(strings: readonly string[]): string {
  interface Node {
    readonly children: Map<string, Node>;
    end: boolean;
  }
  const root: Node = { children: new Map(), end: false };
  for (const text of strings) {
    let node = root;
    for (const ch of text) {
      let next = node.children.get(ch);
      if (next === undefined) {
        next = { children: new Map(), end: false };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.end = true;
  }
  const render = (node: Node): string => {
    const parts = [...node.children.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ch, child]) => escapeRegExp(ch) + render(child));
    if (node.end && parts.length > 0) parts.push('');
    if (parts.length === 0) return '';
    if (parts.length === 1) return parts[0] ?? '';
    return `(?:${parts.join('|')})`;
  };
  return root.children.size === 0 ? '' : render(root);
}
