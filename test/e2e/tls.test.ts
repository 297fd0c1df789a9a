/**
 * The built CLI over HTTPS, as it talks to api.cloudflare.com: a certificate it must trust
 * (NODE_EXTRA_CA_CERTS, as for a corporate CA), the ways TLS goes wrong before anything is
 * sent, and the answers Cloudflare's edge gives in the API's place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.js';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, TOKEN, useEmulator } from '../helpers/fixture.js';
import { testPki } from '../helpers/tls.js';

const api = useEmulator();
const plain = useEmulator({ scheme: 'http' });
const CA_HINT =
  '  hint: if a proxy or security product inspects TLS, point NODE_EXTRA_CA_CERTS at its CA certificate\n';

const authority = (url: string) => new URL(url).host;

describe('the certificate', () => {
  it('signed by a CA named in NODE_EXTRA_CA_CERTS: the delete goes through', async () => {
    const id = api.newClient();
    expect(api.emulator.url).toMatch(/^https:\/\//);
    const run = await runBin(['delete', id, '-a', ACCOUNT, '--json'], { env: api.env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ success: true, outcome: 'deleted' });
    expect(api.emulator.deleted.map((d) => d.clientId)).toContain(id);
  });

  it('not trusted: a clear message with the CA hint, exit 1, outcome failed, nothing sent', async () => {
    const { NODE_EXTRA_CA_CERTS: _, ...untrusting } = api.env;
    const id = api.newClient();
    const text = await runBin(['delete', id, '-a', ACCOUNT], { env: untrusting });
    expect(text).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: could not establish a secure connection to ${authority(api.emulator.url)}: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN); nothing was sent\n${CA_HINT}`,
    });
    const json = await runBin(['delete', id, '-a', ACCOUNT, '--json'], { env: untrusting });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      outcome: 'failed',
      error: { type: 'network' },
    });
    expect(api.emulator.requests).toEqual([]);
  });

  describe('for another host name', () => {
    let other: Emulator;
    beforeAll(async () => {
      other = await startEmulator({ tls: testPki().otherHost });
    });
    afterAll(() => other.close());

    it('is refused as a hostname mismatch, nothing sent', async () => {
      const run = await runBin(['delete', 'a'.repeat(32), '-a', ACCOUNT], {
        env: { ...api.env, CLOUDFLARE_API_BASE_URL: other.url },
      });
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: could not establish a secure connection to ${authority(other.url)}: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list:  (ERR_TLS_CERT_ALTNAME_INVALID); nothing was sent\n${CA_HINT}`,
      });
      expect(other.requests).toEqual([]);
    });
  });

  it('an https:// base URL on a plain-HTTP port: says so in one line, without the CA hint', async () => {
    const url = plain.emulator.url.replace(/^http:/, 'https:');
    const run = await runBin(['delete', 'a'.repeat(32), '-a', ACCOUNT], {
      env: { ...api.env, CLOUDFLARE_API_BASE_URL: url },
    });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: could not establish a secure connection to ${authority(url)}: the server speaks plain HTTP on that port, not HTTPS (EPROTO); nothing was sent\n  hint: check the scheme and port of the API base URL (or of the proxy URL)\n`,
    });
  });
});

describe("answers from Cloudflare's edge", () => {
  const deleteOne = (id: string, extra: string[] = []) =>
    runBin(['delete', id, '-a', ACCOUNT, '--retries', '0', ...extra], { env: api.env });

  it('403 with cf-mitigated: challenge: a WAF or bot challenge, not a credential problem', async () => {
    const id = api.newClient();
    api.emulator.fault({ challenge: true });
    const run = await deleteOne(id);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `^error: HTTP 403 Forbidden: Cloudflare's edge challenged the request \\(bot or WAF protection in front of the API\\); it did not reach the API\n` +
          '  HTTP 403, cf-ray [0-9a-f]{16}-LHR\n' +
          '  hint: check that the API base URL is the API and not a website behind Cloudflare; if it is, a WAF rule, Bot Fight Mode or a flagged egress IP \\(VPN, proxy, cloud runner\\) triggers the challenge\n$',
      ),
    );
    expect(run.stderr).not.toContain(TOKEN);
  });

  it.each([
    [
      520,
      'Unknown Error',
      "Cloudflare's edge got an empty or unreadable answer from the API's server",
      'unknown',
    ],
    [
      521,
      'Web Server Is Down',
      "Cloudflare's edge could not connect to the API's server (it refused the connection); nothing was sent to it",
      'failed',
    ],
    [
      522,
      'Connection Timed Out',
      "Cloudflare's edge could not connect to the API's server (the connection timed out); nothing was sent to it",
      'failed',
    ],
    [
      523,
      'Origin Is Unreachable',
      "Cloudflare's edge could not reach the API's server (no route to it); nothing was sent to it",
      'failed',
    ],
    [
      524,
      'A Timeout Occurred',
      "Cloudflare's edge got no answer from the API's server in time",
      'unknown',
    ],
    [
      525,
      'SSL Handshake Failed',
      "Cloudflare's edge could not complete the TLS handshake with the API's server; nothing was sent to it",
      'failed',
    ],
    [
      526,
      'Invalid SSL Certificate',
      "Cloudflare's edge found the API server's certificate invalid; nothing was sent to it",
      'failed',
    ],
  ])(
    'HTTP %i: "%s", explained, outcome by whether the origin was reached',
    async (status, reason, meaning, outcome) => {
      const id = api.newClient();
      api.emulator.fault({ html: true, status });
      const run = await deleteOne(id, ['--json']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        outcome,
        status,
        error: { message: `HTTP ${status} ${reason}: ${meaning}` },
      });
    },
  );

  it('in a batch report the same rule holds: 521 failed, 524 unknown', async () => {
    const [a, b] = [api.newClient(), api.newClient()];
    api.emulator.fault({ html: true, status: 521, match: { pathIncludes: a } });
    api.emulator.fault({ html: true, status: 524, match: { pathIncludes: b } });
    const run = await runBin(['delete', a, b, '-a', ACCOUNT, '--retries', '0', '--json'], {
      env: api.env,
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'failed',
      'unknown',
    ]);
    expect(report.summary).toMatchObject({ failed: 1, unknown: 1 });
    expect(run.stderr).toBe(`the delete of ${b} may or may not have been applied\n`);
  });
});
