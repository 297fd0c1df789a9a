/**
 * `cf-oauth create`: check the definition, settle where the secret goes, POST once, and hand the
 * secret over. A create whose answer was lost is never sent again (see recover.ts).
 */

import type { ApiResponse } from '../../api/http.js';
import {
  type CreatedOAuthClient,
  createOAuthClient,
  finishSecretRotation,
} from '../../api/oauth-clients.js';
import { WRITE_PERMISSION } from '../../api/permissions.js';
import { unexpectedAnswer } from '../../api/unexpected-answer.js';
import { assembleFields, type FileDefinition, readDefinition } from '../../clients/definition.js';
import { rotateSecret } from '../../clients/rotation.js';
import type { Context } from '../../context.js';
import { InterruptedError } from '../../errors.js';
import { mayHaveActed } from '../../outcome.js';
import { quote, shellQuote } from '../../output/quote.js';
import type { Terminal } from '../../output/terminal.js';
import { abandonSecret, deliverSecret, type SecretReport } from '../../secrets/deliver.js';
import { openSecretDestination, type SecretDestination } from '../../secrets/destination.js';
import { runApiCommand } from '../../session/api-command.js';
import type { ApiSession } from '../../session/api-session.js';
import type { CreateOptions } from './definition.js';
import { afterInterrupt, findCreatedClient } from './recover.js';
import { type CreatedFacts, createdDocument, createdLine, reportCreateFailure } from './report.js';

export function run(options: CreateOptions, ctx: Context): Promise<number> {
  return runApiCommand(options, ctx, WRITE_PERMISSION, async (openSession, term) => {
    const file =
      options.fromFile === undefined ? undefined : await readDefinition(options.fromFile, ctx);
    if (file && file.ignored.length > 0) term.note(ignoredNote(file));
    const fields = assembleFields({ file, flags: options, mode: 'create' });
    const name = String(fields.client_name);
    // Settled before anything is sent: a bad --secret-file exits 2 and no client is created.
    const destination = await openSecretDestination(options, ctx);
    let delivered = false;
    try {
      const session = await openSession();
      const credentialSource = session.credential.source;
      const started = ctx.clock.now();
      let response: ApiResponse<CreatedOAuthClient>;
      try {
        response = await term.spin(`Creating OAuth client ${quote(name)}`, () =>
          createOAuthClient(session.http, session.accountId, fields),
        );
      } catch (error) {
        if (!mayHaveActed(error)) {
          const note =
            error instanceof InterruptedError ? 'no OAuth client was created' : undefined;
          return reportCreateFailure(term, error, { outcome: 'failed', note, credentialSource });
        }
        const recovery = await term.spin('The answer was lost: looking for the new client', () =>
          findCreatedClient(session, name, started, ctx),
        );
        if (recovery.kind === 'unknown') {
          return reportCreateFailure(term, error, {
            outcome: 'unknown',
            note: `whether OAuth client ${quote(name)} was created is unknown: ${recovery.reason}`,
            hint: `check with: cf-oauth list --filter ${shellQuote(name)}`,
            candidates: recovery.candidates,
            credentialSource,
          });
        }
        const { client } = recovery;
        term.note(
          `the answer to the create was lost, but OAuth client ${client.client_id} named ${quote(name)} was created at ${String(client.created_at)}; its secret was lost with the answer, so cf-oauth replaces it`,
        );
        const facts = { client, status: null, errors: [], messages: [], recovered: true };
        const failed = await replaceLostSecret(session, facts, destination, ctx, term);
        delivered = failed === undefined;
        return failed;
      }
      const result = response.result;
      if (typeof result?.client_id !== 'string') {
        throw unexpectedAnswer(response, 'the new OAuth client');
      }
      const { client_secret: secret, ...client } = result;
      const facts: CreatedFacts = {
        client,
        status: response.status,
        errors: response.errors,
        messages: response.messages,
        recovered: false,
      };
      if (typeof secret === 'string' && secret !== '') {
        await handOver(term, destination, facts, secret);
        delivered = true;
      } else {
        term.warn('the API returned the new client without its secret; cf-oauth replaces it');
        const failed = await replaceLostSecret(session, facts, destination, ctx, term);
        delivered = failed === undefined;
        return failed;
      }
      return undefined;
    } finally {
      if (!delivered) await abandonSecret(destination);
    }
  });
}

function ignoredNote(file: FileDefinition): string {
  const fields = file.ignored.join(', ');
  const fresh = file.ignored.includes('client_id') ? '; the new client gets a new ID' : '';
  return `${file.label}: ignored read-only fields (the API sets them): ${fields}${fresh}`;
}

/** The ID first (text), then the secret to its one destination, then the document (--json). */
async function handOver(
  term: Terminal,
  destination: SecretDestination,
  facts: CreatedFacts,
  secret: string,
): Promise<SecretReport> {
  if (!term.json) term.out(createdLine(term, facts.client));
  const report = await deliverSecret(destination, secret, facts.client.client_id, term);
  if (term.json) term.out(createdDocument(facts, report));
  return report;
}

/**
 * The client exists but its first secret never reached anyone: rotate it so the user ends with
 * a working secret in the same place, then revoke the lost one. Undefined once the secret is
 * handed over; a failed rotation is reported (the client exists, and the command to finish is
 * given) and its exit code returned.
 */
async function replaceLostSecret(
  session: ApiSession,
  facts: CreatedFacts,
  destination: SecretDestination,
  ctx: Context,
  term: Terminal,
): Promise<number | undefined> {
  const id = facts.client.client_id;
  let secret: string;
  try {
    ({ secret } = await rotateSecret(session, id, afterInterrupt(ctx)));
  } catch (error) {
    return reportCreateFailure(term, error, {
      outcome: 'created',
      id,
      note: `OAuth client ${id} was created, but its secret was lost and could not be replaced`,
      hint: `make a new secret: cf-oauth rotate-secret ${id} --secret-file <path>`,
      credentialSource: session.credential.source,
    });
  }
  try {
    await finishSecretRotation(session.http, session.accountId, id, afterInterrupt(ctx));
  } catch (error) {
    term.warn(
      `the lost secret still works until revoked (${(error as Error).message}): cf-oauth rotate-secret ${id} --finish`,
    );
  }
  await handOver(term, destination, facts, secret);
  return undefined;
}
