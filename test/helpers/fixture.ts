/** One emulator per test file with a known account, token, key and clients. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../emulator/server.js';

export const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
export const OTHER_ACCOUNT = 'fedcba9876543210fedcba9876543210';
/** A canary: tests assert it never appears in any output. */
export const TOKEN = 'canary-token-3f9a1c7e5b';
export const READ_ONLY_TOKEN = 'canary-readonly-8d2e4f6a';
export const KEY = 'canary-key-144c9defac04969c7bfad8efaa8ea194';
export const EMAIL = 'canary-user@example.com';
export const SECRETS = [TOKEN, READ_ONLY_TOKEN, KEY, EMAIL];
/** Every client secret the test emulator generates starts with this canary. */
export const CLIENT_SECRET_PREFIX = 'canary-client-secret-';

export interface Api {
  emulator: Emulator;
  /** Environment pointing the CLI at the emulator with the write token. */
  env: Record<string, string>;
  newClient(name?: string): string;
}

/** `options`: emulator settings beyond the fixed accounts and credentials (e.g. a rate limit). */
export function useEmulator(options: Pick<EmulatorOptions, 'rateLimit'> = {}): Api {
  const api = { env: {} } as Api;
  beforeAll(async () => {
    api.emulator = await startEmulator({
      ...options,
      secretPrefix: CLIENT_SECRET_PREFIX,
      accounts: [
        { id: ACCOUNT, name: 'Acme' },
        { id: OTHER_ACCOUNT, name: 'Other' },
      ],
      tokens: {
        [TOKEN]: { accounts: [ACCOUNT], permissions: ['read', 'write'] },
        [READ_ONLY_TOKEN]: { accounts: [ACCOUNT], permissions: ['read'] },
      },
      keys: [{ email: EMAIL, key: KEY, accounts: [ACCOUNT] }],
    });
    api.env = { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE_URL: api.emulator.url };
    api.newClient = (name = 'Test client') =>
      api.emulator.addClient(ACCOUNT, { client_name: name }).client_id;
  });
  afterEach(() => {
    api.emulator.clearFaults();
    api.emulator.requests.length = 0;
  });
  afterAll(() => api.emulator.close());
  return api;
}

/** Fails the test if any secret shows up in any output. */
export function expectNoSecrets(...outputs: string[]): void {
  for (const secret of SECRETS) {
    for (const output of outputs) {
      if (output.includes(secret)) throw new Error(`a secret leaked into output:\n${output}`);
    }
  }
}
