/**
 * A command's definition parsed on its own, without running anything: the parse-only half of
 * the GitHub CLI style of testing a command (the other half calls its run function).
 */
import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';

export interface Parsed<C extends CommandUnknownOpts> {
  args: C['processedArgs'];
  options: ReturnType<C['opts']>;
}

/**
 * Parses `argv` (after the command's name) with the definition `define` adds to a program
 * configured as src/cli.ts configures it; throws commander's CommanderError on a usage error.
 */
export function parse<C extends CommandUnknownOpts>(
  define: (program: Command) => C,
  argv: string[],
): Parsed<C> {
  const program = new Command('cf-oauth')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  const command = define(program);
  program.parse([command.name(), ...argv], { from: 'user' });
  return { args: command.processedArgs, options: command.opts() as ReturnType<C['opts']> };
}
