/**
 * `npm run demo`: starts the local API emulator, then runs the real, built cf-oauth against it,
 * so a newcomer sees the tool work without a Cloudflare account.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
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

/** Async on purpose: the emulator runs in this process and must keep answering. */
async function show(args: string[]): Promise<void> {
  process.stdout.write(`\n$ cf-oauth ${args.join(' ')}\n`);
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'inherit' });
  const [code] = await once(child, 'exit');
  process.stdout.write(`(exit ${code})\n`);
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
await emulator.close();
