import { EXIT_SIGINT, EXIT_SIGTERM } from '../errors.js';

/** The signals that stop errlens, with the exit status each one ends in. */
export const STOP_SIGNALS = { SIGINT: EXIT_SIGINT, SIGTERM: EXIT_SIGTERM } as const;

/** A signal errlens stops on. */
export type StopSignal = keyof typeof STOP_SIGNALS;

let received: StopSignal | undefined;
const listeners = new Set<(signal: StopSignal) => void>();
let installed = false;

/**
 * Takes over SIGINT and SIGTERM for the life of the process; called first thing at start-up, so that even a signal
 * that arrives while modules load ends errlens with the documented status rather than a signal death. While a scan listens (see {@link onStopSignal}), the first signal asks it
 * to stop reading and flush what it holds; with no listener, or on a second signal (the user will not wait), the
 * process exits at once with the signal's status (130 or 143).
 */
export function installStopSignals(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    process.on(signal, () => {
      if (received !== undefined || listeners.size === 0) {
        process.exit(STOP_SIGNALS[signal]);
        return;
      }
      received = signal;
      for (const listener of listeners) listener(signal);
    });
  }
}

/**
 * Calls `listener` on the first stop signal (at once, on the next tick, if it came already).
 * @returns a function that removes the listener.
 */
export function onStopSignal(listener: (signal: StopSignal) => void): () => void {
  listeners.add(listener);
  const already = received;
  if (already !== undefined) queueMicrotask(() => listener(already));
  return () => {
    listeners.delete(listener);
  };
}
