import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { BackupDir } from '../../clients/backup.js';
import type { Context } from '../../context.js';
import type { Terminal } from '../../output/terminal.js';
import type { ApiSession } from '../../session/api-session.js';
import { CREDENTIALS_HELP, exitCodesHelp } from '../../session/help.js';
import { withApiOptions } from '../../session/options.js';

const EXIT_CODES_HELP = exitCodesHelp(
  'deleted (or already absent with --ignore-missing)',
  'API, server or network failure; or the confirmation was declined',
);

const DELETE_EXAMPLES = `
Each attempt is bounded by --timeout; the whole run by (retries + 1) x timeout plus the
waits between attempts (at most --max-retry-wait each), per ID. A batch also waits whenever
the API's rate-limit budget (Ratelimit headers) is used up, until the window resets.

--from-file: one ID per line; blank lines and # comments are ignored, repeats deleted once.
Every ID is checked before anything is sent. Text output lists each deleted ID on stdout as
it goes; --json prints one report at the end (results in input order, then a summary).

Examples:
  $ cf-oauth delete a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --account 023e105f4ecef8ad9ca31a8372d0c353
  $ CLOUDFLARE_API_TOKEN=... cf-oauth delete a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 -a 023e... --json | jq .result.id
  $ cf-oauth delete a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --profile prod --yes --ignore-missing
  $ cf-oauth delete --name "Acme staging"
  $ cf-oauth delete --from-file ids.txt --dry-run
  $ cf-oauth delete --match 'preview-*' --created-before 7d --dry-run
  $ cut -f1 clients.tsv | cf-oauth delete --from-file - --yes --concurrency 8
  $ cf-oauth delete --from-file ids.txt --yes --json | jq -r '.results[] | select(.outcome == "not_attempted") | .id'`;

/** `cf-oauth delete`: flags and help. */
export function defineDelete(program: Command) {
  return withApiOptions(
    program
      .command('delete')
      .description(
        'Delete OAuth clients from a Cloudflare account: by ID, from a list, by name, or by what they are.',
      )
      // Some source of IDs is required; which one is checked when the command runs.
      .usage(
        '[options] <oauth_client_id>... | --from-file <path> | --name <name> | --match <glob> | --created-before <when>',
      )
      .argument(
        '[oauth_client_id...]',
        'IDs of the OAuth clients to delete (32 hex characters; upper case is used in lower case)',
      ),
  )
    .option('--from-file <path>', 'read IDs from a file, one per line (- for stdin)')
    .option('--name <name>', 'delete the one client with exactly this name')
    .option('--match <glob>', 'delete the clients whose name matches (* and ?, case-sensitive)')
    .option(
      '--created-before <when>',
      'delete the clients created before a date (2026-01-01) or that long ago (7d, 12h)',
    )
    .addOption(
      new Option('--concurrency <n>', 'requests in flight at once in a batch, at most 32')
        .default(4)
        .argParser((raw: string) => {
          const value = Number(raw);
          if (!/^\s*\d+\s*$/.test(raw) || value < 1 || value > 32) {
            throw new InvalidArgumentError('expected a whole number from 1 to 32.');
          }
          return value;
        }),
    )
    .option('--dry-run', 'look the clients up and show what would be deleted; delete nothing')
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .option(
      '--ignore-missing',
      "a client missing from the account's client list counts as success (exit 0)",
    )
    .option(
      '--backup <dir>',
      'before each delete, save the client to <dir>/<id>.json (recreate it: create --from-file)',
    )
    .addHelpText('after', `${CREDENTIALS_HELP}\n${EXIT_CODES_HELP}\n${DELETE_EXAMPLES}`);
}

export type DeleteOptions = ReturnType<ReturnType<typeof defineDelete>['opts']>;

/** What every part of `cf-oauth delete` works with. */
export interface DeleteRun {
  ctx: Context;
  options: DeleteOptions;
  term: Terminal;
  /** `--from-file -`: stdin holds the IDs, so no question can be answered on it. */
  stdinHoldsIds: boolean;
  /** Resolves settings and opens the API session, once; the command closes it. */
  openSession(): Promise<ApiSession>;
  /** --backup, else backupDir from the rc file: created if needed, once; undefined if neither. */
  backupDir(): Promise<BackupDir | undefined>;
}
