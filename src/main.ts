/**
 * The process entry point: it wires the real streams, environment, clock, platform and signals
 * into `run`, then exits with the code `run` returns (the only `process.exit`). Below it, only
 * src/api/transport.ts touches `process` (see README "Layout").
 */
import { homedir } from 'node:os';
import { run } from './cli.js';
import { systemClock } from './context.js';
import { isDebug } from './debug.js';
import { createInterrupts } from './interrupts.js';

const GRACE_MS = 2000;

// cf-oauth never shows a stack trace, and capturing one is most of what making an Error costs:
// Node's stream.pipeline makes an AbortError for every response node-fetch reads (what that
// costs a batch: bench/README.md). No dependency may rely on stack traces: agent-base
// does when nobody tells it the endpoint is secure, so src/api/tunnel-agent.ts tells it.
Error.stackTraceLimit = 0;

const interrupts = createInterrupts(GRACE_MS);
process.on('SIGINT', () => interrupts.raise('SIGINT'));
process.on('SIGTERM', () => interrupts.raise('SIGTERM'));
// CF_OAUTH_DEBUG=1: internal errors show their stacks, whatever the default above.
if (isDebug(process.env)) Error.stackTraceLimit = Number.POSITIVE_INFINITY;
// A closed pipe (`cf-oauth ... | head -1`): stop like an interrupt, report on stderr, exit 141.
process.stdout.on('error', () => interrupts.raise('EPIPE'));

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
