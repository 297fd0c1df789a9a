import type { Command } from '@commander-js/extra-typings';
import { CREDENTIALS_HELP, exitCodesHelp } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';
import { CLIENTS_FILE_HELP } from '../plan/definition.js';

const APPLY_HELP = `
apply computes the plan as plan does, shows it, asks once on a terminal (--yes skips; scripts
are not asked), then creates, updates (PATCH with only the changed fields) and deletes. Each
change done goes to stdout as it ends ("created <id> "<name>""), failures to stderr, the counts
at the end; --json: one document with each change's outcome.
Secrets of created clients: --secrets-dir <dir> (<dir>/<client_id>, mode 0600; the directory is
checked before anything is sent), the --json document, or stdout on a terminal; otherwise an
apply that would create exits 2 before sending. Without a terminal, --prune needs --yes.`;

const APPLY_EXAMPLES = `
Examples:
  $ cf-oauth apply --file clients.yaml
  $ cf-oauth apply --file clients.yaml --prune --yes --secrets-dir secrets/ --backup backups/`;

/** `cf-oauth apply`: flags and help. */
export function defineApply(program: Command) {
  return withApiOptions(
    program
      .command('apply')
      .description("Make the account's OAuth clients what a file declares: create, update, prune."),
  )
    .requiredOption('--file <path>', 'the clients file, JSON or YAML (- for stdin)')
    .option('--prune', 'also delete the clients the file does not list')
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .option('--secrets-dir <dir>', "write each created client's secret to <dir>/<client_id>")
    .option('--backup <dir>', 'save each client to <dir>/<client_id>.json before deleting it')
    .addHelpText(
      'after',
      `${CLIENTS_FILE_HELP}\n${APPLY_HELP}\n${CREDENTIALS_HELP}\n${exitCodesHelp(
        'every change applied (or nothing to change)',
        'API, server or network failure; or the confirmation was declined',
      )}\n${APPLY_EXAMPLES}`,
    );
}

export type ApplyOptions = ReturnType<ReturnType<typeof defineApply>['opts']>;
