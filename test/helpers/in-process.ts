/**
 * The CLI in-process, as the spawned `runBin` of ./cli.ts runs it: `run(argv, ctx)` from
 * src/cli.ts with what a child process would get: stdin from `input` (not a terminal), stdout and
 * stderr captured as pipes (no terminal, no width), an environment of PATH, HOME and what the
 * test passes, its own home directory, the real clock and fresh interrupts, and the emulator
 * through the URL in `env` (over the real network stack). Same name, options and result as
 * `runBin`, so an end-to-end test switches by changing its import. Spawn-only options (Node
 * flags, another bin, onSpawn) are refused: such a test needs a process.
 */
import { Readable } from 'node:stream';
import { run } from '../../src/cli.js';
import { type Context, type OutputStream, systemClock } from '../../src/context.js';
import { createInterrupts } from '../../src/interrupts.js';
import { type CliRun, makeHome, recordOutputs, type SpawnOptions } from './cli.js';

export type { CliRun, SpawnOptions } from './cli.js';

/** What a pipe shows a program: no terminal, no width. */
class Pipe implements OutputStream {
  text = '';
  readonly isTTY = false;
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }
}

/** A context as a child process with pipes would get it (see the header); for run functions. */
export function fakeContext(options: Omit<SpawnOptions, 'nodeFlags' | 'bin' | 'onSpawn'> = {}) {
  const place = options.home
    ? { home: options.home, cwd: options.cwd ?? options.home }
    : makeHome();
  const stdin = Object.assign(Readable.from([options.input ?? '']), { isTTY: false });
  const stdout = new Pipe();
  const stderr = new Pipe();
  const ctx: Context = {
    streams: { stdin, stdout, stderr },
    env: { PATH: process.env.PATH, HOME: place.home, ...options.env },
    cwd: place.cwd,
    homedir: place.home,
    nodeVersion: process.versions.node,
    platform: process.platform,
    clock: systemClock,
    interrupts: createInterrupts(2000),
  };
  const output = () => {
    recordOutputs(stdout.text, stderr.text);
    return { stdout: stdout.text, stderr: stderr.text };
  };
  return { ctx, output };
}

export async function runBin(argv: string[], options: SpawnOptions = {}): Promise<CliRun> {
  if (options.nodeFlags || options.bin || options.onSpawn) {
    throw new Error('nodeFlags, bin and onSpawn need a process: use runBin from ./cli.js');
  }
  const { ctx, output } = fakeContext(options);
  const code = await run(argv, ctx);
  return { code, ...output() };
}
