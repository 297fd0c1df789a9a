/**
 * The flags that set a client's fields, shared by `create` and `update`. On the start-up path:
 * imports only commander and the field table. Values are checked when the command runs
 * (src/clients/definition.ts), so that every problem is named at once and none is sent.
 */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { AUTH_METHODS, FIELD_SPECS, GRANT_TYPES, RESPONSE_TYPES } from './fields.js';

/** Repeatable flags collect their values; undefined when never given. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function help(field: string): string {
  return FIELD_SPECS.find((spec) => spec.field === field)?.description ?? field;
}

/** `command` with one flag per writable field (their types join the command's options). */
export function withClientFieldOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  GlobalOpts extends OptionValues,
>(command: Command<Args, Opts, GlobalOpts>) {
  return command
    .option('--name <name>', help('client_name'))
    .option('--redirect-uri <uri>', help('redirect_uris'), collect)
    .option('--scope <scope>', help('scopes'), collect)
    .option('--grant-type <type>', `${help('grant_types')}: ${GRANT_TYPES.join(', ')}`, collect)
    .option(
      '--response-type <type>',
      `${help('response_types')}: ${RESPONSE_TYPES.join(', ')}`,
      collect,
    )
    .option(
      '--auth-method <method>',
      `${help('token_endpoint_auth_method')}: ${AUTH_METHODS.join(', ')}`,
    )
    .option('--client-uri <url>', help('client_uri'))
    .option('--logo-uri <url>', help('logo_uri'))
    .option('--policy-uri <url>', help('policy_uri'))
    .option('--tos-uri <url>', help('tos_uri'))
    .option('--cors-origin <origin>', help('allowed_cors_origins'), collect)
    .option('--post-logout-redirect-uri <uri>', help('post_logout_redirect_uris'), collect);
}

/** `--secret-file` and `--force`, for the commands that receive a new secret. */
export function withSecretOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  GlobalOpts extends OptionValues,
>(command: Command<Args, Opts, GlobalOpts>) {
  return command
    .option(
      '--secret-file <path>',
      'write the new client secret to this file (created with mode 0600; must not exist)',
    )
    .option('--force', 'let --secret-file replace an existing file');
}

/** Where the secret goes, for --help of create and rotate-secret. */
export const SECRET_HELP = `
The client secret is returned once. It goes to exactly one place, settled before anything is
sent: --secret-file <path> (created with mode 0600, the secret alone without a newline;
an existing file is refused unless --force), else the --json document, else the terminal
(when stdin, stdout and stderr are all terminals; shown once). Otherwise the command exits 2
and sends nothing. The secret never appears on stderr or in --verbose traces.`;
