/**
 * A batch's progress line (`Deleting 137/500, 2 failed`) on a terminal stderr: an ora spinner
 * that lines printed meanwhile, on stdout or stderr, do not tear.
 */

import type { Context } from '../context.js';
import { spinnerWanted, startSpinner } from './spinner.js';

export interface Progress {
  /** Whether a progress line is shown at all (so callers can skip composing its text). */
  readonly shown: boolean;
  /** The new text is shown at the spinner's next frame. */
  update(text: string): void;
  /** Runs `write` with the progress line cleared, then draws it again. */
  print(write: () => void): void;
  stop(): void;
}

const NO_PROGRESS: Progress = {
  shown: false,
  update() {},
  print: (write) => write(),
  stop() {},
};

/**
 * A spinner only when a person watches stderr and the output is not --json or --verbose;
 * `colour` is stderr's colour decision.
 */
export async function startProgress(
  ctx: Context,
  quiet: boolean,
  text: string,
  colour: boolean,
): Promise<Progress> {
  if (!spinnerWanted(ctx, quiet)) return NO_PROGRESS;
  const spinner = await startSpinner(ctx, text, colour);
  return {
    shown: true,
    update(next) {
      spinner.text = next;
    },
    print(write) {
      spinner.clear();
      write();
      spinner.render();
    },
    stop: () => void spinner.stop(),
  };
}
