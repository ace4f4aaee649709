#!/usr/bin/env node
/**
 * The `errlens` executable. It only decides how to start: `--version` is answered without loading anything else
 * (start-up time is a feature), everything else goes to runCli, loaded on demand. The exit status is set on
 * process.exitCode so that pending output drains before the process ends.
 */
import { processIo } from './cli-io.js';
import { installStopSignals } from './signals.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { readVersion } = await import('./version.js');
  process.stdout.write(`${readVersion()}\n`);
} else {
  installStopSignals();
  // A closed stderr (`errlens 2>&1 | head -1`) leaves nowhere to report anything: its write errors must not crash
  // a run whose exit status is already decided by stdout.
  process.stderr.on('error', () => undefined);
  const { runCli } = await import('./run-cli.js');
  process.exitCode = await runCli(argv, processIo());
}
