/** Exit statuses, as grep: 0 something found, 1 nothing found, 2 an error. */
export const EXIT_FOUND = 0;
export const EXIT_NOT_FOUND = 1;
export const EXIT_ERROR = 2;
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

/** Error codes errlens raises; the CLI prints `errlens: <message>: <where>` and exits 2. */
export type ErrlensErrorCode =
  | 'E_CATALOGUE_PARSE'
  | 'E_CATALOGUE_SHAPE'
  | 'E_CATALOGUE_READ'
  | 'E_INPUT_READ'
  | 'E_INPUT_GZIP'
  | 'E_CONFIG'
  | 'E_USAGE'
  | 'E_OUTPUT';

/**
 * The one error class of errlens. `what` says what went wrong, `where` names the place (a file, `file:line`, a flag),
 * so the CLI can print `errlens: <what>: <where>`.
 */
export class ErrlensError extends Error {
  readonly code: ErrlensErrorCode;
  readonly what: string;
  readonly where: string | undefined;

  constructor(code: ErrlensErrorCode, what: string, where?: string, options?: { cause?: unknown }) {
    super(where === undefined ? what : `${what}: ${where}`, options);
    this.name = 'ErrlensError';
    this.code = code;
    this.what = what;
    this.where = where;
  }
}

/** Formats any error for stderr as `errlens: <what>: <where>`. */
export function formatError(err: unknown): string {
  if (err instanceof ErrlensError) return `errlens: ${err.message}`;
  if (err instanceof Error) return `errlens: ${err.message}`;
  return `errlens: ${String(err)}`;
}
