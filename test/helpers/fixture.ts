/** One emulator per test file with a known account, token, key and clients. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../emulator/server.js';
import { testPki } from './tls.js';

export const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
export const OTHER_ACCOUNT = 'fedcba9876543210fedcba9876543210';
/** A canary: tests assert it never appears in any output. */
export const TOKEN = 'canary-token-3f9a1c7e5b';
export const READ_ONLY_TOKEN = 'canary-readonly-8d2e4f6a';
/** An account-owned token: refused by /user/tokens/verify, verified under its account. */
export const ACCOUNT_TOKEN = 'canary-account-owned-5e1b9c';
export const KEY = 'canary-key-144c9defac04969c7bfad8efaa8ea194';
export const EMAIL = 'canary-user@example.com';
/** A proxy's Basic credentials, given in the proxy URL. */
export const PROXY_USER = 'canary-proxy-user';
export const PROXY_PASSWORD = 'canary-proxy-pass-5e8b2d';
export const SECRETS = [
  TOKEN,
  READ_ONLY_TOKEN,
  ACCOUNT_TOKEN,
  KEY,
  EMAIL,
  PROXY_PASSWORD,
  // The Proxy-Authorization value the credentials become.
  Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64'),
];
/** Every client secret the test emulator generates starts with this canary. */
export const CLIENT_SECRET_PREFIX = 'canary-client-secret-';

export interface Api {
  emulator: Emulator;
  /** Environment pointing the CLI at the emulator with the write token. */
  env: Record<string, string>;
  /** The base URL (and, over HTTPS, the trusted CA) without any credential. */
  endpointEnv: Record<string, string>;
  newClient(name?: string): string;
}

export interface UseEmulatorOptions extends Pick<EmulatorOptions, 'rateLimit' | 'clientsPerPage'> {
  /** 'https' (the default, as the real API) or 'http' for the plain-HTTP loopback tests. */
  scheme?: 'https' | 'http';
}

/**
 * `options`: emulator settings beyond the fixed accounts and credentials (e.g. a rate limit).
 * Over HTTPS, `env` trusts the test CA through NODE_EXTRA_CA_CERTS, as a user trusts theirs.
 */
export function useEmulator({ scheme = 'https', ...options }: UseEmulatorOptions = {}): Api {
  const api = { env: {}, endpointEnv: {} } as Api;
  beforeAll(async () => {
    const pki = scheme === 'https' ? testPki() : undefined;
    api.emulator = await startEmulator({
      ...options,
      ...(pki ? { tls: pki.server } : {}),
      secretPrefix: CLIENT_SECRET_PREFIX,
      accounts: [
        { id: ACCOUNT, name: 'Acme' },
        { id: OTHER_ACCOUNT, name: 'Other' },
      ],
      tokens: {
        [TOKEN]: { accounts: [ACCOUNT], permissions: ['read', 'write'] },
        [READ_ONLY_TOKEN]: { accounts: [ACCOUNT], permissions: ['read'] },
        [ACCOUNT_TOKEN]: { accounts: [ACCOUNT], permissions: ['write'], owner: 'account' },
      },
      keys: [{ email: EMAIL, key: KEY, accounts: [ACCOUNT] }],
    });
    api.endpointEnv = {
      CLOUDFLARE_API_BASE_URL: api.emulator.url,
      ...(pki ? { NODE_EXTRA_CA_CERTS: pki.caFile } : {}),
    };
    api.env = { CLOUDFLARE_API_TOKEN: TOKEN, ...api.endpointEnv };
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

/**
 * A character a terminal would act on or hide (controls, ESC, C1, bidi overrides, line
 * separators, lone surrogates), except the line feeds the CLI writes itself.
 */
export const TERMINAL_ACTIVE = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** Fails the test if any secret shows up in any output. */
export function expectNoSecrets(...outputs: string[]): void {
  for (const secret of SECRETS) {
    for (const output of outputs) {
      if (output.includes(secret)) throw new Error(`a secret leaked into output:\n${output}`);
    }
  }
}
