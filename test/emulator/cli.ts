/**
 * Runs the emulator standalone for demos and manual testing:
 *   tsx test/emulator/cli.ts [--port N] [--rate-limit QUOTA/WINDOW[s|sec]] [--https]
 * Prints one JSON line {"url","accountId","token"} on stdout, then serves until SIGINT/SIGTERM.
 * With --https it serves TLS with a throwaway CA and adds "caFile" to the line: point
 * NODE_EXTRA_CA_CERTS at it.
 */
import { parseArgs } from 'node:util';
import { createTestPki } from './pki.js';
import { type RateLimitOptions, startEmulator } from './server.js';

const DEMO_ACCOUNT = { id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'Demo account' };
const DEMO_TOKEN = 'demo-token';

/** Fixed ids so demo scripts and docs can name them. */
const DEMO_CLIENTS = [
  { client_id: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4', client_name: 'Acme staging' },
  {
    client_id: 'b7e4c1d09f3a4e6b8c2d5f1a0e9b7c3d',
    client_name: 'Acme production',
    client_uri: 'https://acme.example.com',
    redirect_uris: ['https://acme.example.com/oauth/callback'],
  },
  {
    client_id: 'c0ffee5eedc0ffee5eedc0ffee5eed00',
    client_name: 'Internal dashboard',
    scopes: ['account.read', 'zone.read'],
  },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'rate-limit': { type: 'string' },
      https: { type: 'boolean' },
    },
  });
  const pki = values.https ? await createTestPki() : undefined;
  const port = values.port === undefined ? 0 : parsePort(values.port);
  const rateLimit =
    values['rate-limit'] === undefined ? undefined : parseRate(values['rate-limit']);
  const emulator = await startEmulator({
    accounts: [DEMO_ACCOUNT],
    tokens: { [DEMO_TOKEN]: { accounts: [DEMO_ACCOUNT.id], permissions: ['read', 'write'] } },
    port,
    ...(rateLimit ? { rateLimit } : {}),
    ...(pki ? { tls: pki.server } : {}),
  });
  for (const client of DEMO_CLIENTS) emulator.addClient(DEMO_ACCOUNT.id, client);
  process.stdout.write(
    `${JSON.stringify({ url: emulator.url, accountId: DEMO_ACCOUNT.id, token: DEMO_TOKEN, ...(pki ? { caFile: pki.caFile } : {}) })}\n`,
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port: ${text}`);
  return port;
}

/** `1200/300`, `10/2s` or `10/2sec`: quota per window of seconds. */
function parseRate(text: string): RateLimitOptions {
  const match = /^(\d+)\/(\d+)(?:s|sec)?$/.exec(text);
  const quota = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || quota < 1 || windowSeconds < 1) fail(`invalid --rate-limit: ${text} (want Q/Wsec)`);
  return { quota, windowSeconds };
}

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`);
  process.exit(2);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
