import type { Interrupts, StopReason } from './context.js';
import { InterruptedError } from './errors.js';

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

/**
 * The first stop reason ends any wait for input, as an InterruptedError that says what was being
 * waited for. `work` itself may never end (opening a FIFO no one writes
 * to blocks in a thread that cannot be cancelled); the process exits without it.
 */
export function untilStopped<T>(
  work: Promise<T>,
  interrupts: Interrupts,
  waitingFor: string,
): Promise<T> {
  const stopping = interrupts.stopping;
  if (stopping.aborted) {
    work.catch(() => {}); // what it ends with no longer matters
    return Promise.reject(stoppedWhile(interrupts, waitingFor));
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(stoppedWhile(interrupts, waitingFor));
    stopping.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => stopping.removeEventListener('abort', stop));
  });
}

export function stoppedWhile(interrupts: Interrupts, waitingFor: string): InterruptedError {
  const reason = interrupts.signal() ?? 'SIGINT';
  return new InterruptedError(reason, `interrupted while ${waitingFor}`);
}
