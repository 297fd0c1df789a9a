import type { Command } from '@commander-js/extra-typings';
import { SECRET_HELP, withSecretOptions } from '../../clients/field-options.js';
import { CREDENTIALS_HELP, exitCodesHelp } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';

const ROTATE_HELP = `
Rotating a secret is rotate, deploy, finish, so that nothing breaks in between:
  1. cf-oauth rotate-secret <id> --secret-file new.secret
     The API makes a new secret. The old one keeps working; \`cf-oauth get <id>\` shows
     "Rotated secret: pending".
  2. Deploy the new secret everywhere the client is used.
  3. cf-oauth rotate-secret <id> --finish
     Revokes the old secret (DELETE .../rotate_secret). Nothing else is sent or needed.
${SECRET_HELP}

Stdout: the client's ID (or one JSON document with --json).`;

const ROTATE_EXAMPLES = `
Examples:
  $ cf-oauth rotate-secret a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --secret-file client.secret --force
  $ cf-oauth rotate-secret a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --json | jq -r .result.client_secret
  $ cf-oauth rotate-secret a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --finish`;

/** `cf-oauth rotate-secret <oauth_client_id> [--finish]`: flags and help. */
export function defineRotateSecret(program: Command) {
  return withSecretOptions(
    withApiOptions(
      program
        .command('rotate-secret')
        .description(
          'Give an OAuth client a new secret (the old one works until --finish revokes it).',
        )
        .argument('<oauth_client_id>', 'ID of the OAuth client'),
    ),
  )
    .option(
      '--finish',
      'revoke the secret replaced by the last rotation (after deploying the new one)',
    )
    .addHelpText(
      'after',
      `${ROTATE_HELP}\n${CREDENTIALS_HELP}\n${exitCodesHelp(
        'rotated (or, with --finish, the old secret revoked)',
        'API, server or network failure; or the outcome of the rotation is unknown',
      )}\n${ROTATE_EXAMPLES}`,
    );
}

export type RotateSecretOptions = ReturnType<ReturnType<typeof defineRotateSecret>['opts']>;
