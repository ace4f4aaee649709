import { EXIT_ERROR, EXIT_FOUND, EXIT_NOT_FOUND } from '../errors.js';
import { STOP_SIGNALS, type StopSignal } from './signals.js';

/** How a scan ended, as far as the exit status is concerned. */
export interface ScanOutcome {
  /** The signal that stopped the scan, if one did. */
  readonly signal?: StopSignal;
  /** True when the reader of stdout went away (EPIPE): a normal end, as for `errlens x | head -1`. */
  readonly outputClosed: boolean;
  /** Inputs, catalogues or output that failed. */
  readonly errors: number;
  /** Records with at least one hit that passed the filters. */
  readonly found: number;
  /** `--exit-zero`: "nothing found" is a success too. */
  readonly exitZero: boolean;
  /** `--quiet` stopped at its first hit: as with `grep -q`, that is a success even after an error. */
  readonly quietHit?: boolean;
}

/**
 * The exit status, as grep: 0 something found, 1 nothing found, 2 an error. A signal wins over everything
 * (130 for SIGINT, 143 for SIGTERM); `--quiet`'s first hit is a success even after an error (as `grep -q`); a closed
 * output pipe is a success (0) unless an error came first.
 */
export function exitStatus(outcome: ScanOutcome): number {
  if (outcome.signal !== undefined) return STOP_SIGNALS[outcome.signal];
  if (outcome.quietHit === true) return EXIT_FOUND;
  if (outcome.errors > 0) return EXIT_ERROR;
  if (outcome.outputClosed) return EXIT_FOUND;
  if (outcome.found > 0) return EXIT_FOUND;
  return outcome.exitZero ? EXIT_FOUND : EXIT_NOT_FOUND;
}
