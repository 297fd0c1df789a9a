/**
 * `cf-oauth completion bash|zsh|fish` (in-process, test/helpers/in-process.ts): the scripts list every command and
 * flag, and bash's is sourced in a real bash and asked for suggestions. Also: every command's
 * --help ends with examples.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/in-process.js';

const COMMANDS = [
  'delete',
  'list',
  'get',
  'create',
  'update',
  'rotate-secret',
  'plan',
  'apply',
  'config',
  'completion',
  'help',
];
const dir = mkdtempSync(join(tmpdir(), 'cf-oauth-completion-'));
const scripts: Record<'bash' | 'zsh' | 'fish', string> = { bash: '', zsh: '', fish: '' };

beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    const run = await runBin(['completion', shell]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    scripts[shell] = run.stdout;
    writeFileSync(join(dir, shell), run.stdout);
  }
});

function hasShell(name: string): boolean {
  try {
    execFileSync(name, ['-c', 'exit 0'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What bash would offer for the command line `words` (the last one is being typed). */
function bashSuggestions(words: string[], cwd = dir): string[] {
  const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _cf_oauth; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const output = execFileSync(
    'bash',
    ['--norc', '--noprofile', '-c', program, 'bash', join(dir, 'bash'), 'cf-oauth', ...words],
    { cwd, encoding: 'utf8' },
  );
  return output.split('\n').filter((line) => line !== '');
}

