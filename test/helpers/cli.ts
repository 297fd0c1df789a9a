/**
 * Two ways to run the real CLI: in-process through `run` with fake streams (fast, lets a test
 * inject fetch or fake TTYs), and as a child process of the built bin (the real path).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli.js';
import { type Clock, type FetchLike, systemClock } from '../../src/context.js';
import { createInterrupts, type InterruptController } from '../../src/interrupts.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every output of every run in the current test, checked for secrets after each test. */
const producedOutputs: string[] = [];

/** Every stderr of every run in the current test: no client secret may ever appear there. */
const producedErrorOutputs: string[] = [];

export function takeProducedOutputs(): string[] {
  return producedOutputs.splice(0);
}

export function takeProducedErrorOutputs(): string[] {
  return producedErrorOutputs.splice(0);
}

/** Adds a run's outputs to those checked for secrets (and client secrets on stderr) after the test. */
export function recordOutputs(stdout: string, stderr: string): void {
  producedOutputs.push(stdout, stderr);
  producedErrorOutputs.push(stderr);
}

export const BIN = fileURLToPath(new URL('../../bin/cf-oauth.js', import.meta.url));

/** A home directory of its own, so no test ever reads the developer's real rc files. */
export function makeHome(): { home: string; cwd: string } {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'cf-oauth-home-')));
  const cwd = join(home, 'work');
  mkdirSync(cwd);
  return { home, cwd };
}

/** Collects what is written; with `isTTY` it also answers the cursor calls ora and readline make. */
class Capture {
  text = '';
  readonly columns = 80;
  readonly rows = 24;
  constructor(readonly isTTY: boolean) {}
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }
  cursorTo = this.moveDone;
  moveCursor = this.moveDone;
  clearLine = this.moveDone;
  clearScreenDown = this.moveDone;
  private moveDone(...args: unknown[]): boolean {
    const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }
  on(): this {
    return this;
  }
  once(): this {
    return this;
  }
  off(): this {
    return this;
  }
  removeListener(): this {
    return this;
  }
}

export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  home?: string;
  cwd?: string;
  stdin?: string;
  tty?: { stdin?: boolean; stdout?: boolean; stderr?: boolean };
  fetch?: FetchLike;
  clock?: Clock;
  interrupts?: InterruptController;
}

export async function runInProcess(
  argv: string[],
  options: InProcessOptions = {},
): Promise<CliRun> {
  const place = options.home
    ? { home: options.home, cwd: options.cwd ?? options.home }
    : makeHome();
  const stdin = Object.assign(Readable.from([options.stdin ?? '']), {
    isTTY: options.tty?.stdin ?? false,
  });
  const stdout = new Capture(options.tty?.stdout ?? false);
  const stderr = new Capture(options.tty?.stderr ?? false);
  const code = await run(argv, {
    streams: { stdin, stdout, stderr },
    env: options.env ?? {},
    cwd: place.cwd,
    homedir: place.home,
    nodeVersion: '20.0.0',
    platform: process.platform,
    clock: options.clock ?? systemClock,
    interrupts: options.interrupts ?? createInterrupts(2000),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  recordOutputs(stdout.text, stderr.text);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  home?: string;
  cwd?: string;
  input?: string;
  /** stdin stays an open pipe that nothing is written to (`sleep 30 | cf-oauth …`). */
  stdinOpen?: boolean;
  /** Node.js flags before the bin, e.g. a `--require` preload or a heap limit. */
  nodeFlags?: string[];
  /** Called once the child is running, e.g. to send it a signal. */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
  /** Another copy of the bin (with its dist/ beside it) instead of this repository's. */
  bin?: string;
}

/** Runs the built CLI with a minimal environment: only PATH, HOME and what the test passes. */
export function runBin(argv: string[], options: SpawnOptions = {}): Promise<CliRun> {
  const place = options.home
    ? { home: options.home, cwd: options.cwd ?? options.home }
    : makeHome();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(options.nodeFlags ?? []), options.bin ?? BIN, ...argv],
      {
        cwd: place.cwd,
        env: { PATH: process.env.PATH, HOME: place.home, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      recordOutputs(stdout, stderr);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
    if (!options.stdinOpen) child.stdin.end(options.input ?? '');
    options.onSpawn?.(child);
  });
}

/**
 * For runBin's onSpawn: SIGINT twice (50 ms apart) once the emulator has seen a request, so the
 * first signal finds it in flight and the second cuts it.
 */
export function interruptOnFirstRequest(emulator: { requests: readonly unknown[] }) {
  return (child: ChildProcess) => {
    const poll = setInterval(() => {
      if (emulator.requests.length === 0) return;
      clearInterval(poll);
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGINT'), 50);
    }, 5);
  };
}
