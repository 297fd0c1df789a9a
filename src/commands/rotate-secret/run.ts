/**
 * `cf-oauth rotate-secret <id>`: a new secret to its one destination, settled before the POST;
 * `--finish`: revoke the old one.
 */

import { finishSecretRotation } from '../../api/oauth-clients.js';
import { WRITE_PERMISSION } from '../../api/permissions.js';
import { rotateSecret } from '../../clients/rotation.js';
import { validateClientId } from '../../config/validate.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { mayHaveActed } from '../../outcome.js';
import { renderJson } from '../../output/json.js';
import type { Terminal } from '../../output/terminal.js';
import { abandonSecret, deliverSecret } from '../../secrets/deliver.js';
import { openSecretDestination } from '../../secrets/destination.js';
import { runApiCommand } from '../../session/api-command.js';
import type { RotateSecretOptions } from './definition.js';

export function run(rawId: string, options: RotateSecretOptions, ctx: Context): Promise<number> {
  return runApiCommand(options, ctx, WRITE_PERMISSION, async (openSession, term) => {
    const id = validateClientId(rawId);
    if (options.finish) {
      if (options.secretFile !== undefined || options.force) {
        throw new UsageError('--finish revokes the old secret; it makes none to write');
      }
      const session = await openSession();
      const response = await term.spin(`Revoking the old secret of OAuth client ${id}`, () =>
        finishSecretRotation(session.http, session.accountId, id),
      );
      if (term.json) {
        term.out(
          renderJson({ ...envelopeOf(response), id, outcome: 'finished', status: response.status }),
        );
      } else {
        term.out(line(term, `Revoked the old secret of OAuth client ${id}`, id));
      }
      return undefined;
    }
    const destination = await openSecretDestination(options, ctx);
    let delivered = false;
    try {
      const session = await openSession();
      let rotated: Awaited<ReturnType<typeof rotateSecret>>;
      try {
        rotated = await term.spin(`Rotating the secret of OAuth client ${id}`, () =>
          rotateSecret(session, id),
        );
      } catch (error) {
        if (mayHaveActed(error)) {
          term.note(
            `the rotation may or may not have happened; the old secret keeps working either way (cf-oauth get ${id} shows whether a rotated secret is pending)`,
          );
        }
        throw error;
      }
      if (!term.json) term.out(line(term, `Rotated the secret of OAuth client ${id}`, id));
      const report = await deliverSecret(destination, rotated.secret, id, term);
      delivered = true;
      if (term.json) {
        const envelope = envelopeOf(rotated.response);
        const result = report && 'client_secret' in report ? report : {};
        const file = report && 'secret_file' in report ? report : {};
        term.out(
          renderJson({
            ...envelope,
            result,
            id,
            outcome: 'rotated',
            status: rotated.response.status,
            ...file,
          }),
        );
      } else {
        term.note(
          `the old secret keeps working until you revoke it, once the new one is deployed: cf-oauth rotate-secret ${id} --finish`,
        );
      }
      return undefined;
    } finally {
      if (!delivered) await abandonSecret(destination);
    }
  });
}

/** The API's envelope fields, verbatim except the result (which may hold the secret). */
function envelopeOf(response: {
  envelope: Record<string, unknown>;
  errors: unknown;
  messages: unknown;
}) {
  return {
    success: true,
    result: response.envelope.result ?? null,
    errors: response.errors,
    messages: response.messages,
  };
}

/** `✓ …` on a terminal, the ID alone when piped. */
function line(term: Terminal, text: string, id: string): string {
  return term.stdoutIsTTY ? `${term.paintOut.green('✓')} ${text}\n` : `${id}\n`;
}
