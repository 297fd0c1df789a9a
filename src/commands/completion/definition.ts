import { Argument, type Command } from '@commander-js/extra-typings';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const COMPLETION_HELP = `
Completes commands, flags and the shells of this command. Install once, then start a new shell:

Examples:
  $ cf-oauth completion bash > ~/.local/share/bash-completion/completions/cf-oauth
  $ cf-oauth completion zsh > ~/.zfunc/_cf-oauth     # with fpath=(~/.zfunc $fpath) in ~/.zshrc
  $ cf-oauth completion fish > ~/.config/fish/completions/cf-oauth.fish
  $ source <(cf-oauth completion bash)    # this shell only`;

/** `cf-oauth completion <shell>`: arguments and help. */
export function defineCompletion(program: Command) {
  return program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish.')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS))
    .addHelpText('after', COMPLETION_HELP);
}
