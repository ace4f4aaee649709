import { readFileSync } from 'node:fs';

/** CPU ticks (user + system) a process has used, from /proc/<pid>/stat (Linux). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits until a process has used no CPU for `quietMs`: after start-up and after reading what it was given, errlens
 * blocks on its input. Tests that must signal a process only once it is reading use this instead of a fixed sleep.
 */
export async function waitUntilIdle(pid: number, quietMs = 400, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = cpuTicks(pid);
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() > deadline) throw new Error(`process ${pid} did not go idle within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
    const now = cpuTicks(pid);
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}
