/**
 * Executing a plan: creates (POST the whole body), updates (PATCH only the changed fields) and
 * deletes, through one HTTP client (one keep-alive pool, one rate-limit budget, the retry
 * policy), by a pool of workers as a batch is. Every change gets an outcome, whatever happens:
 * once the API rate-limits for longer than allowed, or an interrupt arrives, nothing new is
 * sent and what was not sent is `not_attempted`.
 */

import type { HttpClient } from '../api/http.js';
import { createOAuthClient, deleteOAuthClient, updateOAuthClient } from '../api/oauth-clients.js';
import { WRITE_PERMISSION } from '../api/permissions.js';
import { runWorkerPool } from '../batch/worker-pool.js';
import { describeFailure, type Failure } from '../errors.js';
import {
  answerOf,
  type ClientOutcome,
  failedResult,
  NOT_ATTEMPTED,
  outcomeOfFailure,
  rateLimited,
  refusedBeforeSending,
  succeeded,
} from '../outcome.js';
import { quote } from '../output/quote.js';
import type { Plan, PlannedChange } from './plan.js';

/** A change's outcome, with which client it was: a create learns the ID only from its answer. */
export interface ChangeResult extends ClientOutcome {
  /** The client's ID; a create's is the new one, null when it was not created (or not known). */
  clientId: string | null;
  /** A created client's secret, for the caller to hand over (the API gives it only this once). */
  secret?: string | undefined;
}

export interface ApplySession {
  http: HttpClient;
  accountId: string;
  credential: { source: string };
}

export interface ApplyOptions {
  session: ApplySession;
  /** Aborts on the first SIGINT/SIGTERM: start nothing new. */
  stopping: AbortSignal;
  concurrency: number;
  /** Before a client is deleted: --backup. A failure stops that delete. */
  backup?: ((clientId: string) => Promise<void>) | undefined;
  /** Each change as it ends, by its index in the plan; awaited before the worker goes on. */
  onResult(index: number, change: PlannedChange, result: ChangeResult): void | Promise<void>;
  /** No further change will be sent, because of `reason`. */
  onStop(reason: Failure): void;
}

export interface ApplyResults {
  results: ChangeResult[];
  /** Why sending stopped early (a rate limit longer than allowed), if it did. */
  stoppedBy: Failure | undefined;
}

export function notAttempted(change: PlannedChange): ChangeResult {
  return { ...NOT_ATTEMPTED, clientId: change.client_id };
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResults> {
  const results = plan.changes.map(notAttempted);
  const stopSending = new AbortController();
  let stoppedBy: Failure | undefined;
  const stop = AbortSignal.any([options.stopping, stopSending.signal]);
  await runWorkerPool(plan.changes, options.concurrency, stop, async (change, index) => {
    const { result, stop: reason } = await execute(change, options);
    results[index] = result;
    await options.onResult(index, change, result);
    if (reason !== undefined && stoppedBy === undefined) {
      stoppedBy = reason;
      stopSending.abort();
      options.onStop(reason);
    }
  });
  return { results, stoppedBy };
}

async function execute(
  change: PlannedChange,
  options: ApplyOptions,
): Promise<{ result: ChangeResult; stop?: Failure | undefined }> {
  const { http, accountId, credential } = options.session;
  const context = { credentialSource: credential.source, permission: WRITE_PERMISSION };
  try {
    if (change.action === 'create') {
      const response = await createOAuthClient(http, accountId, change.body);
      const created = response.result;
      const clientId = typeof created?.client_id === 'string' ? created.client_id : null;
      const secret = typeof created?.client_secret === 'string' ? created.client_secret : undefined;
      return { result: { ...succeeded('created', response), clientId, secret } };
    }
    if (change.action === 'update') {
      const id = change.client_id as string;
      const response = await updateOAuthClient(http, accountId, id, change.body);
      return { result: { ...succeeded('updated', response), clientId: id } };
    }
    const id = change.client_id as string;
    await options.backup?.(id);
    const response = await deleteOAuthClient(http, accountId, id);
    return { result: { ...succeeded('deleted', response), clientId: id } };
  } catch (error) {
    if (refusedBeforeSending(error)) {
      return { result: notAttempted(change), stop: describeFailure(error) };
    }
    const result = failed(change, error, context);
    return { result, stop: rateLimited(result.failure) };
  }
}

function failed(
  change: PlannedChange,
  error: unknown,
  context: { credentialSource: string; permission: string },
): ChangeResult {
  if (change.action === 'delete') {
    // A client pruned by someone else meanwhile is as good as deleted.
    const result = failedResult(change.client_id as string, error, {
      ignoreMissing: true,
      ...context,
    });
    return { ...result, clientId: change.client_id };
  }
  const outcome = outcomeOfFailure(error);
  const what =
    change.action === 'create'
      ? `the create of ${quote(change.client_name ?? '')}`
      : `the update of ${change.client_id}`;
  return {
    ...answerOf(error),
    outcome,
    clientId: change.client_id,
    failure: outcome === 'not_attempted' ? undefined : describeFailure(error, context),
    note:
      outcome === 'unknown'
        ? `${what} may or may not have been applied: cf-oauth plan shows where things stand`
        : undefined,
  };
}
