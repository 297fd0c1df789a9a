/**
 * The process entry point: the only module that touches `process`. It wires the real streams,
 * environment, clock and signals into `run`, then exits with the code `run` returns.
 */
import { homedir } from 'node:os';
import { run } from './cli.js';
import { systemClock } from './context.js';
import { isDebug } from './debug.js';
import { createInterrupts } from './interrupts.js';

const GRACE_MS = 2000;

// cf-oauth never shows a stack trace, and capturing one is most of what making an Error costs:
// Node's stream.pipeline makes an AbortError for every response node-fetch reads, so stacks
// took about 6 % of a batch's CPU time.
Error.stackTraceLimit = 0;

const interrupts = createInterrupts(GRACE_MS);
process.on('SIGINT', () => interrupts.raise('SIGINT'));
process.on('SIGTERM', () => interrupts.raise('SIGTERM'));
// CF_OAUTH_DEBUG=1: internal errors show their stacks, whatever the default above.
if (isDebug(process.env)) Error.stackTraceLimit = Number.POSITIVE_INFINITY;
// A closed pipe (`cf-oauth ... | head -0`) is not our failure; stop writing quietly.
process.stdout.on('error', () => process.exit(process.exitCode ?? 0));

// No top-level await: bin/cf-oauth.js loads this module with require() where Node allows it.
void run(process.argv.slice(2), {
  streams: {
    // Lazy: touching process.stdin opens a handle, which only prompts and --from-file need.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
  },
  env: process.env,
  cwd: process.cwd(),
  homedir: homedir(),
  nodeVersion: process.versions.node,
  platform: process.platform,
  clock: systemClock,
  interrupts,
}).then((exitCode) => {
  // Exit explicitly: keep-alive sockets or a paused stdin must not hold the process open.
  process.stdout.write('', () => process.exit(exitCode));
});
