import { createInterface } from 'node:readline/promises';
import type { Context } from '../context.js';

/** Prompts only make sense when a person can both see the question and answer it. */
export function canPrompt(ctx: Context): boolean {
  return ctx.streams.stdin.isTTY === true && ctx.streams.stderr.isTTY === true;
}

/**
 * Asks a yes/no question on stderr and reads the answer from stdin. Anything but y/yes is a
 * no; so is Ctrl-C, Ctrl-D, or an interrupt signal arriving while waiting.
 */
export async function confirm(ctx: Context, question: string): Promise<boolean> {
  const rl = createInterface({
    input: ctx.streams.stdin,
    output: ctx.streams.stderr as NodeJS.WritableStream,
    terminal: ctx.streams.stdin.isTTY === true,
  });
  const declined = new AbortController();
  rl.on('SIGINT', () => declined.abort());
  rl.on('close', () => declined.abort());
  const stop = () => declined.abort();
  ctx.interrupts.stopping.addEventListener('abort', stop, { once: true });
  try {
    const answer = await rl.question(`${question} [y/N] `, { signal: declined.signal });
    return /^(y|yes)$/i.test(answer.trim());
  } catch {
    ctx.streams.stderr.write('\n');
    return false;
  } finally {
    ctx.interrupts.stopping.removeEventListener('abort', stop);
    rl.close();
  }
}
