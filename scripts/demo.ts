/**
 * `npm run demo`: starts the local API emulator, then runs the real, built cf-oauth against it,
 * so a newcomer sees the tool work without a Cloudflare account.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../test/emulator/server.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const CLIENT = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const TOKEN = 'demo-token';
const BIN = fileURLToPath(new URL('../bin/cf-oauth.js', import.meta.url));

const emulator = await startEmulator({
  accounts: [{ id: ACCOUNT, name: 'Demo account' }],
  tokens: { [TOKEN]: { accounts: [ACCOUNT], permissions: ['read', 'write'] } },
});
emulator.addClient(ACCOUNT, { client_id: CLIENT, client_name: 'Acme staging' });
emulator.addClient(ACCOUNT, { client_name: 'Acme production' });

const env = {
  ...process.env,
  CLOUDFLARE_API_TOKEN: TOKEN,
  CLOUDFLARE_API_BASE_URL: emulator.url,
};

function show(args: string[]): void {
  process.stdout.write(`\n$ cf-oauth ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [BIN, ...args], { env, stdio: 'inherit' });
  process.stdout.write(`(exit ${run.status})\n`);
}

process.stdout.write(`Local Cloudflare API emulator at ${emulator.url}\n`);
process.stdout.write(`CLOUDFLARE_API_TOKEN=${'*'.repeat(TOKEN.length)} (a demo token)\n`);
process.stdout.write(`OAuth clients in account ${ACCOUNT}: ${emulator.clients(ACCOUNT).length}\n`);

show(['delete', CLIENT, '--account', ACCOUNT, '--yes']);
show(['delete', CLIENT, '--account', ACCOUNT, '--yes', '--json']);
show(['delete', CLIENT, '--account', ACCOUNT, '--yes', '--ignore-missing']);

process.stdout.write(
  `\nOAuth clients left in account ${ACCOUNT}: ${emulator.clients(ACCOUNT).length}\n`,
);
await emulator.close();
