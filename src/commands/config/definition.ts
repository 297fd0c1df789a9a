import type { Command } from '@commander-js/extra-typings';
import { CREDENTIALS_HELP } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';

const CONFIG_HELP = `
Shows each setting with its source (flag, environment variable, rc file and profile), secrets
masked to their last 4 characters, the rc files searched and any warnings. Sends nothing unless
--check is given: then GET /user/tokens/verify (API token) or GET /user (Global API key).

Exit codes:
  0    the settings are usable (with --check: and the API accepts the credential)
  1    --check: API, server or network failure
  2    a setting would stop every command (see the errors)
  3    --check: the API rejected the credential
  5    --check: rate limited (HTTP 429)

Examples:
  $ cf-oauth config
  $ cf-oauth config --check
  $ cf-oauth config --profile prod --json | jq .settings`;

/** `cf-oauth config [--check]`: flags and help. */
export function defineConfig(program: Command) {
  return withApiOptions(
    program.command('config').description('Show the settings in use and where each comes from.'),
  )
    .option('--check', 'also ask the API whether it accepts the credential')
    .addHelpText('after', `${CREDENTIALS_HELP}\n${CONFIG_HELP}`);
}

export type ConfigOptions = ReturnType<ReturnType<typeof defineConfig>['opts']>;
