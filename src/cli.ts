/**
 * Argument parsing. This module is on the start-up path, so it imports only commander; each
 * command's module (and with it node-fetch, cosmiconfig, ora, chalk) is loaded when it runs.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Context } from './context.js';
import { EXIT } from './errors.js';
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

export interface DeleteOptions extends ApiOptions {
  yes?: boolean;
  ignoreMissing?: boolean;
}

const EXIT_CODES_HELP = `
Exit codes:
  0    deleted (or already absent with --ignore-missing)
  1    API, server or network failure; or the confirmation was declined
  2    usage, validation or configuration error (nothing was sent)
  3    authentication or permission failure (HTTP 401/403)
  4    not found (HTTP 404)
  5    rate limited (HTTP 429)
  130  interrupted (SIGINT); 143 for SIGTERM`;

const CREDENTIALS_HELP = `
Credentials, highest precedence first: flags, environment (CLOUDFLARE_API_TOKEN, or
CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL; CLOUDFLARE_ACCOUNT_ID), rc file (~/.cfoauthrc).
A token given with --api-token is visible to other users in the process list: prefer
CLOUDFLARE_API_TOKEN or an rc file with mode 600.`;

const DELETE_EXAMPLES = `
Each attempt is bounded by --timeout; the whole run by (retries + 1) x timeout plus the
waits between attempts (at most --max-retry-wait each).

Examples:
  $ cf-oauth delete a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --account 023e105f4ecef8ad9ca31a8372d0c353
  $ CLOUDFLARE_API_TOKEN=... cf-oauth delete a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 -a 023e... --json | jq .result.id
  $ cf-oauth delete a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4 --profile prod --yes --ignore-missing`;

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
    .option('-a, --account <account_id>', 'Cloudflare account ID (32 hex characters)')
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
    .addHelpText('after', EXIT_CODES_HELP);

  addApiOptions(
    program
      .command('delete')
      .description('Delete an OAuth client from a Cloudflare account.')
      .argument('<oauth_client_id>', 'ID of the OAuth client to delete'),
  )
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .option('--ignore-missing', 'treat a client that does not exist as success (exit 0)')
    .addHelpText('after', `${CREDENTIALS_HELP}\n${EXIT_CODES_HELP}\n${DELETE_EXAMPLES}`)
    .action(async (id: string, options: DeleteOptions) => {
      const { deleteCommand } = await import('./commands/delete.js');
      setExitCode(await deleteCommand(id, options, ctx));
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
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error, argv, ctx);
    // Commands render their own failures; reaching here is a bug, reported in one line.
    const detail = error instanceof Error ? error.message : String(error);
    ctx.streams.stderr.write(`cf-oauth: internal error: ${detail}\n`);
    return EXIT.failure;
  }
}

function commanderExitCode(error: CommanderError, argv: readonly string[], ctx: Context): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
    return EXIT.ok;
  }
  // Commander already wrote its message to stderr; --json callers also get a document on stdout.
  if (argv.includes('--json')) {
    const message = error.message.replace(/^error: /, '');
    const failure = {
      exitCode: EXIT.usage,
      type: 'usage',
      message,
      hint: undefined,
      status: null,
      cfRay: undefined,
      attempts: undefined,
      credentialSource: undefined,
    } as const;
    ctx.streams.stdout.write(renderJson(failureDocument(failure)));
  }
  return EXIT.usage;
}
