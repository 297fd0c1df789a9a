import { listOAuthClients, type OAuthClient } from '../../api/oauth-clients.js';
import { READ_PERMISSION } from '../../api/permissions.js';
import type { Context } from '../../context.js';
import { clientRows, renderClientTable } from '../../output/client-list.js';
import { renderJson } from '../../output/json.js';
import { quote } from '../../output/quote.js';
import { renderTsv } from '../../output/table.js';
import { runApiCommand } from '../../session/api-command.js';
import type { ListOptions } from './definition.js';

/**
 * `cf-oauth list`: every OAuth client of the account, or those whose name contains `--filter`.
 * A table on a terminal, tab-separated lines in a pipe, the API's objects verbatim with --json.
 */
export function run(options: ListOptions, ctx: Context): Promise<number> {
  return runApiCommand(options, ctx, READ_PERMISSION, async (openSession, term) => {
    const session = await openSession();
    const all = await term.spin('Listing OAuth clients', () =>
      listOAuthClients(session.http, session.accountId),
    );
    const clients = filterByName(all, options.filter);
    if (term.json) {
      term.out(renderJson(clients));
    } else if (!term.stdoutIsTTY) {
      term.out(renderTsv(clientRows(clients)));
    } else if (clients.length === 0) {
      const which = options.filter === undefined ? '' : ` named like ${quote(options.filter)}`;
      term.note(`no OAuth clients${which} in account ${session.accountId}`);
    } else {
      // A pseudo-terminal can report 0 columns: that is no width, not a very narrow one.
      const width = ctx.streams.stdout.columns || undefined;
      term.out(renderClientTable(clients, { width, paint: term.paintOut }));
    }
  });
}

/** Clients whose name contains `filter`, ignoring case; all of them without a filter. */
export function filterByName(
  clients: readonly OAuthClient[],
  filter: string | undefined,
): OAuthClient[] {
  if (filter === undefined) return [...clients];
  const needle = filter.toLowerCase();
  return clients.filter((client) => nameOf(client).toLowerCase().includes(needle));
}

/** The API's name, or empty for a client without one (which only an empty filter matches). */
function nameOf(client: OAuthClient): string {
  return typeof client.client_name === 'string' ? client.client_name : '';
}
