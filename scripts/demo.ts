/**
 * `npm run demo`: starts the local API emulator, then runs the real, built cf-oauth against it,
 * so a newcomer sees the tool work without a Cloudflare account.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestPki } from '../test/emulator/pki.js';
import { startEmulator } from '../test/emulator/server.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const CLIENT = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const TOKEN = 'demo-token';
const BIN = fileURLToPath(new URL('../bin/cf-oauth.js', import.meta.url));

// Over HTTPS, as the real API: a throwaway CA that the CLI trusts through NODE_EXTRA_CA_CERTS,
// as it would a corporate one.
const pki = await createTestPki();
const emulator = await startEmulator({
  tls: pki.server,
  accounts: [{ id: ACCOUNT, name: 'Demo account' }],
  tokens: { [TOKEN]: { accounts: [ACCOUNT], permissions: ['read', 'write'] } },
});
emulator.addClient(ACCOUNT, { client_id: CLIENT, client_name: 'Acme staging' });
const second = emulator.addClient(ACCOUNT, { client_name: 'Acme production' }).client_id;

const env = {
  ...process.env,
  CLOUDFLARE_API_TOKEN: TOKEN,
  CLOUDFLARE_API_BASE_URL: emulator.url,
  NODE_EXTRA_CA_CERTS: pki.caFile,
};

/** Async on purpose: the emulator runs in this process and must keep answering. */
async function show(args: string[]): Promise<void> {
  process.stdout.write(`\n$ cf-oauth ${args.join(' ')}\n`);
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'inherit' });
  const [code] = await once(child, 'exit');
  process.stdout.write(`(exit ${code})\n`);
}

process.stdout.write(`Local Cloudflare API emulator at ${emulator.url}\n`);
process.stdout.write(`NODE_EXTRA_CA_CERTS=${pki.caFile} (the emulator's throwaway CA)\n`);
process.stdout.write(`CLOUDFLARE_API_TOKEN=${'*'.repeat(TOKEN.length)} (a demo token)\n`);
process.stdout.write(`OAuth clients in account ${ACCOUNT}: ${emulator.clients(ACCOUNT).length}\n`);

await show(['delete', CLIENT, '--account', ACCOUNT, '--yes']);
await show(['delete', second, '--account', ACCOUNT, '--yes', '--json']);
// Deleting it again: the API answers 404, and the tool exits 4.
await show(['delete', CLIENT, '--account', ACCOUNT, '--yes']);
await show(['delete', CLIENT, '--account', ACCOUNT, '--yes', '--ignore-missing']);

process.stdout.write(
  `\nOAuth clients left in account ${ACCOUNT}: ${emulator.clients(ACCOUNT).length}\n`,
);
await emulator.close();
rmSync(dirname(pki.caFile), { recursive: true, force: true });
