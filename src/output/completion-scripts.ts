/**
 * Shell completion scripts for bash, zsh and fish, rendered from a description of the program.
 * Each completes command names, the flags of the command being typed, file names after flags that
 * take a <file>, and fixed argument values (the shells of `completion`, the commands of `help`).
 */

export interface OptionSpec {
  short: string | undefined;
  long: string | undefined;
  description: string;
  takesValue: boolean;
  /** What the value is, from the flags: `account_id` for `--account <account_id>`. */
  valueName: string;
  takesFile: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  argumentValues: readonly string[];
  takesArgument: boolean;
}

export interface CompletionSpec {
  program: string;
  /** The program's own flags (--version, --help), completed before a command is typed. */
  options: OptionSpec[];
  commands: CommandSpec[];
}

export function renderCompletion(shell: 'bash' | 'zsh' | 'fish', spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}

function flagsOf(
  options: readonly OptionSpec[],
  keep: (option: OptionSpec) => boolean = () => true,
) {
  return options
    .filter(keep)
    .flatMap((option) => [option.short, option.long])
    .filter((flag) => flag !== undefined)
    .join(' ');
}

/** A shell function name: `_cf_oauth` for `cf-oauth`. */
function functionName(spec: CompletionSpec): string {
  return `_${spec.program.replace(/\W/g, '_')}`;
}

function bashScript(spec: CompletionSpec): string {
  const name = functionName(spec);
  const cases = spec.commands.map(
    (command) =>
      `    ${command.name})\n` +
      `      flags="${flagsOf(command.options)}"\n` +
      `      valued="${flagsOf(command.options, (option) => option.takesValue)}"\n` +
      `      files="${flagsOf(command.options, (option) => option.takesFile)}"\n` +
      `      values="${command.argumentValues.join(' ')}" ;;\n`,
  );
  return `# bash completion for ${spec.program}
# Install: ${spec.program} completion bash > ~/.local/share/bash-completion/completions/${spec.program}
#     or, in ~/.bashrc: source <(${spec.program} completion bash)
${name}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local command="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      -*) ;;
      *) command=\${COMP_WORDS[i]}; break ;;
    esac
  done
  local flags="${flagsOf(spec.options)}" valued="" files=""
  local values="${spec.commands.map((command) => command.name).join(' ')}"
  case $command in
    "") ;;
${cases.join('')}    *) return ;;
  esac
  if [[ -n $prev && " $valued " == *" $prev "* ]]; then
    COMPREPLY=()
    if [[ " $files " == *" $prev "* ]]; then
      compopt -o filenames 2>/dev/null
      local IFS=$'\\n'
      COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  fi
}
complete -F ${name} ${spec.program}
`;
}

/**
 * Text inside a zsh single-quoted word of an `_arguments` spec (where brackets and colons are
 * syntax) or of a `_describe` entry (where only the colon is).
 */
function zshText(text: string, special = /[\\[\]:]/g): string {
  return text.replace(special, '\\$&').replaceAll("'", `'\\''`);
}

function zshOption(option: OptionSpec): string {
  const flags = [option.short, option.long].filter((flag) => flag !== undefined);
  const description = `[${zshText(option.description)}]`;
  const message = zshText(option.valueName);
  const value = !option.takesValue ? '' : `:${message}:${option.takesFile ? '_files' : ' '}`;
  if (flags.length === 1) return `'${flags[0]}${description}${value}'`;
  return `'(${flags.join(' ')})'{${flags.join(',')}}'${description}${value}'`;
}

function zshScript(spec: CompletionSpec): string {
  // Named after the file it is installed as (_cf-oauth), which zsh autoloads as a function.
  const name = `_${spec.program}`;
  const describe = spec.commands
    .map(
      (command) =>
        `    '${zshText(command.name, /[\\:]/g)}:${zshText(command.description, /[\\:]/g)}'\n`,
    )
    .join('');
  const cases = spec.commands.map((command) => {
    const specs = command.options.map(zshOption);
    if (command.argumentValues.length > 0) {
      specs.push(`'1:value:(${command.argumentValues.join(' ')})'`);
    } else if (command.takesArgument) {
      specs.push(`'1:argument: '`);
    }
    return `        ${command.name})\n          _arguments \\\n            ${specs.join(' \\\n            ')} ;;\n`;
  });
  return `#compdef ${spec.program}
# zsh completion for ${spec.program}
# Install: ${spec.program} completion zsh > ~/.zfunc/${name}
#     with, in ~/.zshrc before compinit: fpath=(~/.zfunc $fpath)
#     or, in ~/.zshrc after compinit: source <(${spec.program} completion zsh)
${name}() {
  local curcontext=$curcontext state line
  local -a commands=(
${describe}  )
  _arguments -C \\
    ${spec.options.map(zshOption).join(' \\\n    ')} \\
    '1: :->command' \\
    '*:: :->argument'
  case $state in
    command) _describe -t commands '${spec.program} command' commands ;;
    argument)
      case $words[1] in
${cases.join('')}      esac ;;
  esac
}
if [[ $funcstack[1] == ${name} ]]; then
  ${name} "$@"
else
  compdef ${name} ${spec.program}
fi
`;
}

/** A fish single-quoted string. */
function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`;
}

function fishOption(prefix: string, option: OptionSpec): string {
  const parts = [prefix];
  if (option.short) parts.push(`-s ${option.short.replace(/^-/, '')}`);
  if (option.long) parts.push(`-l ${option.long.replace(/^--/, '')}`);
  if (option.takesFile) parts.push('-r -F');
  else if (option.takesValue) parts.push('-x');
  parts.push(`-d ${fishQuote(option.description)}`);
  return `${parts.join(' ')}\n`;
}

function fishScript(spec: CompletionSpec): string {
  const base = `complete -c ${spec.program}`;
  const beforeCommand = `${base} -n __fish_use_subcommand`;
  const lines = [
    `# fish completion for ${spec.program}\n`,
    `# Install: ${spec.program} completion fish > ~/.config/fish/completions/${spec.program}.fish\n`,
    // No file names by default: only flags that take a <file> complete them.
    `${base} -f\n`,
    ...spec.options.map((option) => fishOption(beforeCommand, option)),
  ];
  for (const command of spec.commands) {
    lines.push(`${beforeCommand} -a ${command.name} -d ${fishQuote(command.description)}\n`);
    const inCommand = `${base} -n '__fish_seen_subcommand_from ${command.name}'`;
    lines.push(...command.options.map((option) => fishOption(inCommand, option)));
    if (command.argumentValues.length > 0) {
      lines.push(`${inCommand} -a ${fishQuote(command.argumentValues.join(' '))}\n`);
    }
  }
  return lines.join('');
}
