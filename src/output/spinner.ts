import type { Context } from '../context.js';

/** A spinner only helps a person watching a terminal; scripts and traces get none. */
export function spinnerWanted(ctx: Context, quiet: boolean): boolean {
  const { stderr } = ctx.streams;
  return !quiet && stderr.isTTY === true && ctx.env.TERM !== 'dumb' && !ctx.env.CI;
}

/** Runs `task` with an ora spinner on stderr; ora is loaded only here. */
export async function withSpinner<T>(
  ctx: Context,
  text: string,
  task: () => Promise<T>,
): Promise<T> {
  const { default: ora } = await import('ora');
  const spinner = ora({
    text,
    stream: ctx.streams.stderr as NodeJS.WritableStream,
    isEnabled: true,
    // ora would otherwise swallow stdin, which prompts and --from-file - still need.
    discardStdin: false,
  }).start();
  try {
    return await task();
  } finally {
    spinner.stop();
  }
}
