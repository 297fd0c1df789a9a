/**
 * What a batch does with one ID: delete it, or (--dry-run) look it up. Each task turns whatever
 * happens into the ID's outcome and never throws; the retry policy of a single delete applies to
 * each ID, as every request goes through the same HTTP client.
 */

import { deleteOAuthClient, getOAuthClient } from '../../api/oauth-clients.js';
import { READ_PERMISSION } from '../../api/permissions.js';
import { type BackupDir, backUpClient } from '../../clients/backup.js';
import { describeFailure, type Failure, InterruptedError } from '../../errors.js';
import {
  answerOf,
  type ClientOutcome,
  NOT_ATTEMPTED,
  rateLimited,
  refusedBeforeSending,
  succeeded,
} from '../../outcome.js';
import type { ApiSession } from '../../session/api-session.js';
import { failedDelete } from './absence.js';
import { reportedIdMismatch } from './reported-id.js';

export interface TaskDone {
  outcome: ClientOutcome;
  /** The API named another client than the one asked for (stderr). */
  warning?: string | undefined;
  /** Set when no further ID should be sent: the API is rate limiting us. */
  stop?: Failure | undefined;
}

export type BatchTask = (id: string) => Promise<TaskDone>;

export function deleteTask(
  session: ApiSession,
  ignoreMissing: boolean,
  backup: BackupDir | undefined,
): BatchTask {
  const { http, accountId } = session;
  return async (id) => {
    try {
      if (backup) await backUpClient(http, accountId, id, backup);
      const response = await deleteOAuthClient(http, accountId, id);
      const warning = reportedIdMismatch(id, response.result);
      return { outcome: succeeded('deleted', response), warning };
    } catch (error) {
      if (refusedBeforeSending(error)) {
        return { outcome: NOT_ATTEMPTED, stop: describeFailure(error) };
      }
      const outcome = await failedDelete(session, id, error, ignoreMissing);
      // Nothing was sent for it (an interrupt came first): no error to report for this ID.
      if (outcome.outcome === 'not_attempted') return { outcome: NOT_ATTEMPTED };
      return { outcome, stop: rateLimited(outcome.failure) };
    }
  };
}

/** --dry-run: GET the client to show what would be deleted; nothing is changed. */
export function lookupTask(session: ApiSession, backup: BackupDir | undefined): BatchTask {
  const { http, accountId, credential } = session;
  const context = { credentialSource: credential.source, permission: READ_PERMISSION };
  return async (id) => {
    try {
      const response = backup
        ? (await backUpClient(http, accountId, id, backup)).response
        : await getOAuthClient(http, accountId, id);
      const name = response.result?.client_name;
      const outcome = succeeded('would_delete', response);
      return { outcome: { ...outcome, name: typeof name === 'string' ? name : null } };
    } catch (error) {
      if (refusedBeforeSending(error)) {
        return { outcome: NOT_ATTEMPTED, stop: describeFailure(error) };
      }
      // A look-up cut by an interrupt changed nothing either way.
      if (error instanceof InterruptedError) return { outcome: NOT_ATTEMPTED };
      const failure = describeFailure(error, context);
      return {
        outcome: { ...answerOf(error), outcome: 'failed', failure },
        stop: rateLimited(failure),
      };
    }
  };
}