describe('bash', () => {
  it('registers a completion function for cf-oauth', () => {
    expect(scripts.bash).toMatch(/^# bash completion for cf-oauth\n/);
    expect(scripts.bash).toContain('\ncomplete -F _cf_oauth cf-oauth\n');
  });

  it('offers the commands, then each command its own flags', () => {
    expect(bashSuggestions([''])).toEqual(COMMANDS);
    expect(bashSuggestions(['l'])).toEqual(['list']);
    expect(bashSuggestions(['--'])).toEqual(['--version', '--help']);
    expect(bashSuggestions(['list', '--f'])).toEqual(['--filter']);
    expect(bashSuggestions(['config', '--c'])).toEqual(['--config', '--check']);
    expect(bashSuggestions(['get', '--'])).toEqual([
      '--account',
      '--api-token',
      '--api-key',
      '--email',
      '--base-url',
      '--config',
      '--profile',
      '--timeout',
      '--retries',
      '--max-retry-wait',
      '--json',
      '--verbose',
      '--no-color',
      '--help',
    ]);
    expect(bashSuggestions(['delete', '--'])).toEqual(
      expect.arrayContaining(['--account', '--yes', '--ignore-missing', '--json']),
    );
  });

  it('skips option values when finding the command, and completes nothing for them', () => {
    expect(bashSuggestions(['get', '-a', '023e105f4ecef8ad9ca31a8372d0c353', '--j'])).toEqual([
      '--json',
    ]);
    expect(bashSuggestions(['get', '--account', ''])).toEqual([]);
    expect(bashSuggestions(['list', '--filter', ''])).toEqual([]);
  });

  it('completes file names after --config, spaces included', () => {
    const files = join(dir, 'files');
    mkdirSync(files);
    writeFileSync(join(files, 'my rc.json'), '{}');
    writeFileSync(join(files, 'prod.yaml'), '');
    expect(bashSuggestions(['list', '--config', ''], files).sort()).toEqual([
      'my rc.json',
      'prod.yaml',
    ]);
    expect(bashSuggestions(['list', '--config', 'pr'], files)).toEqual(['prod.yaml']);
  });

  it('offers the shells after completion and the commands after help', () => {
    expect(bashSuggestions(['completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(bashSuggestions(['completion', 'z'])).toEqual(['zsh']);
    expect(bashSuggestions(['help', 'co'])).toEqual(['config', 'completion']);
    expect(bashSuggestions(['bogus', '--'])).toEqual([]);
  });
});

describe('zsh', () => {
  it('describes every command and flag for _arguments', () => {
    const script = scripts.zsh;
    expect(script).toMatch(/^#compdef cf-oauth\n/);
    expect(script).toContain("    'list:List the OAuth clients of a Cloudflare account.'\n");
    expect(script).toContain(
      "    'get:Show an OAuth client\\: name, visibility, redirect URIs, scopes and more.'\n",
    );
    expect(script).toContain(
      "'--filter[only clients whose name contains <text> (any case)]:text: '",
    );
    expect(script).toContain(
      "'--config[read settings from this rc file instead of searching]:file:_files'",
    );
    expect(script).toContain("'(-a --account)'{-a,--account}'[Cloudflare account ID (32 hex");
    expect(script).toContain("'--check[also ask the API whether it accepts the credential]'");
    expect(script).toContain("'1:value:(bash zsh fish)'");
    expect(script).toContain(`'1:value:(${COMMANDS.join(' ')})'`);
    expect(script).toContain('  compdef _cf-oauth cf-oauth\n');
  });

  it.runIf(hasShell('zsh'))('parses, and registers itself when sourced (zsh installed)', () => {
    const file = join(dir, 'zsh');
    execFileSync('zsh', ['-n', file]);
    const registered = execFileSync(
      'zsh',
      [
        '-f',
        '-c',
        `autoload -U compinit && compinit -u -d ${join(dir, 'zcompdump')}; source ${file}; print -r -- $_comps[cf-oauth]`,
      ],
      { encoding: 'utf8' },
    );
    expect(registered).toBe('_cf-oauth\n');
  });
});

describe('fish', () => {
  it('declares every command and flag', () => {
    const script = scripts.fish;
    expect(script).toMatch(/^# fish completion for cf-oauth\n/);
    expect(script).toContain('complete -c cf-oauth -f\n');
    for (const command of COMMANDS) {
      expect(script).toContain(`complete -c cf-oauth -n __fish_use_subcommand -a ${command} -d '`);
    }
    expect(script).toContain(
      "complete -c cf-oauth -n '__fish_seen_subcommand_from list' -l filter -x -d 'only clients whose name contains <text> (any case)'\n",
    );
    expect(script).toContain(
      "complete -c cf-oauth -n '__fish_seen_subcommand_from get' -s a -l account -x -d ",
    );
    expect(script).toContain(
      "complete -c cf-oauth -n '__fish_seen_subcommand_from config' -l config -r -F -d ",
    );
    expect(script).toContain(
      "complete -c cf-oauth -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n",
    );
  });

  it.runIf(hasShell('fish'))('completes in a real fish (fish installed)', () => {
    const complete = (line: string) =>
      execFileSync('fish', ['-c', `source ${join(dir, 'fish')}; complete -C '${line}'`], {
        encoding: 'utf8',
      });
    expect(complete('cf-oauth li')).toBe('list\tList the OAuth clients of a Cloudflare account.\n');
    expect(complete('cf-oauth completion ')).toBe('bash\nfish\nzsh\n');
    expect(complete('cf-oauth list --fil')).toBe(
      '--filter\tonly clients whose name contains <text> (any case)\n',
    );
  });
});

describe('the completion command', () => {
  it('needs one of the three shells (exit 2)', async () => {
    expect(await runBin(['completion'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: missing required argument 'shell'\n",
    });
    expect(await runBin(['completion', 'powershell'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "error: command-argument value 'powershell' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.\n",
    });
  });
});

describe('--help', () => {
  it('ends with examples for the program and every command', async () => {
    for (const argv of [[], ...COMMANDS.filter((c) => c !== 'help').map((c) => [c])]) {
      const run = await runBin([...argv, '--help']);
      expect([argv, run.code, run.stderr]).toEqual([argv, 0, '']);
      const examples = run.stdout.slice(run.stdout.lastIndexOf('\nExamples:\n'));
      expect(examples).toMatch(/^\nExamples:\n( {2}\$ .*cf-oauth .*\n)+$/);
    }
  });
});
