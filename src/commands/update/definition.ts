import type { Command } from '@commander-js/extra-typings';
import { collect, withClientFieldOptions } from '../../clients/field-options.js';
import { CREDENTIALS_HELP, exitCodesHelp } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';

const UPDATE_HELP = `
Sends only the fields given (PATCH), each checked as for create; a flag replaces the field's
whole value. --add-* and --remove-* read the client first (GET) and send the full new list.
--from-file takes a JSON or YAML definition (read-only fields ignored); flags override it.

--visibility public promotes the client (there is no way back to private). The API requires
a non-empty name, a logo URI (--logo-uri), a client URI whose host is verified (the TXT
record shown by \`get --json\` under client_uri_verification) and at least one non-identity
scope (one with a dot, such as account.read).

--dry-run reads the client and shows the difference, field by field; it sends no PATCH.
Stdout: the client's ID (or one JSON document with --json).`;

const UPDATE_EXAMPLES = `
Examples:
  $ cf-oauth update a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --add-redirect-uri https://pr-43.example.com/cb --dry-run
  $ cf-oauth update a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --remove-scope zone.read --add-scope account.read
  $ cf-oauth update a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --logo-uri https://example.com/logo.png --visibility public`;

/** `cf-oauth update <oauth_client_id>`: flags and help. */
export function defineUpdate(program: Command) {
  return withClientFieldOptions(
    withApiOptions(
      program
        .command('update')
        .description('Change fields of an OAuth client; only the fields given are sent.')
        .argument('<oauth_client_id>', 'ID of the OAuth client'),
    ),
  )
    .option(
      '--add-redirect-uri <uri>',
      'add a redirect URI to the current ones (repeatable)',
      collect,
    )
    .option(
      '--remove-redirect-uri <uri>',
      'remove one of the current redirect URIs (repeatable)',
      collect,
    )
    .option('--add-scope <scope>', 'add a scope to the current ones (repeatable)', collect)
    .option('--remove-scope <scope>', 'remove one of the current scopes (repeatable)', collect)
    .option('--visibility <visibility>', 'public: promote the client (see below)')
    .option('--from-file <path>', 'read fields from a JSON or YAML file (- for stdin)')
    .option('--dry-run', 'show the difference field by field; send no PATCH')
    .addHelpText(
      'after',
      `${UPDATE_HELP}\n${CREDENTIALS_HELP}\n${exitCodesHelp(
        'updated (or, with --dry-run, the difference shown)',
        'API, server or network failure',
      )}\n${UPDATE_EXAMPLES}`,
    );
}

export type UpdateOptions = ReturnType<ReturnType<typeof defineUpdate>['opts']>;
