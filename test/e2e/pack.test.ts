/**
 * What `npm pack` ships, and whether it works once installed by its published name, cf-oauth-cli:
 * the tarball is installed the way `npm i -g cf-oauth-cli` does (into a temporary prefix) and run
 * the way `npx --package cf-oauth-cli cf-oauth …` does; each installed `cf-oauth` runs --version
 * and a real delete against the emulator. Slow (npm resolves the runtime dependencies, from its
 * cache when it can), so one test.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ACCOUNT, expectNoSecrets, useEmulator } from '../helpers/fixture.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const api = useEmulator();

/** npm, without the scripts that would rebuild dist/ under the other tests running now. */
async function npm(args: string[], cwd = ROOT): Promise<string> {
  const { stdout } = await run('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

it('packs only what runs, and the installed copy works', { timeout: 240_000 }, async () => {
  const [dryRun] = JSON.parse(await npm(['pack', '--dry-run', '--json'])) as Array<{
    files: Array<{ path: string }>;
  }>;
  const files = (dryRun?.files ?? []).map((file) => file.path);
  const topLevel = [...new Set(files.map((path) => path.split('/')[0]))].sort();
  expect(topLevel).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json']);
  expect(files).toContain('bin/cf-oauth.js');
  expect(files).toContain('dist/main.js');
  // Built code only: no sources, source maps or type declarations.
  expect(files.filter((path) => /\.(ts|mts|cts|map)$/.test(path))).toEqual([]);

  const work = realpathSync(mkdtempSync(join(tmpdir(), 'cf-oauth-pack-')));
  const [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', work])) as Array<{
    filename: string;
  }>;
  // The published name: `cf-oauth` on the registry is someone else's package.
  expect(packed?.filename).toBe('cf-oauth-cli-0.1.0.tgz');
  const tarball = join(work, packed?.filename ?? 'missing.tgz');
  const prefix = join(work, 'prefix');
  await npm(['install', '--global', '--prefix', prefix, '--prefer-offline', tarball], work);
  const installed = join(prefix, 'bin', 'cf-oauth');
  const packageDir = join(prefix, 'lib', 'node_modules', 'cf-oauth-cli');
  expect(readdirSync(packageDir).sort()).toEqual(
    ['LICENSE', 'README.md', 'bin', 'dist', 'node_modules', 'package.json'].sort(),
  );

  const home = join(work, 'home');
  mkdirSync(home);
  const env = { PATH: process.env.PATH, HOME: home, ...api.env };
  const version = await run(installed, ['--version'], { cwd: home, env });
  expect(version).toEqual({ stdout: '0.1.0\n', stderr: '' });

  const id = api.newClient('Installed copy');
  const deleted = await run(installed, ['delete', id, '--account', ACCOUNT], { cwd: home, env });
  expect(deleted).toEqual({ stdout: `${id}\n`, stderr: '' });
  expect(api.emulator.deleted.map((entry) => entry.clientId)).toEqual([id]);
  expect(api.emulator.requests[0]?.headers['user-agent']).toBe(
    `cf-oauth/0.1.0 node/${process.versions.node}`,
  );
  expectNoSecrets(version.stdout, deleted.stdout, deleted.stderr);

  // npx, from outside any checkout (work/home has no package.json): the tarball stands in for
  // `--package cf-oauth-cli`, and the bin it runs is cf-oauth.
  const npx = (args: string[]) =>
    run('npx', ['--yes', '--prefer-offline', '--package', tarball, 'cf-oauth', ...args], {
      cwd: home,
      env: { ...env, npm_config_cache: join(process.env.HOME ?? home, '.npm') },
    });
  const npxVersion = await npx(['--version']);
  expect(npxVersion.stdout).toBe('0.1.0\n');
  const second = api.newClient('Run with npx');
  const npxDeleted = await npx(['delete', second, '--account', ACCOUNT]);
  expect(npxDeleted.stdout).toBe(`${second}\n`);
  expect(api.emulator.deleted.map((entry) => entry.clientId)).toEqual([id, second]);
  expectNoSecrets(npxVersion.stdout, npxVersion.stderr, npxDeleted.stdout, npxDeleted.stderr);
});
