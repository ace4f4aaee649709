// Preloaded with `node --import` by tests that check which modules a run loads: appends the URL of every ES module
// the run loads, one a line, to the file named by ERRLENS_LOAD_LOG.
import { register } from 'node:module';

register('./record-loads-hook.mjs', import.meta.url, { data: { log: process.env.ERRLENS_LOAD_LOG } });
