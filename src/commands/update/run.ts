/** `cf-oauth update <id>`: PATCH only the fields given; --dry-run shows the difference. */

import { getOAuthClient, type OAuthClient, updateOAuthClient } from '../../api/oauth-clients.js';
import { WRITE_PERMISSION } from '../../api/permissions.js';
import { unexpectedAnswer } from '../../api/unexpected-answer.js';
import { assembleFields, readDefinition } from '../../clients/definition.js';
import { VISIBILITY_SPEC } from '../../clients/fields.js';
import { validateClientId } from '../../config/validate.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { renderJson } from '../../output/json.js';
import { quote } from '../../output/quote.js';
import type { Terminal } from '../../output/terminal.js';
import { runApiCommand } from '../../session/api-command.js';
import type { UpdateOptions } from './definition.js';
import { applyEdits, changesOf, listEdits, renderChanges } from './edits.js';

export function run(rawId: string, options: UpdateOptions, ctx: Context): Promise<number> {
  return runApiCommand(options, ctx, WRITE_PERMISSION, async (openSession, term) => {
    const id = validateClientId(rawId);
    const file =
      options.fromFile === undefined ? undefined : await readDefinition(options.fromFile, ctx);
    if (file && file.ignored.length > 0) {
      term.note(
        `${file.label}: ignored read-only fields (the API sets them): ${file.ignored.join(', ')}`,
      );
    }
    const fields = assembleFields({
      file,
      flags: options,
      mode: 'update',
      extraSpecs: [VISIBILITY_SPEC],
    });
    const edits = listEdits(options, fields);
    if (Object.keys(fields).length === 0 && edits.length === 0) {
      throw new UsageError('nothing to update', {
        hint: 'give a field flag (--name, --redirect-uri, ...), --add-*/--remove-*, --visibility or --from-file',
      });
    }
    const session = await openSession();
    let current: OAuthClient | undefined;
    if (edits.length > 0 || options.dryRun) {
      const response = await term.spin(`Reading OAuth client ${id}`, () =>
        getOAuthClient(session.http, session.accountId, id),
      );
      if (typeof response.result !== 'object' || response.result === null) {
        throw unexpectedAnswer(response, 'an OAuth client');
      }
      current = response.result;
      Object.assign(fields, applyEdits(current, edits));
    }
    const changes = current && changesOf(current, fields);
    if (options.dryRun || changes?.length === 0) {
      if (term.json) {
        term.out(
          renderJson({
            success: true,
            result: null,
            id,
            outcome: options.dryRun ? 'would_update' : 'unchanged',
            changes,
          }),
        );
      } else if (options.dryRun) {
        term.out(renderChanges(changes ?? []));
      } else {
        term.note(`OAuth client ${id} already has these values: nothing was sent`);
        term.out(`${id}\n`);
      }
      return undefined;
    }
    const response = await term.spin(`Updating OAuth client ${id}`, () =>
      updateOAuthClient(session.http, session.accountId, id, fields),
    );
    if (term.json) {
      term.out(
        renderJson({
          success: true,
          result: response.result,
          errors: response.errors,
          messages: response.messages,
          id,
          outcome: 'updated',
          status: response.status,
          fields: Object.keys(fields),
        }),
      );
    } else {
      term.out(updatedLine(term, id, response.result, Object.keys(fields)));
    }
    return undefined;
  });
}

function updatedLine(
  term: Terminal,
  id: string,
  client: OAuthClient | null,
  fields: string[],
): string {
  if (!term.stdoutIsTTY) return `${id}\n`;
  const name = typeof client?.client_name === 'string' ? `${quote(client.client_name)} ` : '';
  return `${term.paintOut.green('✓')} Updated OAuth client ${name}(${id}): ${fields.join(', ')}\n`;
}
