import type { Interrupts, StopReason } from './context.js';

export interface InterruptController extends Interrupts {
  /** Called by the entry point for each SIGINT/SIGTERM it receives, and when stdout closes. */
  raise(reason: StopReason): void;
}

/**
 * First reason: stop starting work, and give requests in flight `graceMs` to finish so their
 * outcome is known. Second signal, or the grace period running out: abort them. A closed stdout
 * is reported once per failed write; only a signal cuts requests short.
 */
export function createInterrupts(graceMs: number): InterruptController {
  const stopping = new AbortController();
  const abort = new AbortController();
  let first: StopReason | undefined;
  return {
    stopping: stopping.signal,
    abort: abort.signal,
    signal: () => first,
    raise(reason) {
      if (first === undefined) {
        first = reason;
        stopping.abort();
        setTimeout(() => abort.abort(), graceMs).unref();
      } else if (reason !== 'EPIPE') {
        abort.abort();
      }
    },
  };
}
