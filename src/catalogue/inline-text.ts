/**
 * Renders Markdown inline syntax to the plain text a reader sees, for catalogue fields printed in a terminal.
 */

/** How inline code spans are rendered. */
export interface InlineOptions {
  /**
   * Keep the backticks of inline code spans (default true). Messages drop them: the page writes
   * "The `${messageInfo}` is not supported." but the runtime prints the text without backticks.
   */
  readonly keepCodeTicks?: boolean;
}

const CODE_SPAN = /`([^`]+)`/g;
const IMAGE_OR_LINK = /!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"\n]*")?\)/g;
const REFERENCE_LINK = /\[([^\]\n]+)\]\[[^\]\n]*\]/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]+)>/g;
// Emphasis spans are bounded (200 characters) so that many unmatched markers cannot make the search quadratic.
const BOLD_STARS = /\*\*(?=\S)([^\n]{0,200}?\S)\*\*/g;
const ITALIC_STARS = /\*(?=[^\s*])([^*\n]{0,200}?[^\s*])\*/g;
const BOLD_UNDERSCORES = /(^|[^\w])__(?=\S)([^_\n]{0,200}?\S)__(?!\w)/g;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;
// Only the formatting tags pages use (anchors such as `<a name="201"></a>` in headings); any other `<word>` is text,
// e.g. a placeholder in a message.
const INLINE_TAG = /<\/?(?:a|span|sup|sub|b|i|u|em|strong|code|font|div|p)(?:\s[^<>\n]{0,200})?>/gi;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
// Escaped punctuation is parked in the private-use area while markup is removed, so `\*` never starts emphasis.
const PARKED = /\uE000(\d{1,3})\uE001/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};
const ENTITY = /&(?:nbsp|lt|gt|amp|quot|#39);/g;

function renderProse(text: string): string {
  return text
    .replace(ESCAPE, (_match: string, char: string) => `\uE000${char.charCodeAt(0)}\uE001`)
    .replace(IMAGE_OR_LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(BOLD_STARS, '$1')
    .replace(ITALIC_STARS, '$1')
    .replace(BOLD_UNDERSCORES, '$1$2')
    .replace(LINE_BREAK_TAG, ' ')
    .replace(INLINE_TAG, '')
    .replace(PARKED, (_match: string, code: string) => String.fromCharCode(Number(code)))
    .replace(ENTITY, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Plain text of one Markdown paragraph or heading: link and image targets dropped (their text kept), bold markers
 * removed, escapes and a few entities decoded, white space collapsed. Inline code spans are left untouched inside.
 */
export function renderInline(text: string, options: InlineOptions = {}): string {
  const keepTicks = options.keepCodeTicks ?? true;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    const index = match.index;
    out += renderProse(text.slice(last, index));
    out += keepTicks ? match[0] : (match[1] ?? '').trim();
    last = index + match[0].length;
  }
  out += renderProse(text.slice(last));
  return out.replace(/\s+/g, ' ').trim();
}
