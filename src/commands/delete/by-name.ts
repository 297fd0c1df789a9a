/**
 * `--name`: the one client whose name is exactly the given one, found with the list call.
 * Never a guess: no match is "not found", several matches are refused with their IDs.
 */

import { listOAuthClients, type OAuthClient } from '../../api/oauth-clients.js';
import { validateClientId } from '../../config/validate.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { quote } from '../../output/quote.js';
import type { ApiSession } from '../../session/api-session.js';

export interface NamedClient {
  id: string;
  name: string;
}

export async function findClientByName(session: ApiSession, name: string): Promise<NamedClient> {
  const clients = await listOAuthClients(session.http, session.accountId);
  const matches = clients.filter((client) => client.client_name === name);
  const where = `in account ${session.accountId}`;
  if (matches.length === 0) {
    throw new NotFoundError(`no OAuth client named ${quote(name)} ${where}`, {
      status: null,
      hint: 'names must match exactly, including case; `cf-oauth list` shows them',
    });
  }
  if (matches.length > 1) {
    const ids = matches.map((client) => shownId(String(client.client_id))).join(', ');
    throw new UsageError(
      `${matches.length} OAuth clients ${where} are named ${quote(name)}: ${ids}`,
      { hint: 'delete the one you mean by its ID: cf-oauth delete <oauth_client_id>' },
    );
  }
  const [client] = matches as [OAuthClient];
  return { id: validateClientId(String(client.client_id)), name };
}

/** IDs as they are when they are plain (32 hex characters in practice), quoted otherwise. */
function shownId(id: string): string {
  return /^[\w-]+$/.test(id) ? id : quote(id);
}
