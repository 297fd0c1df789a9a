/**
 * The demo world, shared by `npm run demo` (scripts/demo.ts) and `npm run emulator` (cli.ts): one
 * account, a token that may read and write it, and three OAuth clients with fixed IDs, so the
 * README can name them.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createTestPki } from './pki.js';
import { type Emulator, type EmulatorOptions, startEmulator } from './server.js';

export const DEMO_ACCOUNT = { id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'Demo account' };
/** Not a secret: it opens nothing but this emulator. */
export const DEMO_TOKEN = 'demo-token';

export const STAGING_CLIENT = {
  client_id: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
  client_name: 'Acme staging',
  redirect_uris: ['https://staging.acme.example/oauth/callback', 'http://localhost:8788/callback'],
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-02-03T10:20:30Z',
};

export const PRODUCTION_CLIENT = {
  client_id: 'b7e4c1d09f3a4e6b8c2d5f1a0e9b7c3d',
  client_name: 'Acme production',
  client_uri: 'https://acme.example.com',
  redirect_uris: ['https://acme.example.com/oauth/callback'],
  created_at: '2025-01-02T00:00:00Z',
  updated_at: '2025-01-02T00:00:00Z',
};

export const DASHBOARD_CLIENT = {
  client_id: 'c0ffee5eedc0ffee5eedc0ffee5eed00',
  client_name: 'Internal dashboard',
  scopes: ['account.read', 'zone.read'],
  created_at: '2025-03-04T00:00:00Z',
  updated_at: '2025-03-04T00:00:00Z',
};

export const DEMO_CLIENTS = [STAGING_CLIENT, PRODUCTION_CLIENT, DASHBOARD_CLIENT];

/** The demo emulator speaks HTTPS, as the real API, with a throwaway CA kept in `caFile`. */
export interface DemoEmulator extends Emulator {
  caFile: string;
}

/**
 * The emulator with the demo account, token and clients, over HTTPS. Closing it also removes
 * the CA file.
 */
export async function startDemoEmulator(
  options: Pick<EmulatorOptions, 'port' | 'rateLimit'> = {},
): Promise<DemoEmulator> {
  const pki = await createTestPki();
  const emulator = await startEmulator({
    ...options,
    tls: pki.server,
    accounts: [DEMO_ACCOUNT],
    tokens: { [DEMO_TOKEN]: { accounts: [DEMO_ACCOUNT.id], permissions: ['read', 'write'] } },
  });
  for (const client of DEMO_CLIENTS) emulator.addClient(DEMO_ACCOUNT.id, client);
  const closeServer = emulator.close;
  const close = async (): Promise<void> => {
    await closeServer();
    rmSync(dirname(pki.caFile), { recursive: true, force: true });
  };
  return Object.assign(emulator, { caFile: pki.caFile, close });
}

/**
 * The environment that points cf-oauth at the demo emulator and trusts its CA the way a user
 * trusts a corporate one (NODE_EXTRA_CA_CERTS); both the demo and the printed `export` lines
 * follow it.
 */
export function demoEnvironment(
  emulator: Pick<DemoEmulator, 'url' | 'caFile'>,
): Record<string, string> {
  return {
    CLOUDFLARE_API_BASE_URL: emulator.url,
    CLOUDFLARE_API_TOKEN: DEMO_TOKEN,
    CLOUDFLARE_ACCOUNT_ID: DEMO_ACCOUNT.id,
    NODE_EXTRA_CA_CERTS: emulator.caFile,
  };
}

/** `export NAME=value` lines for a POSIX shell, values quoted when they need it. */
export function exportLines(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${shellWord(value)}\n`)
    .join('');
}

function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
