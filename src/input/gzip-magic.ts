/** The two bytes every gzip member starts with (RFC 1952, ID1 ID2). */
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** True when `head` starts with the gzip magic bytes; the file's name plays no part. */
export function isGzipHead(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}
