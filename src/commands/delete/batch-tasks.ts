/**
 * What a batch does with one ID: delete it, or (--dry-run) look it up. Each task turns whatever
 * happens into a result entry and never throws; the retry policy of a single delete applies to
 * each ID, as every request goes through the same HTTP client.
 */

import { deleteOAuthClient, getOAuthClient } from '../../api/oauth-clients.js';
import { READ_PERMISSION } from '../../api/permissions.js';
import type { BatchEntry } from '../../batch/results.js';
import { type BackupDir, backUpClient } from '../../clients/backup.js';
import {
  ApiError,
  describeFailure,
  type Failure,
  InterruptedError,
  RateLimitError,
} from '../../errors.js';
import { deletedResult, failureDetails } from '../../outcome.js';
import type { ApiSession } from '../../session/api-session.js';
import { failedDelete } from './absence.js';
import { reportedIdMismatch } from './reported-id.js';

export interface TaskOutcome {
  entry: BatchEntry;
  /** For stderr: how the outcome was reached. */
  note?: string | undefined;
  warning?: string | undefined;
  /** Set when no further ID should be sent: the API is rate limiting us. */
  stop?: Failure | undefined;
}

export type BatchTask = (id: string) => Promise<TaskOutcome>;

const NOT_ATTEMPTED: BatchEntry = {
  outcome: 'not_attempted',
  status: null,
  errors: [],
  failure: undefined,
};

export function deleteTask(
  session: ApiSession,
  ignoreMissing: boolean,
  backup: BackupDir | undefined,
): BatchTask {
  const { http, accountId } = session;
  return async (id) => {
    try {
      if (backup) await backUpClient(http, accountId, id, backup);
      const result = deletedResult(id, await deleteOAuthClient(http, accountId, id));
      const { outcome, status, errors } = result;
      const entry: BatchEntry = { outcome, status, errors, failure: undefined };
      return { entry, warning: reportedIdMismatch(id, result.result) };
    } catch (error) {
      if (refusedBeforeSending(error)) {
        return { entry: NOT_ATTEMPTED, stop: describeFailure(error) };
      }
      const result = await failedDelete(session, id, error, ignoreMissing);
      // Nothing was sent for it (an interrupt came first): no error to report for this ID.
      if (result.outcome === 'not_attempted') return { entry: NOT_ATTEMPTED };
      const { outcome, status, errors, failure, note } = result;
      return { entry: { outcome, status, errors, failure }, note, stop: rateLimited(failure) };
    }
  };
}

/** --dry-run: GET the client to show what would be deleted; nothing is changed. */
export function lookupTask(session: ApiSession, backup: BackupDir | undefined): BatchTask {
  const { http, accountId, credential } = session;
  const context = { credentialSource: credential.source, permission: READ_PERMISSION };
  return async (id) => {
    try {
      const { status, errors, result } = backup
        ? (await backUpClient(http, accountId, id, backup)).response
        : await getOAuthClient(http, accountId, id);
      const name = typeof result?.client_name === 'string' ? result.client_name : null;
      return { entry: { outcome: 'would_delete', status, errors, failure: undefined, name } };
    } catch (error) {
      if (refusedBeforeSending(error)) {
        return { entry: NOT_ATTEMPTED, stop: describeFailure(error) };
      }
      // A look-up cut by an interrupt changed nothing either way.
      if (error instanceof InterruptedError) return { entry: NOT_ATTEMPTED };
      const failure = failureDetails(error, context);
      const api = error instanceof ApiError ? error : undefined;
      const entry: BatchEntry = {
        outcome: 'failed',
        status: api?.status ?? null,
        errors: api?.errors ?? [],
        failure,
      };
      return { entry, stop: rateLimited(failure) };
    }
  };
}

/** The pacer refused to send anything: the API blocks requests for longer than allowed. */
function refusedBeforeSending(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError && error.attempts === 0;
}

/** Going on after the API refused us for rate limiting would only meet the same refusal. */
function rateLimited(failure: Failure | undefined): Failure | undefined {
  return failure?.type === 'rate_limited' ? failure : undefined;
}
