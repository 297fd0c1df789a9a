/**
 * What `plan` and `apply` share: read the file (every problem of it reported before anything is
 * sent), list the live clients (every page), and compute the plan.
 */

import { listOAuthClients } from '../../api/oauth-clients.js';
import { readClientsFile } from '../../clients/clients-file.js';
import { computePlan, type Plan } from '../../clients/plan.js';
import type { Context } from '../../context.js';
import type { Terminal } from '../../output/terminal.js';
import type { ApiSession, SessionOptions } from '../../session/api-session.js';

export async function planFromFile(
  options: { file: string; prune?: boolean | undefined },
  ctx: Context,
  term: Terminal,
  openSession: (sessionOptions?: SessionOptions) => Promise<ApiSession>,
): Promise<{ plan: Plan; session: ApiSession }> {
  const prune = options.prune === true;
  const file = await readClientsFile(options.file, ctx, { prune });
  // With --file -, stdin held the file: no account can be picked on it.
  const session = await openSession({ mayAsk: options.file !== '-' });
  const live = await term.spin('Listing OAuth clients', () =>
    listOAuthClients(session.http, session.accountId),
  );
  return { plan: computePlan(file.entries, live, { prune }), session };
}
