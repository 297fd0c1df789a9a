import type { Command } from '@commander-js/extra-typings';
import {
  SECRET_HELP,
  withClientFieldOptions,
  withSecretOptions,
} from '../../clients/field-options.js';
import { CREDENTIALS_HELP, exitCodesHelp } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';

const CREATE_HELP = `
Required: a name, at least one redirect URI and at least one scope, from flags or the file.
Defaults for the rest (those of Cloudflare's guide): --grant-type authorization_code,
--response-type code, --auth-method client_secret_basic. Every URI must be an absolute URL.
Every value is checked before anything is sent; a bad one exits 2 naming the flag or field.

--from-file <path|->: a JSON or YAML object with the API's field names (client_name,
redirect_uris, scopes, grant_types, response_types, token_endpoint_auth_method, client_uri,
logo_uri, policy_uri, tos_uri, allowed_cors_origins, post_logout_redirect_uris). A flag
replaces the file's value. Read-only fields (client_id, created_at, visibility, ...) are
ignored with a note, so \`get --json\` output and \`delete --backup\` files work as they are:
the new client gets a new ID and a new secret.
${SECRET_HELP}

Stdout: the new client's ID alone (or one JSON document with --json).
A create is never sent twice blindly: if the answer is lost after the request went out,
cf-oauth looks for a client of that name created since; if it finds exactly one, it reports
it as created and rotates its secret (the first one was lost with the answer) to the same
destination; otherwise the outcome is reported unknown, with the command to check.`;

const CREATE_EXAMPLES = `
Examples:
  $ cf-oauth create --name "Preview 42" --redirect-uri https://pr-42.example.com/cb --scope account.read --secret-file pr-42.secret
  $ id=$(cf-oauth create --from-file client.yaml --secret-file client.secret)
  $ cf-oauth create --from-file backups/a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4.json --json | jq -r .result.client_secret
  $ cf-oauth get a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --json | cf-oauth create --from-file - --name "Copy" --secret-file copy.secret`;

/** `cf-oauth create`: flags and help. */
export function defineCreate(program: Command) {
  return withSecretOptions(
    withClientFieldOptions(
      withApiOptions(
        program
          .command('create')
          .description('Create an OAuth client; its secret is shown once, or written to a file.'),
      ),
    ).option(
      '--from-file <path>',
      'read the client definition from a JSON or YAML file (- for stdin)',
    ),
  ).addHelpText(
    'after',
    `${CREATE_HELP}\n${CREDENTIALS_HELP}\n${exitCodesHelp(
      'created (also when found after a lost answer, with its secret rotated)',
      'API, server or network failure; or the outcome of the create is unknown',
    )}\n${CREATE_EXAMPLES}`,
  );
}

export type CreateOptions = ReturnType<ReturnType<typeof defineCreate>['opts']>;
