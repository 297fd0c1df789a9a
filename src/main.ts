/**
 * The process entry point: the only module that touches `process`. It wires the real streams,
 * environment, clock and signals into `run`, then exits with the code `run` returns.
 */
import { homedir } from 'node:os';
import { run } from './cli.js';
import { systemClock } from './context.js';
import { createInterrupts } from './interrupts.js';

const GRACE_MS = 2000;

// cf-oauth never shows a stack trace, and capturing one is most of what making an Error costs:
// Node's stream.pipeline makes an AbortError for every response node-fetch reads, so stacks
// took about 6 % of a batch's CPU time. No dependency may rely on stack traces: agent-base
// does when nobody tells it the endpoint is secure, so src/api/tunnel-agent.ts tells it.
Error.stackTraceLimit = 0;

const interrupts = createInterrupts(GRACE_MS);
process.on('SIGINT', () => interrupts.raise('SIGINT'));
process.on('SIGTERM', () => interrupts.raise('SIGTERM'));
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
  clock: systemClock,
  interrupts,
}).then((exitCode) => {
  // Exit explicitly: keep-alive sockets or a paused stdin must not hold the process open.
  process.stdout.write('', () => process.exit(exitCode));
});
