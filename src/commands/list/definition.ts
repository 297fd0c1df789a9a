import type { Command } from '@commander-js/extra-typings';
import { CREDENTIALS_HELP, READ_EXIT_CODES_HELP } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';

const LIST_EXAMPLES = `
On a terminal: a table. Piped: one client per line, tab-separated, no header:
ID, name, visibility, number of redirect URIs, created, updated.

Examples:
  $ cf-oauth list --account 023e105f4ecef8ad9ca31a8372d0c353
  $ cf-oauth list --filter staging
  $ cf-oauth list | cut -f1,2
  $ cf-oauth list --json | jq -r '.[] | select(.visibility == "private") | .client_id'`;

/** `cf-oauth list`: flags and help. */
export function defineList(program: Command) {
  return withApiOptions(
    program.command('list').description('List the OAuth clients of a Cloudflare account.'),
  )
    .option('--filter <text>', 'only clients whose name contains <text> (any case)')
    .addHelpText('after', `${CREDENTIALS_HELP}\n${READ_EXIT_CODES_HELP}\n${LIST_EXAMPLES}`);
}

export type ListOptions = ReturnType<ReturnType<typeof defineList>['opts']>;
