import type { DeleteOptions } from '../../cli.js';
import type { Context } from '../../context.js';
import type { Terminal } from '../../output/terminal.js';
import type { ApiSession } from '../api-session.js';

/** The API token permissions named when the API refuses a call. */
export const WRITE_PERMISSION = 'OAuth Client Write';
export const READ_PERMISSION = 'OAuth Client Read';

/** What every part of `cf-oauth delete` works with. */
export interface DeleteRun {
  ctx: Context;
  options: DeleteOptions;
  term: Terminal;
  /** `--from-file -`: stdin holds the IDs, so no question can be answered on it. */
  stdinHoldsIds: boolean;
  /** Resolves settings and opens the API session, once; the command closes it. */
  openSession(): Promise<ApiSession>;
}
