/**
 * The README is user-facing truth: its opening commands, its install lines, its CI recipe and its
 * flag reference are checked here against package.json and the built CLI's `--help`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};

/** The text of the `##`/`###` section with this heading, up to the next heading of any level. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section ${heading}`);
  const rest = README.slice(start + heading.length + 2);
  const next = rest.search(/^#{2,3} /m);
  return next < 0 ? rest : rest.slice(0, next);
}

/** The code spans of the first column of every table row: `-a, --account <account_id>`. */
function tableFlags(text: string): string[] {
  return [...text.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1] ?? '');
}

/** The option column of a `--help`'s Options list, continuation lines skipped. */
function helpFlags(help: string): string[] {
  const fromOptions = help.slice(help.indexOf('\nOptions:\n'));
  const options = fromOptions.slice(0, fromOptions.indexOf('\n\n'));
  return [...options.matchAll(/^ {2}(-\S.*?)(?: {2,}|$)/gm)].map((match) => match[1] ?? '');
}

async function help(args: string[]): Promise<string> {
  const run = await runBin([...args, '--help']);
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('README', () => {
  it('opens with exactly the set-up and the tests', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)?.[1];
    const commands = firstBlock?.split('\n').map((line) => line.replace(/\s+#.*$/, ''));
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test', '']);
  });

  it('installs by the published name, and never tells anyone to run `npx cf-oauth`', () => {
    expect(PKG.name).toBe('cf-oauth-cli');
    expect(Object.keys(PKG.bin)).toEqual(['cf-oauth']);
    const install = section('## Install');
    expect(install).toContain('npm i -g cf-oauth-cli ');
    expect(install).toContain('npx --package cf-oauth-cli cf-oauth ');
    expect(install).toContain('npm ci && npm link ');
    // `npx cf-oauth` fetches and runs the unrelated package of that name. Every npx that runs
    // cf-oauth names the package, or refuses to install anything.
    const npxRuns = [...README.matchAll(/npx\b[^\n`]*?\bcf-oauth\b[^\n`]*/g)].map((m) => m[0]);
    expect(npxRuns.length).toBeGreaterThan(4);
    for (const line of npxRuns) {
      expect(line, line).toMatch(
        /^npx (--yes )?--package cf-oauth-cli(@[\d.]+)? cf-oauth |^npx --no-install cf-oauth /,
      );
    }
    expect(README).not.toMatch(/npx\s+(-y\s+|--yes\s+)*cf-oauth(?!-cli)/);
  });

  it('pins the CI recipe to this version', () => {
    const recipes = [...README.matchAll(/--package cf-oauth-cli@(\S+)/g)].map((m) => m[1]);
    expect(recipes.length).toBeGreaterThan(0);
    for (const version of recipes) expect(version).toBe(PKG.version);
  });

  it('lists every flag of the program and of each command, as --help does', async () => {
    const reference = section('## Reference');
    const [programHelp, apiHelp] = await Promise.all([help([]), help(['get'])]);
    const commandsInHelp = [
      ...(programHelp
        .split('\nCommands:\n')[1]
        ?.split('\n\n')[0]
        ?.matchAll(/^ {2}([a-z-]+)/gm) ?? []),
    ].map((match) => match[1]);
    const documented = (flags: string[]) => [...flags, '-h, --help'].sort();

    expect(helpFlags(programHelp).sort()).toEqual(
      tableFlags(reference)
        .filter((flag) => flag.startsWith('-'))
        .sort(),
    );
    expect(tableFlags(reference)).toContain('help [command]');
    const globalFlags = tableFlags(
      section('### Flags of every API command (all but `completion`)'),
    );
    expect(helpFlags(apiHelp).sort()).toEqual(globalFlags.sort());

    const commandSections: Record<string, string> = {
      delete:
        '### `cf-oauth delete [options] <oauth_client_id>... | --from-file <path> | --name <name> | --match <glob> | --created-before <when>`',
      list: '### `cf-oauth list [options]`',
      get: '### `cf-oauth get [options] <oauth_client_id>`',
      create: '### `cf-oauth create [options]`',
      update: '### `cf-oauth update [options] <oauth_client_id>`',
      'rotate-secret': '### `cf-oauth rotate-secret [options] <oauth_client_id>`',
      plan: '### `cf-oauth plan [options]`',
      apply: '### `cf-oauth apply [options]`',
      config: '### `cf-oauth config [options]`',
      completion: '### `cf-oauth completion [options] <shell>`',
    };
    expect(commandsInHelp).toEqual([...Object.keys(commandSections), 'help']);
    for (const [command, heading] of Object.entries(commandSections)) {
      const commandHelp = await help([command]);
      // The heading is the command's usage line.
      expect(heading.replace(/^### `(.*)`$/, 'Usage: $1')).toBe(commandHelp.split('\n')[0]);
      const own = tableFlags(section(heading));
      const expected =
        command === 'completion'
          ? documented(own)
          : documented([...globalFlags.filter((f) => f !== '-h, --help'), ...own]);
      expect(helpFlags(commandHelp).sort(), command).toEqual(expected);
    }
  });

  it('gives each default and maximum that --help gives', async () => {
    const deleteHelp = (await help(['delete'])).replace(/\n {20,}/g, ' ');
    expect(deleteHelp).toMatch(
      /--concurrency <n> +requests in flight at once in a batch, at most 32 \(default: 4\)/,
    );
    for (const [, flag, value] of deleteHelp.matchAll(
      /^ {2}(-\S.*?) {2,}.*\(default: (\d+)\)$/gm,
    )) {
      const row = README.split('\n').find((line) => line.startsWith(`| \`${flag}\``));
      expect(row, flag).toContain(`default ${value}`);
    }
    expect(README).toMatch(/^\| `--concurrency <n>` .*at most 32/m);
  });
});
