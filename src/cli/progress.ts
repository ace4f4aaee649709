import type { Writable } from 'node:stream';
import { formatBytes } from './format-bytes.js';

/** A progress display for a batch of files: bytes read of the total, the rate and the time left. */
export interface Progress {
  /** Counts `bytes` more raw bytes as read. */
  add(bytes: number): void;
  /** Erases the bar's line, so that output sharing the terminal starts on a clean line; the bar redraws itself. */
  clearLine(): void;
  /** Removes the bar for good. */
  stop(): void;
}

/**
 * Starts a progress bar on `stream` (stderr) for `total` bytes. cli-progress is loaded here, on demand, because
 * only a batch run on a terminal needs it and start-up time matters everywhere else.
 */
export async function startProgress(total: number, stream: Writable): Promise<Progress> {
  const { default: cliProgress } = await import('cli-progress');
  const started = Date.now();
  let done = 0;
  const bar = new cliProgress.SingleBar({
    stream,
    format: 'errlens {bar} {percentage}% | {done} of {size} | {rate} | ETA {eta_formatted}',
    barsize: 24,
    hideCursor: true,
    // Leave the terminal's line wrapping on (output may share the terminal); cli-progress then cuts the bar itself
    // to the terminal's width instead.
    linewrap: true,
    clearOnComplete: true,
    // The bar must come back after clearLine() even when the numbers have not changed since the last frame.
    forceRedraw: true,
    etaBuffer: 64,
    fps: 10,
  });
  const payload = (): Record<string, string> => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    return { done: formatBytes(done), size: formatBytes(total), rate: `${formatBytes(done / seconds)}/s` };
  };
  bar.start(Math.max(total, 1), 0, payload());
  let stopped = false;
  return {
    add(bytes) {
      if (stopped) return;
      done += bytes;
      bar.update(Math.min(done, total), payload());
    },
    clearLine() {
      if (!stopped) stream.write('\r\x1b[2K');
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
