import type { Command } from '@commander-js/extra-typings';
import { CREDENTIALS_HELP, exitCodesHelp } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';

/** The clients file, as `plan --help` and `apply --help` describe it. */
export const CLIENTS_FILE_HELP = `
--file <path|->: a JSON or YAML file with a clients: list of client definitions, with the
API's field names (as create --from-file reads them). An entry finds its live client by
client_id when it gives one, else by exact client_name; no match means a create. Only the
fields an entry gives are managed: the others are never compared nor sent. scopes,
grant_types and response_types compare as sets; redirect_uris, post_logout_redirect_uris and
allowed_cors_origins in order. offline_access and openid are left to the API, which sets them
from the grant and response types. Two entries with one name, a name that matches several
clients, a client_id that does not exist: exit 2, each named by its line, nothing sent.
--prune: every live client no entry matches is deleted; refused for an empty file.`;

const PLAN_EXAMPLES = `
Examples:
  $ cf-oauth plan --file clients.yaml
  $ cf-oauth plan --file clients.yaml --prune --exit-code     # in CI: exit 6 on drift
  $ cf-oauth plan --file clients.yaml --json | jq '.summary'`;

/** `cf-oauth plan`: flags and help. */
export function definePlan(program: Command) {
  return withApiOptions(
    program
      .command('plan')
      .description(
        "Show what apply would change to make the account's OAuth clients what a file declares.",
      ),
  )
    .requiredOption('--file <path>', 'the clients file, JSON or YAML (- for stdin)')
    .option('--prune', 'also plan to delete the clients the file does not list')
    .option('--exit-code', 'exit 6 when there are changes, 0 when there are none')
    .addHelpText(
      'after',
      `${CLIENTS_FILE_HELP}\n\nSends only GETs. Stdout: + create, ~ update (each field old → new),\n- delete, then the counts; --json: {"changes": [...], "summary": {...}}.\n${CREDENTIALS_HELP}\n${exitCodesHelp(
        'success (with --exit-code: no changes)',
        'API, server or network failure',
      )}\n  6    --exit-code: the plan has changes\n${PLAN_EXAMPLES}`,
    );
}

export type PlanOptions = ReturnType<ReturnType<typeof definePlan>['opts']>;
