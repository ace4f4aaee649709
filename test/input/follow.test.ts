import { appendFileSync, closeSync, copyFileSync, mkdirSync, openSync, renameSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { followFile } from '../../src/input/follow.js';
import { makeTempDir } from '../cli/helpers/temp-dir.js';

/** Gathers what a follower pushes, and waits for conditions on it. */
function collector(stream: Readable): { text: () => string; lines: () => string[]; waitFor: (pred: (text: string) => boolean, ms?: number) => Promise<void> } {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return {
    text: () => text,
    lines: () => text.split('\n').filter((l) => l !== ''),
    waitFor: async (pred, ms = 5000) => {
      const deadline = Date.now() + ms;
      while (!pred(text)) {
        if (Date.now() > deadline) throw new Error(`timed out; got so far: ${JSON.stringify(text)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('followFile', () => {
  const tmp = makeTempDir();
  const controllers: AbortController[] = [];
  afterAll(() => {
    for (const c of controllers) c.abort();
    tmp.remove();
  });
  function follow(file: string, fromStart = false): { c: ReturnType<typeof collector>; stop: () => void; stream: Readable; notices: string[] } {
    const controller = new AbortController();
    controllers.push(controller);
    const notices: string[] = [];
    const stream = followFile(file, { fromStart, pollIntervalMs: 50, signal: controller.signal, onNotice: (m) => notices.push(m) });
    return { c: collector(stream), stop: () => controller.abort(), stream, notices };
  }

  it('starts at the end, then sees every line of a rename rotation and a copytruncate exactly once', async () => {
    const file = path.join(tmp.dir, 'app.log');
    writeFileSync(file, 'old-0 written before errlens started\n');
    const { c, notices } = follow(file);
    await sleep(150);
    appendFileSync(file, 'line-1\nline-2\n');
    await c.waitFor((t) => t.includes('line-2\n'));

    // Rotation by rename, with lines the follower has not read yet on both sides of it: line-3 before the rename,
    // line-4 by a writer still holding the old file open, line-5 in the new file.
    const oldFd = openSync(file, 'a');
    appendFileSync(file, 'line-3\n');
    renameSync(file, `${file}.1`);
    writeSync(oldFd, 'line-4\n');
    closeSync(oldFd);
    writeFileSync(file, 'line-5\n');
    await c.waitFor((t) => t.includes('line-5\n'));
    appendFileSync(file, 'line-6\nline-7 a longer line so the truncated file is smaller\n');
    await c.waitFor((t) => t.includes('line-7'));

    // copytruncate: the content is copied away and the file cut to zero, then writing goes on from the start.
    copyFileSync(file, `${file}.2`);
    truncateSync(file, 0);
    appendFileSync(file, 'line-8\n');
    await c.waitFor((t) => t.includes('line-8\n'));
    appendFileSync(file, 'line-9\n');
    await c.waitFor((t) => t.includes('line-9\n'));

    expect(c.lines()).toEqual([
      'line-1',
      'line-2',
      'line-3',
      'line-4',
      'line-5',
      'line-6',
      'line-7 a longer line so the truncated file is smaller',
      'line-8',
      'line-9',
    ]);
    expect(notices).toEqual([`${file} has been replaced; following new file`, `${file}: file truncated`]);
  });

  it('holds a partial last line until its newline arrives', async () => {
    const file = path.join(tmp.dir, 'partial.log');
    writeFileSync(file, '');
    const { c } = follow(file);
    await sleep(100);
    appendFileSync(file, 'first half');
    await sleep(300);
    expect(c.text()).toBe('');
    appendFileSync(file, ' and second half\n');
    await c.waitFor((t) => t.endsWith('\n'));
    expect(c.text()).toBe('first half and second half\n');
  });

  it('ends an unterminated line of the old file at a rotation, so it never joins the new file\'s first line', async () => {
    const file = path.join(tmp.dir, 'unterminated.log');
    writeFileSync(file, '');
    const { c } = follow(file);
    await sleep(100);
    appendFileSync(file, 'no newline at the end');
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'new file line\n');
    await c.waitFor((t) => t.includes('new file line\n'));
    expect(c.lines()).toEqual(['no newline at the end', 'new file line']);
  });

  it('waits for a file that does not exist yet and reads it from its start when it appears', async () => {
    const file = path.join(tmp.dir, 'later.log');
    const { c, notices } = follow(file);
    await sleep(150);
    expect(notices).toEqual([`cannot open ${file}: no such file or directory; waiting for it`]);
    writeFileSync(file, 'born with this line\n');
    await c.waitFor((t) => t.includes('born'));
    expect(c.lines()).toEqual(['born with this line']);
    expect(notices[1]).toBe(`${file} has appeared; following new file`);
  });

  it('keeps going when the file disappears and comes back', async () => {
    const file = path.join(tmp.dir, 'flaky.log');
    writeFileSync(file, '');
    const { c, notices } = follow(file);
    await sleep(100);
    appendFileSync(file, 'before removal\n');
    await c.waitFor((t) => t.includes('before removal'));
    unlinkSync(file);
    await sleep(200);
    writeFileSync(file, 'after return\n');
    await c.waitFor((t) => t.includes('after return'));
    expect(c.lines()).toEqual(['before removal', 'after return']);
    expect(notices).toContain(`${file} has become inaccessible: no such file or directory`);
  });

  it('fails with "cannot read <path>: is a directory" for a directory', async () => {
    const dir = path.join(tmp.dir, 'a-dir');
    mkdirSync(dir);
    const { stream } = follow(dir);
    const error = await new Promise<Error>((resolve) => stream.on('error', resolve));
    expect(error.message).toBe(`cannot read ${dir}: is a directory`);
  });

  it('reads existing content first with fromStart, and ends with the held partial line when stopped', async () => {
    const file = path.join(tmp.dir, 'from-start.log');
    writeFileSync(file, 'existing-1\nexisting-2\ntrailing partial');
    const { c, stop, stream } = follow(file, true);
    await c.waitFor((t) => t.includes('existing-2\n'));
    const ended = new Promise((resolve) => stream.on('end', resolve));
    stop();
    await ended;
    expect(c.text()).toBe('existing-1\nexisting-2\ntrailing partial');
  });
});
