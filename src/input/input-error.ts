import { ErrlensError } from '../errors.js';

/** Human reasons for the errno codes reading or writing can fail with, worded like coreutils but in lower case. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ENOSPC: 'no space left on device',
  EFBIG: 'file too large',
};

/** True for the errors zlib raises on a truncated or corrupt gzip stream (Z_BUF_ERROR, Z_DATA_ERROR, ...). */
export function isGzipError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** The short reason for an I/O error: the errno text when known, else the error's own message. */
export function errnoReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && REASONS[code] !== undefined) return REASONS[code];
  return err instanceof Error ? err.message : String(err);
}

/**
 * Wraps any failure met while reading `name` as an ErrlensError: `corrupt gzip: <name>` for zlib errors,
 * else `cannot read <name>: <reason>`. ErrlensErrors pass through unchanged.
 */
export function toInputError(name: string, err: unknown): ErrlensError {
  if (err instanceof ErrlensError) return err;
  if (isGzipError(err)) return new ErrlensError('E_INPUT_GZIP', 'corrupt gzip', name, { cause: err });
  return new ErrlensError('E_INPUT_READ', `cannot read ${name}`, errnoReason(err), { cause: err });
}
