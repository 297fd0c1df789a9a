/**
 * Argument parsing. This module is on the start-up path, so it imports only commander; each
 * command's module (and with it node-fetch, cosmiconfig, ora, chalk) is loaded when it runs.
 */
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Context } from './context.js';
import { EXIT, UsageError } from './errors.js';
import { failureDetails } from './outcome.js';
import { failureDocument, renderJson } from './output/json.js';
import { VERSION } from './version.js';

/** Options every API command shares; values are exactly what commander parsed. */
export interface ApiOptions {
  apiToken?: string;
  apiKey?: string;
  email?: string;
  account?: string;
  baseUrl?: string;
  config?: string;
  profile?: string;
  timeout: number;
  retries: number;
  maxRetryWait: number;
  json?: boolean;
  verbose?: boolean;
  color: boolean;
}

export interface ListOptions extends ApiOptions {
  filter?: string;
}

export interface ConfigOptions extends ApiOptions {
  check?: boolean;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface DeleteOptions extends ApiOptions {
  yes?: boolean;
  ignoreMissing?: boolean;
  fromFile?: string;
  concurrency: number;
  dryRun?: boolean;
  name?: string;
}

/** The exit-code table of `--help`; only the meaning of 0 and 1 differs between commands. */
function exitCodesHelp(success: string, failure: string): string {
  return `
Exit codes:
  0    ${success}
  1    ${failure}
  2    usage, validation or configuration error (nothing was sent)
  3    authentication or permission failure (HTTP 401/403)
  4    not found (HTTP 404)
  5    rate limited (HTTP 429)
  130  interrupted (SIGINT); 143 for SIGTERM
  141  stdout was closed (e.g. piped into head): stopped early, summary on stderr`;
}

const EXIT_CODES_HELP = exitCodesHelp(
  'deleted (or already absent with --ignore-missing)',
  'API, server or network failure; or the confirmation was declined',
);

const READ_EXIT_CODES_HELP = exitCodesHelp('success', 'API, server or network failure');

const PROGRAM_HELP = `${exitCodesHelp(
  'success',
  'API, server or network failure; or a confirmation was declined',
)}

Without --account (or CLOUDFLARE_ACCOUNT_ID, or "accountId" in the rc file) the account is
looked up: the only one the credential can see is used; with several, you pick one on a terminal.

Examples:
  $ cf-oauth list --filter staging                     # find the client
  $ cf-oauth get a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4       # check it
  $ cf-oauth delete a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4    # delete it
  $ cf-oauth config --check                            # which credential and account are used
  $ cf-oauth help list`;

const LIST_EXAMPLES = `
On a terminal: a table. Piped: one client per line, tab-separated, no header:
ID, name, visibility, number of redirect URIs, created, updated.

Examples:
  $ cf-oauth list --account 023e105f4ecef8ad9ca31a8372d0c353
  $ cf-oauth list --filter staging
  $ cf-oauth list | cut -f1,2
  $ cf-oauth list --json | jq -r '.[] | select(.visibility == "private") | .client_id'`;

const GET_EXAMPLES = `
Examples:
  $ cf-oauth get a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4
  $ cf-oauth get a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 -a 023e105f4ecef8ad9ca31a8372d0c353 --json | jq .redirect_uris`;

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

const COMPLETION_HELP = `
Completes commands, flags and the shells of this command. Install once, then start a new shell:

Examples:
  $ cf-oauth completion bash > ~/.local/share/bash-completion/completions/cf-oauth
  $ cf-oauth completion zsh > ~/.zfunc/_cf-oauth     # with fpath=(~/.zfunc $fpath) in ~/.zshrc
  $ cf-oauth completion fish > ~/.config/fish/completions/cf-oauth.fish
  $ source <(cf-oauth completion bash)    # this shell only`;

const CREDENTIALS_HELP = `
Credentials, highest precedence first: flags, environment (CLOUDFLARE_API_TOKEN, or
CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL; CLOUDFLARE_ACCOUNT_ID), rc file (~/.cfoauthrc).
A token given with --api-token is visible to other users in the process list: prefer
CLOUDFLARE_API_TOKEN or an rc file with mode 600.`;

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
  $ cut -f1 clients.tsv | cf-oauth delete --from-file - --yes --concurrency 8
  $ cf-oauth delete --from-file ids.txt --yes --json | jq -r '.results[] | select(.outcome == "not_attempted") | .id'`;

function number(kind: 'seconds' | 'count', max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    const valid =
      raw.trim() !== '' &&
      Number.isFinite(value) &&
      (kind === 'count' ? Number.isInteger(value) && value >= 0 : value > 0) &&
      value <= max;
    if (!valid) {
      const expected =
        kind === 'count'
          ? `a whole number from 0 to ${max}`
          : `seconds, above 0 and at most ${max}`;
      throw new InvalidArgumentError(`expected ${expected}.`);
    }
    return value;
  };
}

function addApiOptions(command: Command): Command {
  return command
    .option(
      '-a, --account <account_id>',
      'Cloudflare account ID (32 hex characters, upper case used in lower case; default: the only one the credential can see)',
    )
    .option('--api-token <token>', 'API token (visible in the process list: prefer the env)')
    .option('--api-key <key>', 'Global API key (legacy; needs --email)')
    .option('--email <email>', 'email of the account that owns --api-key')
    .option('--base-url <url>', 'API base URL (https, or http on loopback)')
    .option('--config <file>', 'read settings from this rc file instead of searching')
    .option('--profile <name>', 'rc file profile to use')
    .addOption(
      new Option('--timeout <seconds>', 'time limit for each attempt')
        .default(30)
        .argParser(number('seconds', 3600)),
    )
    .addOption(
      new Option('--retries <n>', 'retries after a failed attempt')
        .default(4)
        .argParser(number('count', 20)),
    )
    .addOption(
      new Option('--max-retry-wait <seconds>', 'longest server-requested wait to honour')
        .default(60)
        .argParser(number('seconds', 86_400)),
    )
    .option('--json', 'print one JSON document on stdout')
    .option('-v, --verbose', 'trace requests and responses on stderr (secrets redacted)')
    .option('--no-color', 'disable colours');
}

function buildProgram(ctx: Context, setExitCode: (code: number) => void): Command {
  const { stdout, stderr } = ctx.streams;
  const program = new Command('cf-oauth')
    .description('Manage Cloudflare OAuth clients from the command line.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
    })
    .showSuggestionAfterError()
    .addHelpText('after', PROGRAM_HELP);

  addApiOptions(
    program
      .command('delete')
      .description(
        'Delete OAuth clients from a Cloudflare account: by ID, from a list, or by name.',
      )
      // Some source of IDs is required; which one is checked when the command runs.
      .usage('[options] <oauth_client_id>... | --from-file <path> | --name <name>')
      .argument(
        '[oauth_client_id...]',
        'IDs of the OAuth clients to delete (32 hex characters; upper case is used in lower case)',
      ),
  )
    .option('--from-file <path>', 'read IDs from a file, one per line (- for stdin)')
    .option('--name <name>', 'delete the one client with exactly this name')
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
    .addHelpText('after', `${CREDENTIALS_HELP}\n${EXIT_CODES_HELP}\n${DELETE_EXAMPLES}`)
    .action(async (ids: string[], options: DeleteOptions) => {
      const { deleteCommand } = await import('./commands/delete.js');
      setExitCode(await deleteCommand(ids, options, ctx));
    });

  addApiOptions(
    program.command('list').description('List the OAuth clients of a Cloudflare account.'),
  )
    .option('--filter <text>', 'only clients whose name contains <text> (any case)')
    .addHelpText('after', `${CREDENTIALS_HELP}\n${READ_EXIT_CODES_HELP}\n${LIST_EXAMPLES}`)
    .action(async (options: ListOptions) => {
      const { listCommand } = await import('./commands/list.js');
      setExitCode(await listCommand(options, ctx));
    });

  addApiOptions(
    program
      .command('get')
      .description('Show an OAuth client: name, visibility, redirect URIs, scopes and more.')
      .argument(
        '<oauth_client_id>',
        'ID of the OAuth client (32 hex characters; upper case is used in lower case)',
      ),
  )
    .addHelpText('after', `${CREDENTIALS_HELP}\n${READ_EXIT_CODES_HELP}\n${GET_EXAMPLES}`)
    .action(async (id: string, options: ApiOptions) => {
      const { getCommand } = await import('./commands/get.js');
      setExitCode(await getCommand(id, options, ctx));
    });

  addApiOptions(
    program.command('config').description('Show the settings in use and where each comes from.'),
  )
    .option('--check', 'also ask the API whether it accepts the credential')
    .addHelpText('after', `${CREDENTIALS_HELP}\n${CONFIG_HELP}`)
    .action(async (options: ConfigOptions) => {
      const { configCommand } = await import('./commands/config.js');
      setExitCode(await configCommand(options, ctx));
    });

  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish.')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS))
    .addHelpText('after', COMPLETION_HELP)
    .action(async (shell: Shell) => {
      const { completionCommand } = await import('./commands/completion.js');
      setExitCode(completionCommand(shell, program, ctx));
    });

  return program;
}

/** Parses argv, runs the command, and returns the exit code. Never throws. */
export async function run(argv: readonly string[], ctx: Context): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(ctx, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return await unlessStdoutClosed(exitCode, ctx);
  } catch (error) {
    if (error instanceof CommanderError) return await commanderExitCode(error, argv, ctx);
    // Commands render their own failures; reaching here is a bug, reported in one line.
    const detail = error instanceof Error ? error.message : String(error);
    ctx.streams.stderr.write(`cf-oauth: internal error: ${detail}\n`);
    return EXIT.failure;
  }
}

/**
 * A run whose output was cut by a closed stdout never ends 0: a script would take it for done.
 * The failed write is reported a moment after it was made, hence the turn of the event loop.
 */
async function unlessStdoutClosed(exitCode: number, ctx: Context): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  if (exitCode !== EXIT.ok || ctx.interrupts.signal() !== 'EPIPE') return exitCode;
  ctx.streams.stderr.write('cf-oauth: stdout was closed before all the output was written\n');
  return EXIT.stdoutClosed;
}

async function commanderExitCode(
  error: CommanderError,
  argv: readonly string[],
  ctx: Context,
): Promise<number> {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
    return EXIT.ok;
  }
  // `cf-oauth help` asked for help (exit code 0); a bare `cf-oauth` got it as an error (1).
  if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  // Commander already wrote its message to stderr; --json callers also get a document on stdout.
  const message = error.message.replace(/^error: /, '');
  if (argv.includes('--json')) {
    ctx.streams.stdout.write(renderJson(failureDocument(failureDetails(new UsageError(message)))));
  } else if (ctx.env.GITHUB_ACTIONS === 'true') {
    // Loaded only in GitHub Actions: the start-up path stays commander alone.
    const { workflowErrorLine } = await import('./output/github-actions.js');
    ctx.streams.stderr.write(workflowErrorLine(message));
  }
  return EXIT.usage;
}
