import { spawn } from 'node:child_process';
import { baseEnv, collect, ERRLENS_BIN, REPO_ROOT } from './helpers/spawn-errlens.js';

describe('a live stdin (tail -f app.log | errlens)', () => {
  it('writes each hit within a second, while the input stays open', async () => {
    const child = spawn(process.execPath, [ERRLENS_BIN, '--format', 'ndjson'], { cwd: REPO_ROOT, env: baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const done = collect(child);
    // Let errlens start before timing the line.
    await new Promise((r) => setTimeout(r, 700));
    const arrivals: number[] = [];
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      arrivals.push(Date.now());
    });
    for (const code of ['2302001', '2101022']) {
      const sent = Date.now();
      const before = arrivals.length;
      child.stdin.write(`05-14 09:12:07.419  5394  5394 E A03d00/JSAPP: failed, code is ${code}, message is x\n`);
      while (arrivals.length === before && Date.now() - sent < 3000) await new Promise((r) => setTimeout(r, 10));
      expect(arrivals.length).toBeGreaterThan(before);
      expect((arrivals[arrivals.length - 1] as number) - sent).toBeLessThan(1000);
    }
    child.stdin.end();
    const run = await done;
    expect(run.status).toBe(0);
    expect(text.trim().split('\n').map((l) => (JSON.parse(l) as { error: { code: string } }).error.code)).toEqual(['2302001', '2101022']);
  });
});
