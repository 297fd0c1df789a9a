/**
 * `cf-oauth apply`: settle everything that can refuse (the file, the secrets' and backups'
 * directories, whether a question can be asked), compute the plan, show it, ask once, then
 * execute it as a batch: every change gets an outcome, and the exit code is the first failed
 * change's (in plan order), or the interrupt's.
 */

import { WRITE_PERMISSION } from '../../api/permissions.js';
import { applyPlan, type ChangeResult } from '../../clients/apply.js';
import { backUpClient, backupDirOf } from '../../clients/backup.js';
import { countChanges, type Plan } from '../../clients/plan.js';
import { openSecretsDir, type SecretsPlace, secretsPlace } from '../../clients/secrets-dir.js';
import type { Context } from '../../context.js';
import {
  CancelledError,
  describeFailure,
  EXIT,
  InterruptedError,
  UsageError,
} from '../../errors.js';
import {
  applyDocument,
  applySummaryLine,
  changeFailureText,
  doneLine,
  outcomeCounts,
} from '../../output/apply-report.js';
import { pauseLine } from '../../output/batch-display.js';
import { planSummaryMarkdown, renderPlanText } from '../../output/plan-text.js';
import { canPrompt, confirm } from '../../output/prompt.js';
import { quote } from '../../output/quote.js';
import type { Terminal } from '../../output/terminal.js';
import { deliverSecret, type SecretReport } from '../../secrets/deliver.js';
import type { SecretDestination } from '../../secrets/destination.js';
import { runApiCommand } from '../../session/api-command.js';
import { planFromFile } from '../plan/compute.js';
import type { ApplyOptions } from './definition.js';

/** Changes in flight at once: a batch's default. */
const CONCURRENCY = 4;

export function run(options: ApplyOptions, ctx: Context): Promise<number> {
  return runApiCommand(options, ctx, WRITE_PERMISSION, async (openSession, term) => {
    const prune = options.prune === true;
    const stdinHoldsFile = options.file === '-';
    const asking = !options.yes && canPrompt(ctx) && !stdinHoldsFile;
    if (!options.yes && !asking) refuseUnasked(prune, stdinHoldsFile, ctx);
    const secretsDir =
      options.secretsDir === undefined ? undefined : await openSecretsDir(options.secretsDir, ctx);
    const givenBackup = await backupDirOf(options.backup, ctx.cwd, undefined);

    const { plan, session } = await planFromFile(options, ctx, term, openSession);
    const counts = countChanges(plan);
    const secrets = secretsDir ?? secretsPlace(term.json, counts.create, ctx);
    // Without --backup, the rc file's backupDir, as for delete.
    const backupDir =
      givenBackup ??
      (counts.delete > 0 ? await backupDirOf(undefined, ctx.cwd, session.backupDir) : undefined);
    if (plan.changes.length === 0) {
      if (term.json) term.out(applyDocument(plan, [], new Map()));
      else term.note(`Nothing to change: ${counts.unchanged} clients are as declared`);
      return undefined;
    }
    if (!term.json) term.err(renderPlanText(plan, term.paintErr));
    if (asking && !(await confirm(ctx, question(plan, session.accountId)))) {
      throw new CancelledError('not confirmed: nothing was changed');
    }

    session.http.onRateLimitPause((pause) => term.err(pauseLine(pause)));
    const reports = new Map<number, SecretReport>();
    const { results, stoppedBy } = await applyPlan(plan, {
      session,
      stopping: ctx.interrupts.stopping,
      concurrency: CONCURRENCY,
      backup:
        backupDir &&
        (async (clientId) => {
          await backUpClient(session.http, session.accountId, clientId, backupDir);
        }),
      onResult: async (index, change, result) => {
        const secret = await secretDestination(secrets, result, term);
        // From here on synchronous up to the secret, so that on a terminal it follows its own
        // client's line, not another's that completed meanwhile.
        if (!term.json) {
          const line = doneLine(change, result);
          if (line) term.out(line);
          const failure = changeFailureText(term, change, result);
          if (failure) term.err(failure);
          if (result.note) term.note(result.note);
        }
        const report = secret && (await handOverSecret(secret, result, term));
        if (report) reports.set(index, report);
      },
      onStop: (reason) => term.note(`stopped sending: ${reason.message}`),
    });

    term.actions?.summary(
      planSummaryMarkdown(
        'cf-oauth apply',
        plan,
        results.map((result) => result.outcome),
      ),
    );
    if (term.json) term.out(applyDocument(plan, results, reports));
    else term.err(applySummaryLine(outcomeCounts(results)));
    const interrupted = ctx.interrupts.signal();
    if (interrupted) return describeFailure(new InterruptedError(interrupted)).exitCode;
    const firstFailure = results.find((result) => result.failure !== undefined)?.failure;
    return firstFailure?.exitCode ?? stoppedBy?.exitCode ?? EXIT.ok;
  });
}

/** Scripts are not asked; but some runs must not go on without a person's yes. */
function refuseUnasked(prune: boolean, stdinHoldsFile: boolean, ctx: Context): void {
  if (stdinHoldsFile && canPrompt(ctx)) {
    throw new UsageError(
      '--file - reads the clients from stdin, so the confirmation cannot be asked',
      { hint: 'add --yes to apply without asking (try cf-oauth plan first)' },
    );
  }
  if (prune) {
    throw new UsageError('apply --prune deletes clients: without a terminal it needs --yes', {
      hint: 'check with cf-oauth plan --prune first, then add --yes',
    });
  }
}

/** One question for the whole plan; with deletes, every client that would go is named in it. */
function question(plan: Plan, accountId: string): string {
  const { create, update, delete: deletes } = countChanges(plan);
  const counts = [`${create} to create`, `${update} to update`, `${deletes} to delete`].join(', ');
  const doomed = plan.changes
    .filter((change) => change.action === 'delete')
    .map((change) => `  ${change.client_id} ${quote(change.client_name ?? '')}\n`)
    .join('');
  const deleting = doomed === '' ? '' : `\nThese clients will be deleted:\n${doomed}`;
  return `${deleting}Apply ${counts} in account ${accountId}?`;
}

/** Where a created client's secret goes; a destination that cannot be made is reported. */
async function secretDestination(
  place: SecretsPlace | undefined,
  result: ChangeResult,
  term: Terminal,
): Promise<SecretDestination | undefined> {
  const { secret, clientId } = result;
  if (secret === undefined || clientId === null || place === undefined) return undefined;
  try {
    return await place(clientId);
  } catch (error) {
    result.secret = undefined;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    term.warn(
      `could not store the client secret of ${clientId} (${reason}): make a new one with cf-oauth rotate-secret ${clientId}`,
    );
    return undefined;
  }
}

/** The secret to its destination, once; not kept after. */
async function handOverSecret(
  destination: SecretDestination,
  result: ChangeResult,
  term: Terminal,
): Promise<SecretReport> {
  const { secret, clientId } = result as { secret: string; clientId: string };
  result.secret = undefined;
  try {
    return await deliverSecret(destination, secret, clientId, term);
  } catch (error) {
    // A FileError names the file and the client; the client exists either way.
    term.warn(
      `${(error as Error).message}: make a new one with cf-oauth rotate-secret ${clientId}`,
    );
    return undefined;
  }
}
