import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../../context.js';
import { EXIT } from '../../errors.js';
import {
  type CommandSpec,
  type CompletionSpec,
  type OptionSpec,
  renderCompletion,
} from '../../output/completion-scripts.js';
import type { Shell } from './definition.js';

/**
 * `cf-oauth completion <shell>`: the script is generated from the program's own command and
 * option definitions, so it cannot fall behind them.
 */
export function run(
  shell: Shell,
  _options: unknown,
  ctx: Context,
  command: CommandUnknownOpts,
): number {
  const program = command.parent ?? command;
  ctx.streams.stdout.write(renderCompletion(shell, completionSpec(program)));
  return EXIT.ok;
}

export function completionSpec(program: CommandUnknownOpts): CompletionSpec {
  const help = program.createHelp();
  const commands = help.visibleCommands(program);
  const names = commands.map((command) => command.name());
  return {
    program: program.name(),
    options: help.visibleOptions(program).map(optionSpec),
    commands: commands.map(
      (command): CommandSpec => ({
        name: command.name(),
        description: command.description(),
        options: help.visibleOptions(command).map(optionSpec),
        // `help <command>` takes a command name; others list their choices, if any.
        argumentValues:
          command.name() === 'help' ? names : (command.registeredArguments[0]?.argChoices ?? []),
        takesArgument: command.registeredArguments.length > 0,
      }),
    ),
  };
}

function optionSpec(option: CommandUnknownOpts['options'][number]): OptionSpec {
  return {
    short: option.short,
    long: option.long,
    description: option.description,
    takesValue: option.required || option.optional,
    valueName: /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? 'value',
    takesFile: /<file>/.test(option.flags),
  };
}
