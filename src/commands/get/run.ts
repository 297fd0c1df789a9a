import { getOAuthClient } from '../../api/oauth-clients.js';
import { READ_PERMISSION } from '../../api/permissions.js';
import { unexpectedAnswer } from '../../api/unexpected-answer.js';
import { lowerCaseNote, validateClientId } from '../../config/validate.js';
import type { Context } from '../../context.js';
import { renderClientDetails } from '../../output/client-details.js';
import { renderJson } from '../../output/json.js';
import { runApiCommand } from '../../session/api-command.js';
import type { GetOptions } from './definition.js';

/** `cf-oauth get <id>`: what a person checks before deleting, or the API's object with --json. */
export function run(rawId: string, options: GetOptions, ctx: Context): Promise<number> {
  return runApiCommand(options, ctx, READ_PERMISSION, async (openSession, term) => {
    const id = validateClientId(rawId);
    const note = lowerCaseNote('the OAuth client ID', rawId, id);
    if (note) term.note(note);
    const session = await openSession();
    const response = await term.spin(`Fetching OAuth client ${id}`, () =>
      getOAuthClient(session.http, session.accountId, id),
    );
    const client: unknown = response.result;
    if (typeof client !== 'object' || client === null || Array.isArray(client)) {
      throw unexpectedAnswer(response, 'an OAuth client');
    }
    if (term.json) term.out(renderJson(client));
    else term.out(renderClientDetails(client as Record<string, unknown>));
  });
}
