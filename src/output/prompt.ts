import type { Context } from '../context.js';
import { InterruptedError } from '../errors.js';
import { stoppedWhile } from '../interrupts.js';

/** Prompts only make sense when a person can both see the question and answer it. */
export function canPrompt(ctx: Context): boolean {
  // stderr first: the stdin stream is made on first use, at a cost a script never needs.
  return ctx.streams.stderr.isTTY === true && ctx.streams.stdin.isTTY === true;
}

/**
 * Asks a yes/no question on stderr and reads the answer from stdin. Anything but y/yes is a
 * no; so is Ctrl-D. Ctrl-C or a signal while waiting is an interruption (InterruptedError:
 * exit 130/143, not a "no").
 */
export async function confirm(ctx: Context, question: string): Promise<boolean> {
  const answer = await ask(ctx, `${question} [y/N] `);
  return answer !== undefined && /^(y|yes)$/i.test(answer.trim());
}

/**
 * Shows `entries` as a numbered list on stderr and asks for a number. Returns the chosen entry's
 * index (from 0), or undefined for anything but one of the numbers or Ctrl-D; Ctrl-C or a
 * signal throws an InterruptedError.
 */
export async function choose(
  ctx: Context,
  heading: string,
  entries: readonly string[],
): Promise<number | undefined> {
  const list = entries.map((entry, index) => `  ${index + 1}. ${entry}\n`).join('');
  ctx.streams.stderr.write(`${heading}\n${list}`);
  const answer = (await ask(ctx, `Number [1-${entries.length}]: `))?.trim();
  if (answer === undefined || !/^\d{1,6}$/.test(answer)) return undefined;
  const chosen = Number(answer);
  return chosen >= 1 && chosen <= entries.length ? chosen - 1 : undefined;
}

const WAITING = 'waiting for an answer';

/**
 * One line read from stdin after `prompt` on stderr; undefined when stdin ends (Ctrl-D). Ctrl-C
 * (which a terminal in raw mode hands to readline rather than as a signal) or a signal throws.
 */
async function ask(ctx: Context, prompt: string): Promise<string | undefined> {
  // Loaded here: most runs never prompt (no terminal, or --yes).
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({
    input: ctx.streams.stdin,
    output: ctx.streams.stderr as NodeJS.WritableStream,
    terminal: ctx.streams.stdin.isTTY === true,
  });
  const declined = new AbortController();
  let ctrlC = false;
  rl.on('SIGINT', () => {
    ctrlC = true;
    declined.abort();
  });
  rl.on('close', () => declined.abort());
  const stop = () => declined.abort();
  ctx.interrupts.stopping.addEventListener('abort', stop, { once: true });
  try {
    return await rl.question(prompt, { signal: declined.signal });
  } catch {
    ctx.streams.stderr.write('\n');
    if (ctx.interrupts.stopping.aborted) throw stoppedWhile(ctx.interrupts, WAITING);
    if (ctrlC) throw new InterruptedError('SIGINT', `interrupted while ${WAITING}`);
    return undefined;
  } finally {
    ctx.interrupts.stopping.removeEventListener('abort', stop);
    rl.close();
  }
}
