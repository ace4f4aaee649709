/**
 * First pass of the page compiler: splits a Markdown page into lines, marks fenced code, strips HTML comments
 * (reading the `Kit`/`Subsystem` metadata and the `Del`/`DelEnd` system-only markers on the way).
 */
import { ErrlensError } from '../errors.js';

/** One line of a page after comments are stripped. */
export interface PageLine {
  /** 1-based line number in the page. */
  readonly no: number;
  /** The text with HTML comments removed (verbatim inside code fences). */
  readonly text: string;
  /** Position in a fenced code block, or null for ordinary lines. */
  readonly fence: 'open' | 'body' | 'close' | null;
  /** True when the line lies (even partly) inside a `<!--Del-->…<!--DelEnd-->` region. */
  readonly inDel: boolean;
}

/** What the first pass yields. */
export interface PageLines {
  readonly lines: readonly PageLine[];
  readonly kit: string | null;
  readonly subsystem: string | null;
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})/;

/** Throws the compiler's one error type at `where:line`. */
export function parseError(reason: string, where: string, line: number): ErrlensError {
  return new ErrlensError('E_CATALOGUE_PARSE', reason, `${where}:${line}`);
}

/**
 * Splits `text` (LF, CRLF or CR line ends, optional BOM) into lines. Comments may span lines; inside code fences
 * nothing is interpreted. A line that held only comments is dropped rather than left blank, so a marker between two
 * lines of a paragraph or list does not split it.
 *
 * @throws ErrlensError E_CATALOGUE_PARSE on an unterminated code fence, comment or Del region, a nested Del or a
 *   DelEnd without Del: each would otherwise swallow or misplace the rest of the page silently.
 */
export function splitPageLines(text: string, where: string): PageLines {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const lines: PageLine[] = [];
  let kit: string | null = null;
  let subsystem: string | null = null;
  let fence: { closing: RegExp; line: number } | null = null;
  let comment: { line: number; body: string } | null = null;
  let delLine: number | null = null;

  const handleComment = (body: string, line: number): void => {
    const trimmed = body.trim();
    if (trimmed === 'Del') {
      if (delLine !== null) throw parseError(`<!--Del--> inside the Del region opened at line ${delLine}`, where, line);
      delLine = line;
      return;
    }
    if (trimmed === 'DelEnd') {
      if (delLine === null) throw parseError('<!--DelEnd--> without a matching <!--Del-->', where, line);
      delLine = null;
      return;
    }
    const meta = /^(Kit|Subsystem)\s*:\s*(.*)$/is.exec(trimmed);
    if (meta !== null) {
      const value = (meta[2] ?? '').trim();
      if (value === '') return;
      if ((meta[1] ?? '').toLowerCase() === 'kit') kit ??= value;
      else subsystem ??= value;
    }
    // Every other comment (<!--RP1-->, <!--DelRow-->, Owner, Designer, …) is a docs-build marker: dropped.
  };

  raw.forEach((lineText, index) => {
    const no = index + 1;
    if (fence !== null) {
      const isClose = fence.closing.test(lineText);
      lines.push({ no, text: lineText, fence: isClose ? 'close' : 'body', inDel: delLine !== null });
      if (isClose) fence = null;
      return;
    }
    if (comment === null) {
      const open = FENCE_OPEN.exec(lineText);
      if (open !== null) {
        const marker = open[2] ?? '```';
        // A fence closes only with the same character, at least as many times, and nothing else on the line.
        fence = { closing: new RegExp(`^\\s*${marker[0] === '~' ? '~' : '`'}{${marker.length},}\\s*$`), line: no };
        lines.push({ no, text: lineText, fence: 'open', inDel: delLine !== null });
        return;
      }
    }
    const delAtStart = delLine !== null;
    let out = '';
    let rest = lineText;
    let hadComment = comment !== null;
    for (;;) {
      if (comment !== null) {
        const end = rest.indexOf('-->');
        if (end < 0) {
          comment.body += `${rest}\n`;
          break;
        }
        comment.body += rest.slice(0, end);
        handleComment(comment.body, comment.line);
        comment = null;
        rest = rest.slice(end + 3);
        continue;
      }
      const start = rest.indexOf('<!--');
      if (start < 0) {
        out += rest;
        break;
      }
      hadComment = true;
      out += rest.slice(0, start);
      rest = rest.slice(start + 4);
      comment = { line: no, body: '' };
    }
    if (hadComment && out.trim() === '') return;
    lines.push({ no, text: out, fence: null, inDel: delAtStart || delLine !== null });
  });

  // TS narrows these to their initial values because they are assigned inside a callback; re-widen them.
  const openFence = fence as { closing: RegExp; line: number } | null;
  const openComment = comment as { line: number; body: string } | null;
  const openDel = delLine as number | null;
  if (openFence !== null) throw parseError('unterminated code block', where, openFence.line);
  if (openComment !== null) throw parseError('unterminated HTML comment', where, openComment.line);
  if (openDel !== null) throw parseError('unterminated <!--Del--> region (no <!--DelEnd-->)', where, openDel);
  return { lines, kit, subsystem };
}
