/**
 * `npm run demo`: starts the local API emulator, then runs the real, built cf-oauth against it,
 * so a newcomer sees the tool work without a Cloudflare account.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEMO_ACCOUNT,
  demoEnvironment,
  PRODUCTION_CLIENT,
  STAGING_CLIENT,
  startDemoEmulator,
} from '../test/emulator/demo.js';

const ACCOUNT = DEMO_ACCOUNT.id;
const first = STAGING_CLIENT.client_id;
const second = PRODUCTION_CLIENT.client_id;
const BIN = fileURLToPath(new URL('../bin/cf-oauth.js', import.meta.url));

const emulator = await startDemoEmulator();
const env = { ...process.env, ...demoEnvironment(emulator) };

/** Files the demo writes (secrets, backups) go to a temporary working directory. */
const work = mkdtempSync(join(tmpdir(), 'cf-oauth-demo-'));

/**
 * Runs the built CLI, shows its output, returns its stdout. Async on purpose: the emulator runs
 * in this process and must keep answering.
 */
async function show(args: string[]): Promise<string> {
  const shown = args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg));
  process.stdout.write(`\n$ cf-oauth ${shown.join(' ')}\n`);
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    cwd: work,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    process.stdout.write(chunk);
  });
  const [code] = await once(child, 'exit');
  process.stdout.write(`(exit ${code})\n`);
  return stdout;
}

process.stdout.write(`Local Cloudflare API emulator at ${emulator.url}\n`);
process.stdout.write(`NODE_EXTRA_CA_CERTS=${emulator.caFile} (the emulator's throwaway CA)\n`);
process.stdout.write('CLOUDFLARE_API_TOKEN=********** (a demo token)\n');
process.stdout.write(`OAuth clients in account ${ACCOUNT}: ${emulator.clients(ACCOUNT).length}\n`);

await show(['delete', first, '--account', ACCOUNT, '--yes']);
await show(['delete', second, '--account', ACCOUNT, '--yes', '--json']);
// Deleting it again: the API answers 404, and the tool exits 4.
await show(['delete', first, '--account', ACCOUNT, '--yes']);
await show(['delete', first, '--account', ACCOUNT, '--yes', '--ignore-missing']);

process.stdout.write(
  `\nOAuth clients left in account ${ACCOUNT}: ${emulator.clients(ACCOUNT).length}\n`,
);

process.stdout.write(`\nThe life of a client (files in ${work}):\n`);
const a = ['--account', ACCOUNT];
const fields = ['--redirect-uri', 'https://pr-42.example.com/callback', '--scope', 'account.read'];
const id = (
  await show(['create', '--name', 'Preview 42', ...fields, '--secret-file', 'pr-42.secret', ...a])
).trim();
await show(['rotate-secret', id, '--secret-file', 'pr-42.rotated.secret', ...a]);
await show(['get', id, ...a]);
await show(['rotate-secret', id, '--finish', ...a]);
await show(['delete', id, '--backup', 'backups', '--yes', ...a]);
const restored = (
  await show([
    'create',
    '--from-file',
    `backups/${id}.json`,
    '--secret-file',
    'restored.secret',
    ...a,
  ])
).trim();
process.stdout.write(
  `\nRestored from the backup as a new client: ${restored} (the old ID ${id} is gone for good)\n`,
);

// Clients as code: the account made what a file declares, then checked for drift.
const declared = [
  'clients:',
  '  - client_name: Preview 42',
  '    scopes: [account.read, user.read]',
  '  - client_name: Docs site',
  '    redirect_uris: [https://docs.example.com/oauth/callback]',
  '    scopes: [account.read]',
  '',
].join('\n');
writeFileSync(join(work, 'clients.yaml'), declared);
mkdirSync(join(work, 'secrets'));
process.stdout.write(`\nClients as code, clients.yaml:\n${declared}`);
await show(['plan', '--file', 'clients.yaml', '--prune', ...a]);
await show([
  'apply',
  '--file',
  'clients.yaml',
  '--prune',
  '--yes',
  '--secrets-dir',
  'secrets',
  ...a,
]);
await show(['plan', '--file', 'clients.yaml', '--prune', '--exit-code', ...a]);
await emulator.close();
