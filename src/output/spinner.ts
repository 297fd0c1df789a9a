import type { Ora } from 'ora';
import type { Context } from '../context.js';

/** A spinner only helps a person watching a terminal; scripts and traces get none. */
export function spinnerWanted(ctx: Context, quiet: boolean): boolean {
  const { stderr } = ctx.streams;
  // A pseudo-terminal that reports no width makes ora spin forever when it stops.
  const sized = (stderr.columns ?? 0) > 0;
  return !quiet && stderr.isTTY === true && sized && ctx.env.TERM !== 'dumb' && !ctx.env.CI;
}

/**
 * An ora spinner on stderr, started; ora is loaded only here. `colour` is stderr's colour
 * decision (--no-color, NO_COLOR, FORCE_COLOR): ora paints its frames cyan unless told not to.
 */
export async function startSpinner(ctx: Context, text: string, colour: boolean): Promise<Ora> {
  const { default: ora } = await import('ora');
  return ora({
    text,
    color: colour ? 'cyan' : false,
    stream: ctx.streams.stderr as NodeJS.WritableStream,
    isEnabled: true,
    // ora would otherwise swallow stdin, which prompts and --from-file - still need.
    discardStdin: false,
  }).start();
}

/** Runs `task` with a spinner on stderr. */
export async function withSpinner<T>(
  ctx: Context,
  text: string,
  task: () => Promise<T>,
  colour: boolean,
): Promise<T> {
  const spinner = await startSpinner(ctx, text, colour);
  try {
    return await task();
  } finally {
    spinner.stop();
  }
}
