/**
 * README "Try it", followed as a newcomer would: `npm run emulator`, paste the `export` lines it
 * prints, then run the README's commands, as written, in the checkout.
 */
import { type ChildProcess, exec, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { DASHBOARD_CLIENT, PRODUCTION_CLIENT, STAGING_CLIENT } from '../emulator/demo.js';
import { expectNoSecrets } from '../helpers/fixture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const sh = promisify(exec);

let emulator: ChildProcess | undefined;
afterAll(() => {
  // npm, its shell and tsx form one process group of their own (detached): end them together.
  if (emulator?.pid !== undefined && emulator.exitCode === null) process.kill(-emulator.pid);
});

/** Starts `npm run emulator` and resolves with what it printed, once it is all printed. */
function startEmulator(): Promise<string[]> {
  const child = spawn('npm', ['run', 'emulator'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  emulator = child;
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('# then try:')) resolve(text.split('\n'));
    });
    child.on('exit', (code) => reject(new Error(`npm run emulator exited ${code}:\n${text}`)));
  });
}

/** The README's Try-it blocks: what starts the emulator (and its output), then the commands. */
function tryItBlocks(): string[][] {
  const section = README.slice(README.indexOf('\n## Try it\n'), README.indexOf('\n## Quick start'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.map((block) => block.split('\n').filter((line) => line !== ''));
}

it('runs the README Try-it commands against npm run emulator', { timeout: 60_000 }, async () => {
  const [start, tryIt] = tryItBlocks();
  expect(start?.[0]).toBe('npm run emulator');
  const printed = await startEmulator();
  const port = /127\.0\.0\.1:(\d+)/.exec(printed.join('\n'))?.[1] ?? 'none';
  const caFolder = /cf-oauth-ca-\w+/.exec(printed.join('\n'))?.[0] ?? 'none';
  // What the README shows it prints is what it prints, but for the port and the CA's folder.
  const shown = start
    ?.slice(1)
    .map((line) =>
      line.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`).replace(/cf-oauth-ca-\w+/, caFolder),
    );
  expect(printed.filter((line) => line.startsWith('#') || line.startsWith('export '))).toEqual(
    shown,
  );
  const exports = printed.filter((line) => line.startsWith('export '));
  expect(exports.map((line) => line.replace(/=.*/, ''))).toEqual([
    'export CLOUDFLARE_API_BASE_URL',
    'export CLOUDFLARE_API_TOKEN',
    'export CLOUDFLARE_ACCOUNT_ID',
    'export NODE_EXTRA_CA_CERTS',
  ]);
  expect(exports[0]).toMatch(
    /^export CLOUDFLARE_API_BASE_URL=https:\/\/127\.0\.0\.1:\d+\/client\/v4$/,
  );

  const commands = (tryIt ?? []).filter((line) => !line.startsWith('#'));
  const [staging, dashboard] = [STAGING_CLIENT.client_id, DASHBOARD_CLIENT.client_id];
  expect(commands).toEqual([
    'npx --no-install cf-oauth list',
    `npx --no-install cf-oauth get ${staging}`,
    `npx --no-install cf-oauth delete ${staging} ${dashboard} --dry-run`,
    `npx --no-install cf-oauth delete ${staging}`,
  ]);
  const outputs: Array<{ stdout: string; stderr: string }> = [];
  for (const command of commands) {
    // As pasted into a shell in the checkout: the exports, then the command.
    const script = [...exports, command].join('\n');
    outputs.push(
      await sh(script, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME } }),
    );
  }
  const [list, get, dryRun, deleted] = outputs;
  expect(list?.stdout.split('\n').map((line) => line.split('\t').slice(0, 2).join('\t'))).toEqual([
    `${STAGING_CLIENT.client_id}\tAcme staging`,
    `${PRODUCTION_CLIENT.client_id}\tAcme production`,
    `${DASHBOARD_CLIENT.client_id}\tInternal dashboard`,
    '',
  ]);
  expect(get?.stdout).toContain(
    `ID:             ${STAGING_CLIENT.client_id}\nName:           Acme staging\n`,
  );
  // The dry run's line format (name quoting) is another issue's: the IDs and names are checked.
  const dryRunLines = dryRun?.stdout.split('\n') ?? [];
  expect(dryRunLines[0]).toMatch(new RegExp(`^${STAGING_CLIENT.client_id}\\t"?Acme staging"?$`));
  expect(dryRunLines[1]).toMatch(
    new RegExp(`^${DASHBOARD_CLIENT.client_id}\\t"?Internal dashboard"?$`),
  );
  expect(dryRun?.stderr).toContain('Would delete 2, failed 0, not attempted 0');
  expect(deleted).toEqual({ stdout: `${STAGING_CLIENT.client_id}\n`, stderr: '' });
  expectNoSecrets(...outputs.flatMap((output) => [output.stdout, output.stderr]));
});
