import type { Command } from '@commander-js/extra-typings';
import { CREDENTIALS_HELP, READ_EXIT_CODES_HELP } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';

const GET_EXAMPLES = `
Examples:
  $ cf-oauth get a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4
  $ cf-oauth get a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 -a 023e105f4ecef8ad9ca31a8372d0c353 --json | jq .redirect_uris`;

/** `cf-oauth get <oauth_client_id>`: flags and help. */
export function defineGet(program: Command) {
  return withApiOptions(
    program
      .command('get')
      .description('Show an OAuth client: name, visibility, redirect URIs, scopes and more.')
      .argument(
        '<oauth_client_id>',
        'ID of the OAuth client (32 hex characters; upper case is used in lower case)',
      ),
  ).addHelpText('after', `${CREDENTIALS_HELP}\n${READ_EXIT_CODES_HELP}\n${GET_EXAMPLES}`);
}

export type GetOptions = ReturnType<ReturnType<typeof defineGet>['opts']>;
