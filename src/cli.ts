/**
 * Argument parsing: assembles the commands' definitions. This module is on the start-up path, so
 * it imports only commander and the definitions (which import only commander); each command's
 * run function (and with it node-fetch, cosmiconfig, ora, chalk) is loaded when it runs.
 * Adding a command: its folder under src/commands/ and one entry in `buildProgram`.
 */
import { Command, CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { defineApply } from './commands/apply/definition.js';
import { defineCompletion } from './commands/completion/definition.js';
import { defineConfig } from './commands/config/definition.js';
import { defineCreate } from './commands/create/definition.js';
import { defineDelete } from './commands/delete/definition.js';
import { defineGet } from './commands/get/definition.js';
import { defineList } from './commands/list/definition.js';
import { definePlan } from './commands/plan/definition.js';
import { defineRotateSecret } from './commands/rotate-secret/definition.js';
import { defineUpdate } from './commands/update/definition.js';
import type { Context } from './context.js';
import { debugStack } from './debug.js';
import { describeFailure, EXIT, UsageError } from './errors.js';
import { failureDocument, renderJson } from './output/json.js';
import { exitCodesHelp } from './session/help.js';
import { VERSION } from './version.js';

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

/**
 * The run function of `command`: its parsed arguments and options (typed by its definition),
 * the context, and the parsed command itself (completion reads the program from it).
 */
type RunFunction<C> =
  C extends Command<infer Args, infer Opts>
    ? (...params: [...Args, Opts, Context, CommandUnknownOpts]) => number | Promise<number>
    : never;

function buildProgram(
  argv: readonly string[],
  ctx: Context,
  setExitCode: (code: number) => void,
): Command {
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

  /** Runs `command` with the run function `load` imports when (and only when) it is invoked. */
  function lazily<C extends CommandUnknownOpts>(
    command: C,
    load: () => Promise<{ run: RunFunction<C> }>,
  ): void {
    command.action(async (...parsed: unknown[]) => {
      const { run } = await load();
      // commander passes the arguments, the options, then the command itself.
      const self = parsed.pop() as CommandUnknownOpts;
      const call = run as unknown as (...params: unknown[]) => number | Promise<number>;
      setExitCode(await call(...parsed, ctx, self));
    });
  }

  /** Each command's definition, by the name it is invoked with. */
  const commands: Record<string, () => void> = {
    delete: () => lazily(defineDelete(program), () => import('./commands/delete/run.js')),
    list: () => lazily(defineList(program), () => import('./commands/list/run.js')),
    get: () => lazily(defineGet(program), () => import('./commands/get/run.js')),
    create: () => lazily(defineCreate(program), () => import('./commands/create/run.js')),
    update: () => lazily(defineUpdate(program), () => import('./commands/update/run.js')),
    'rotate-secret': () =>
      lazily(defineRotateSecret(program), () => import('./commands/rotate-secret/run.js')),
    plan: () => lazily(definePlan(program), () => import('./commands/plan/run.js')),
    apply: () => lazily(defineApply(program), () => import('./commands/apply/run.js')),
    config: () => lazily(defineConfig(program), () => import('./commands/config/run.js')),
    completion: () =>
      lazily(defineCompletion(program), () => import('./commands/completion/run.js')),
  };
  // A run that names a command gets that command alone: defining every command's options cost
  // a delete about 3 ms (bench/README.md), and a subcommand's parsing, errors and help never
  // look at its siblings. Anything else (`help`, `--version`, a mistyped name that commander
  // suggests a correction for) and `completion`, which reads the whole program, gets them all.
  const named = argv[0];
  if (named !== undefined && named !== 'completion' && Object.hasOwn(commands, named)) {
    commands[named]?.();
  } else {
    for (const define of Object.values(commands)) define();
  }

  return program;
}

/** Parses argv, runs the command, and returns the exit code. Never throws. */
export async function run(argv: readonly string[], ctx: Context): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(argv, ctx, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return await unlessStdoutClosed(exitCode, ctx);
  } catch (error) {
    if (error instanceof CommanderError) return await commanderExitCode(error, argv, ctx);
    // Commands render their own failures; reaching here is a bug, reported in one line.
    const detail = error instanceof Error ? error.message : String(error);
    ctx.streams.stderr.write(`cf-oauth: internal error: ${detail}\n${debugStack(error, ctx.env)}`);
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
    ctx.streams.stdout.write(renderJson(failureDocument(describeFailure(new UsageError(message)))));
  } else if (ctx.env.GITHUB_ACTIONS === 'true') {
    // Loaded only in GitHub Actions: the start-up path stays commander alone.
    const { workflowErrorLine } = await import('./output/github-actions.js');
    ctx.streams.stderr.write(workflowErrorLine(message));
  }
  return EXIT.usage;
}
