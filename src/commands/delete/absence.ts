/**
 * "Already absent" must be proven. Cloudflare answers 404 (code 7003) both for a client that does
 * not exist and for a path it cannot route (a mistyped base URL, a wrong account), so a 404 alone
 * never counts as "the client is gone". It does when the API has shown that the account's client
 * collection exists and lacks the ID: a complete list of the account's OAuth clients, read once
 * per run (lazily, at the first 404 that matters) and shared by every 404 of a batch.
 */

import { listOAuthClients } from '../../api/oauth-clients.js';
import { READ_PERMISSION, WRITE_PERMISSION } from '../../api/permissions.js';
import { AuthError, describeFailure, NotFoundError } from '../../errors.js';
import { type Absence, type ClientOutcome, failedResult } from '../../outcome.js';
import type { ApiSession } from '../../session/api-session.js';

/** The IDs the API listed for the session's account, or why it could not list them. */
type Listing = { ids: ReadonlySet<string> } | { reason: string };

/** One list call per session, however many 404s ask (batch workers share the promise). */
const listings = new WeakMap<ApiSession, Promise<Listing>>();

/** Whether the API has shown that `id` is not among the account's OAuth clients. */
export async function absenceOf(session: ApiSession, id: string): Promise<Absence> {
  let listing = listings.get(session);
  if (listing === undefined) {
    listing = listClientIds(session);
    listings.set(session, listing);
  }
  const listed = await listing;
  if ('reason' in listed) return { proven: false, reason: listed.reason };
  if (listed.ids.has(id)) {
    return { proven: false, reason: `the API lists ${id} among the account's OAuth clients` };
  }
  return { proven: true };
}

async function listClientIds(session: ApiSession): Promise<Listing> {
  try {
    const clients = await listOAuthClients(session.http, session.accountId);
    return { ids: new Set(clients.map((client) => client.client_id.toLowerCase())) };
  } catch (error) {
    if (error instanceof AuthError) {
      return {
        reason: `the credential cannot list the account's OAuth clients (that needs "${READ_PERMISSION}")`,
      };
    }
    return {
      reason: `listing the account's OAuth clients failed too: ${describeFailure(error).message}`,
    };
  }
}

/**
 * What a failed delete (or a look-up before one) means for the client. A 404 is checked against
 * the list only when it would otherwise count as "gone": with --ignore-missing, or after an
 * attempt whose answer was lost. A plain 404 is a not-found failure either way.
 */
export async function failedDelete(
  session: ApiSession,
  id: string,
  error: unknown,
  ignoreMissing: boolean,
): Promise<ClientOutcome> {
  const claimsGone =
    error instanceof NotFoundError && (ignoreMissing || error.earlierAttemptUncertain);
  return failedResult(id, error, {
    ignoreMissing,
    credentialSource: session.credential.source,
    permission: WRITE_PERMISSION,
    absence: claimsGone ? await absenceOf(session, id) : undefined,
  });
}
