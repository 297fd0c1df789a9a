/**
 * The never-twice rule's second half. A create whose answer was lost after the request went out
 * may or may not have happened; sending it again could make a second client. Instead, list the
 * account's clients: exactly one with that name created since the attempt began is the one this
 * run made. Anything else is reported as unknown.
 */

import type { ApiResponse } from '../../api/http.js';
import { listOAuthClients, type OAuthClient } from '../../api/oauth-clients.js';
import type { Context, Interrupts } from '../../context.js';
import { quote } from '../../output/quote.js';
import type { ApiSession } from '../../session/api-session.js';

/** How long the check may take once Ctrl-C was pressed: the user is waiting to leave. */
export const CHECK_AFTER_INTERRUPT_MS = 5000;

/**
 * Slack for timestamps: the API's created_at and its Date header have whole seconds, and the
 * attempt's start is measured on this machine's clock, which the Date header corrects.
 */
const SLACK_MS = 2000;

export type Recovery =
  | { kind: 'found'; client: OAuthClient }
  | { kind: 'unknown'; reason: string; candidates: string[] };

export async function findCreatedClient(
  session: ApiSession,
  name: string,
  attemptStartedAt: number,
  ctx: Context,
): Promise<Recovery> {
  let clients: OAuthClient[];
  let skew = 0;
  const requestOptions = afterInterrupt(ctx);
  try {
    clients = await listOAuthClients(session.http, session.accountId, {
      ...(requestOptions ? { requestOptions } : {}),
      onPage: (response) => {
        skew = clockSkew(response, ctx);
      },
    });
  } catch (error) {
    return {
      kind: 'unknown',
      reason: `the check that lists the account's clients failed: ${(error as Error).message}`,
      candidates: [],
    };
  }
  const since = attemptStartedAt + skew - SLACK_MS;
  const matches = clients.filter(
    (client) => client?.client_name === name && Date.parse(String(client.created_at)) >= since,
  );
  const [only] = matches;
  if (only !== undefined && matches.length === 1) return { kind: 'found', client: only };
  const candidates = matches.map((client) => String(client.client_id));
  const reason =
    matches.length === 0
      ? `no client named ${quote(name)} has appeared since the attempt began, but the API may not list it yet`
      : `${matches.length} clients named ${quote(name)} were created since the attempt began: ${candidates.join(', ')}`;
  return { kind: 'unknown', reason, candidates };
}

/** The server's clock minus ours, from the answer's Date header (0 without one). */
function clockSkew(response: ApiResponse<unknown>, ctx: Context): number {
  const serverNow = Date.parse(response.headers.date ?? '');
  return Number.isNaN(serverNow) ? 0 : serverNow - ctx.clock.now();
}

/**
 * After Ctrl-C the session refuses to send; this one check must still run, so that the user
 * learns whether the client exists. It gets its own signals, bounded in time.
 */
export function afterInterrupt(ctx: Context): { interrupts: Interrupts } | undefined {
  if (!ctx.interrupts.stopping.aborted) return undefined;
  return {
    interrupts: {
      stopping: new AbortController().signal,
      abort: AbortSignal.timeout(CHECK_AFTER_INTERRUPT_MS),
      signal: () => ctx.interrupts.signal(),
    },
  };
}
