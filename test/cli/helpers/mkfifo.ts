import { execFileSync } from 'node:child_process';

/** Node has no mkfifo; coreutils' does the job for tests. */
export function mkfifoSync(path: string): void {
  execFileSync('mkfifo', [path]);
}
