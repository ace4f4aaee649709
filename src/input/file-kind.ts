import type { Stats } from 'node:fs';

/** Why a path that exists cannot be read as a log, or undefined when it is a regular file. */
export function notRegularReason(st: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory';
  // A FIFO would block until a writer appears and a device may never end: neither is a log file.
  if (st.isFIFO()) return 'is a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device';
  if (st.isSocket()) return 'is a socket';
  return 'is not a regular file';
}
