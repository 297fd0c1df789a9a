/**
 * What `apply` shows while it runs and at the end. Text mode: each change done on stdout as it
 * ends (`created\t<id>\t<name>`, one per line so it pipes), a created client's secret after it
 * only when stdout is a terminal and no --secrets-dir took it, failures and notes on stderr as
 * they happen, the counts on stderr at the end. --json: one document at the end, every change of
 * the plan in plan order with its outcome (and a created client's secret, which is why --json
 * is a destination for secrets).
 */

import type { ChangeResult } from '../clients/apply.js';
import { countChanges, type Plan, type PlannedChange } from '../clients/plan.js';
import { isSuccess } from '../outcome.js';
import type { SecretReport } from '../secrets/deliver.js';
import { errorObject, renderJson } from './json.js';
import { quote } from './quote.js';
import { cellText } from './table.js';
import type { Terminal } from './terminal.js';

/** The outcomes a change can have, in the order the summaries list them. */
const APPLY_OUTCOMES = [
  'created',
  'updated',
  'deleted',
  'already_absent',
  'failed',
  'unknown',
  'not_attempted',
] as const;

export type OutcomeCounts = Record<(typeof APPLY_OUTCOMES)[number], number>;

export function outcomeCounts(results: readonly ChangeResult[]): OutcomeCounts {
  const counts = Object.fromEntries(APPLY_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  for (const { outcome } of results) {
    // A dry run's would_delete is no change's outcome.
    if (outcome !== 'would_delete') counts[outcome] += 1;
  }
  return counts;
}

/**
 * The stdout line of a change done, tab-separated as `list` prints (`created`, the ID, the name
 * escaped, not quoted); undefined for one that was not done.
 */
export function doneLine(change: PlannedChange, result: ChangeResult): string | undefined {
  if (!isSuccess(result.outcome)) return undefined;
  return `${result.outcome}\t${result.clientId ?? ''}\t${cellText(change.client_name)}\n`;
}

/** `Created 2, updated 1, deleted 1, failed 0, not attempted 0` (unknown when there are any). */
export function applySummaryLine(counts: OutcomeCounts): string {
  const absent = counts.already_absent > 0 ? `, already absent ${counts.already_absent}` : '';
  const unknown = counts.unknown > 0 ? `, unknown ${counts.unknown}` : '';
  return `Created ${counts.created}, updated ${counts.updated}, deleted ${counts.deleted}${absent}, failed ${counts.failed}${unknown}, not attempted ${counts.not_attempted}\n`;
}

/** The failure block of one change on stderr, naming the change first. */
export function changeFailureText(
  term: Pick<Terminal, 'failureText'>,
  change: PlannedChange,
  result: ChangeResult,
): string | undefined {
  if (result.failure === undefined) return undefined;
  const who =
    change.client_id === null ? quote(change.client_name ?? '') : (change.client_id as string);
  const message = `${change.action} ${who}: ${result.failure.message}`;
  return term.failureText({ ...result.failure, message }, result.errors);
}

/**
 * The `apply --json` document; `secrets` says, by plan index, where each created client's secret
 * went (`client_secret` itself when the document is its destination).
 */
export function applyDocument(
  plan: Plan,
  results: readonly ChangeResult[],
  secrets: ReadonlyMap<number, SecretReport>,
): string {
  const counts = outcomeCounts(results);
  const success = results.every((result) => isSuccess(result.outcome));
  return renderJson({
    success,
    changes: plan.changes.map((change, index) => {
      const result = results[index] as ChangeResult;
      const secret = secrets.get(index);
      return {
        action: change.action,
        client_name: change.client_name,
        client_id: result.clientId ?? change.client_id,
        fields: change.fields,
        outcome: result.outcome,
        success: isSuccess(result.outcome),
        status: result.status,
        errors: result.errors,
        ...(result.failure === undefined ? {} : { error: errorObject(result.failure) }),
        ...secret,
      };
    }),
    summary: { ...countChanges(plan), ...counts },
  });
}
