/** The data behind `cf-oauth config`: masking, credential parts and unused credentials. */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskSecret, reportSettings } from '../../src/config/report.js';
import { resolveSettings } from '../../src/config/resolve.js';

const home = realpathSync(mkdtempSync(join(tmpdir(), 'cf-oauth-report-')));
const cwd = join(home, 'work');
mkdirSync(cwd);
const resolve = (flags: Record<string, string>, env: Record<string, string> = {}) =>
  resolveSettings(flags, env, { cwd, homedir: home, platform: 'linux' });

describe('maskSecret', () => {
  it('shows the last 4 characters of a secret of 12 or more, nothing of a shorter one', () => {
    expect(maskSecret('abcdefghijkl')).toBe('****ijkl');
    expect(maskSecret('abcdefghijk')).toBe('****');
    expect(maskSecret('')).toBe('****');
  });

  it('never gives away more than 4 characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (secret) => {
        const masked = maskSecret(secret);
        expect(masked.startsWith('****')).toBe(true);
        expect(masked.length - 4).toBeLessThanOrEqual(Math.min(4, secret.length));
        if (secret.length >= 5) expect(masked.includes(secret)).toBe(false);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('credential parts and unused credentials', () => {
  it('reports the key of a key without email, so config can show what it found', async () => {
    const settings = await resolve({ email: 'a@b' }, { CLOUDFLARE_API_KEY: 'key-1234567890' });
    expect(settings.credential).toBeUndefined();
    expect(settings.credentialParts).toEqual([
      { name: 'API key', value: 'key-1234567890', source: 'CLOUDFLARE_API_KEY' },
    ]);
    // With no credential there is nothing to lose to: the problem explains it instead.
    expect(settings.unusedCredentials).toEqual([]);
  });

  it('names every value that loses to the credential in use, across and within sources', async () => {
    const settings = await resolve(
      { apiKey: 'flag-key-000000', email: 'me@example.com' },
      { CLOUDFLARE_API_TOKEN: 'env-token', CF_API_KEY: 'alias-key' },
    );
    expect(settings.credentialParts.map((part) => [part.name, part.source])).toEqual([
      ['API key', '--api-key'],
      ['email', '--email'],
    ]);
    expect(settings.unusedCredentials).toEqual([
      'API token from CLOUDFLARE_API_TOKEN is not used: cf-oauth uses the API key from --api-key',
      'API key from CF_API_KEY is not used: cf-oauth uses the API key from --api-key',
    ]);

    const sameSource = await resolve({}, { CLOUDFLARE_API_TOKEN: 't', CLOUDFLARE_API_KEY: 'k' });
    expect(sameSource.unusedCredentials).toEqual([
      'API key from CLOUDFLARE_API_KEY is not used: cf-oauth uses the API token from CLOUDFLARE_API_TOKEN',
    ]);
  });

  it('keeps the profile with what chose it, and reports it', async () => {
    const own = realpathSync(mkdtempSync(join(tmpdir(), 'cf-oauth-report-')));
    writeFileSync(
      join(own, '.cfoauthrc'),
      JSON.stringify({ profiles: { prod: { apiToken: 'prod-token-abcdef' } } }),
      { mode: 0o600 },
    );
    const settings = await resolveSettings(
      {},
      { CF_OAUTH_PROFILE: 'prod' },
      { cwd: own, homedir: own, platform: 'linux' },
    );
    expect(settings.profile).toEqual({ value: 'prod', source: 'CF_OAUTH_PROFILE' });

    const report = reportSettings(settings, own);
    expect(report.settings.map((setting) => [setting.key, setting.value, setting.source])).toEqual([
      ['account_id', undefined, undefined],
      ['api_token', '****cdef', '~/.cfoauthrc, profile prod'],
      ['base_url', 'https://api.cloudflare.com/client/v4', 'default'],
      ['profile', 'prod', 'CF_OAUTH_PROFILE'],
    ]);
    expect(report.rcFile).toBe('~/.cfoauthrc');
    expect(report.searched).toEqual(['~/.cfoauthrc']);
    expect(report.problems).toEqual([]);
  });
});
