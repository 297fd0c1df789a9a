/**
 * What a command receives from the entry point instead of reaching for `process`:
 * streams, environment, file-system anchors, clock, interrupts and (optionally) a fetch.
 * Tests build one of these with fakes; `main.ts` builds the real one.
 */

export interface OutputStream {
  write(chunk: string): boolean;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export type InputStream = NodeJS.ReadableStream & { isTTY?: boolean | undefined };

export interface Streams {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Why a run stops early: a signal, or `EPIPE` when stdout was closed (`cf-oauth … | head -1`),
 * so that nothing more can be reported there.
 */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'EPIPE';

/**
 * Interrupt state owned by the entry point. `stopping` aborts on the first stop reason: start
 * nothing new, end any wait. `abort` aborts when in-flight requests must be cut (a second
 * signal, or the grace period after the first ran out).
 */
export interface Interrupts {
  stopping: AbortSignal;
  abort: AbortSignal;
  signal(): StopReason | undefined;
}

/** The subset of a fetch Response the HTTP layer uses; node-fetch and undici both satisfy it. */
export interface FetchResponse {
  status: number;
  headers: {
    get(name: string): string | null;
    forEach(cb: (value: string, key: string) => void): void;
  };
  body: AsyncIterable<Uint8Array> | null;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  agent?: unknown;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

export interface Context {
  streams: Streams;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homedir: string;
  /** `process.platform`, e.g. "linux". */
  platform: NodeJS.Platform;
  /** For the User-Agent, e.g. "20.20.2". */
  nodeVersion: string;
  clock: Clock;
  interrupts: Interrupts;
  /** Injected by unit tests; the real path loads node-fetch lazily. */
  fetch?: FetchLike;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
    }),
};
