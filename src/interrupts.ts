import type { Interrupts } from './context.js';

export type Signal = 'SIGINT' | 'SIGTERM';

export interface InterruptController extends Interrupts {
  /** Called by the entry point for each SIGINT/SIGTERM it receives. */
  raise(signal: Signal): void;
}

/**
 * First signal: stop starting work, and give requests in flight `graceMs` to finish so their
 * outcome is known. Second signal, or the grace period running out: abort them.
 */
export function createInterrupts(graceMs: number): InterruptController {
  const stopping = new AbortController();
  const abort = new AbortController();
  let first: Signal | undefined;
  return {
    stopping: stopping.signal,
    abort: abort.signal,
    signal: () => first,
    raise(signal) {
      if (first === undefined) {
        first = signal;
        stopping.abort();
        setTimeout(() => abort.abort(), graceMs).unref();
      } else {
        abort.abort();
      }
    },
  };
}
