/**
 * Deleting many clients (several IDs, or --from-file), or looking them up (--dry-run): collect
 * and validate every ID, confirm once on a terminal, run a pool of workers that share one HTTP
 * client (one keep-alive agent, one rate-limit budget), and account for every ID.
 */

import { collectClientIds, openIdFile } from '../../batch/id-input.js';
import { BatchResults } from '../../batch/results.js';
import { runWorkerPool } from '../../batch/worker-pool.js';
import {
  CancelledError,
  describeFailure,
  EXIT,
  type Failure,
  InterruptedError,
  UsageError,
} from '../../errors.js';
import { openBatchDisplay } from '../../output/batch-display.js';
import type { BatchKind } from '../../output/batch-report.js';
import { canPrompt, confirm } from '../../output/prompt.js';
import type { ApiSession } from '../../session/api-session.js';
import { type BatchTask, deleteTask, lookupTask } from './batch-tasks.js';
import type { DeleteRun } from './definition.js';

export async function deleteBatch(
  run: DeleteRun,
  args: readonly string[],
  fromFile: string | undefined,
): Promise<number> {
  const { ctx, options, term } = run;
  const kind: BatchKind = options.dryRun ? 'dry-run' : 'delete';
  if (run.stdinHoldsIds && kind === 'delete' && !options.yes && ctx.streams.stderr.isTTY) {
    // A person is watching, but stdin is the ID list: no answer could be read from it.
    const hint = 'add --yes to delete without asking (try --dry-run first)';
    const message = '--from-file - reads the IDs from stdin, so the confirmation cannot be asked';
    throw new UsageError(message, { hint });
  }
  const file = fromFile === undefined ? undefined : openIdFile(fromFile, ctx);
  const { ids, duplicates, lowered } = await collectClientIds(args, file);
  if (lowered > 0) {
    term.note(
      `note: ${lowered === 1 ? '1 ID' : `${lowered} IDs`} in upper case used in lower case`,
    );
  }
  if (duplicates > 0) term.trace(`${duplicates} repeated IDs are deleted once`);

  const session = await run.openSession();
  if (kind === 'delete' && !options.yes && canPrompt(ctx)) {
    const clients = ids.size === 1 ? '1 OAuth client' : `${ids.size} OAuth clients`;
    if (!(await confirm(ctx, `Delete ${clients} from account ${session.accountId}?`))) {
      throw new CancelledError('not confirmed: nothing was deleted');
    }
  }
  return runBatch(run, ids, session);
}

/**
 * Deletes (or, --dry-run, looks up) `ids`, which are checked and confirmed: a pool of workers
 * sharing the session's HTTP client, every ID accounted for, the first failure's exit code.
 */
export async function runBatch(
  run: DeleteRun,
  ids: ReadonlySet<string>,
  session: ApiSession,
): Promise<number> {
  const { ctx, options, term } = run;
  const kind: BatchKind = options.dryRun ? 'dry-run' : 'delete';
  const results = new BatchResults(ids.size);
  const task: BatchTask =
    kind === 'delete'
      ? deleteTask(session, options.ignoreMissing === true, await run.backupDir())
      : lookupTask(session, await run.backupDir());
  const display = await openBatchDisplay(ctx, term, kind, results);
  session.http.onRateLimitPause((pause) => display.pause(pause));

  const stopSending = new AbortController();
  let stoppedBy: Failure | undefined;
  const stop = AbortSignal.any([ctx.interrupts.stopping, stopSending.signal]);
  await runWorkerPool(ids, options.concurrency, stop, async (id, index) => {
    const { outcome, warning, stop: reason } = await task(id);
    results.record(index, outcome);
    display.result(id, outcome, warning);
    if (reason !== undefined && stoppedBy === undefined) {
      stoppedBy = reason;
      stopSending.abort();
      display.stopped(reason.message);
    }
  });
  display.finish(ids);

  const interrupted = ctx.interrupts.signal();
  if (interrupted) return describeFailure(new InterruptedError(interrupted)).exitCode;
  return results.firstFailureExitCode ?? stoppedBy?.exitCode ?? EXIT.ok;
}
