import type { Readable, Writable } from 'node:stream';

/** A writable that may be a terminal, as process.stdout and process.stderr are. */
export type MaybeTty = Writable & { readonly isTTY?: boolean };

/** What the CLI touches of the process, gathered so that it is touched in one place. */
export interface CliIo {
  /** Standard input, created only when read: merely touching process.stdin opens a handle. */
  readonly stdin: () => Readable;
  readonly stdout: MaybeTty;
  readonly stderr: MaybeTty;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdin: () => process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}
