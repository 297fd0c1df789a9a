/** `cf-oauth rotate-secret` (built bin, emulator): rotate, deploy, finish; `get` shows the state. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runBin } from '../helpers/cli.js';
import { usageFailureDocument } from '../helpers/documents.js';
import { ACCOUNT, CLIENT_SECRET_PREFIX, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

/** A client made through the API, so it has a secret to rotate. */
async function createdClient(): Promise<{ id: string; secret: string }> {
  const run = await runBin(
    [
      'create',
      '-a',
      ACCOUNT,
      '--name',
      'Rotated',
      '--redirect-uri',
      'https://r.example/cb',
      '--scope',
      'account.read',
      '--json',
    ],
    { env: api.env },
  );
  const document = JSON.parse(run.stdout);
  api.emulator.requests.length = 0;
  return { id: document.id, secret: document.result.client_secret };
}

function rotate(args: string[], place = makeHome()) {
  return runBin(['rotate-secret', '-a', ACCOUNT, ...args], {
    env: api.env,
    home: place.home,
    cwd: place.cwd,
  });
}

describe('rotate-secret', () => {
  it('rotate → get shows it pending → finish revokes the old secret', async () => {
    const { id, secret: first } = await createdClient();
    const place = makeHome();
    const rotated = await rotate([id, '--secret-file', 'new.secret'], place);
    const second = readFileSync(join(place.cwd, 'new.secret'), 'utf8');
    expect(rotated).toEqual({
      code: 0,
      stdout: `${id}\n`,
      stderr:
        'client secret written to "new.secret"\n' +
        `the old secret keeps working until you revoke it, once the new one is deployed: cf-oauth rotate-secret ${id} --finish\n`,
    });
    expect(statSync(join(place.cwd, 'new.secret')).mode & 0o777).toBe(0o600);
    expect(api.emulator.secretsOf(id)).toEqual({ current: second, previous: first });

    const pending = await runBin(['get', id, '-a', ACCOUNT], { env: api.env });
    expect(pending.stdout).toContain(
      'Rotated secret:  pending: the old secret works until `cf-oauth rotate-secret <id> --finish`\n',
    );

    const finished = await rotate([id, '--finish']);
    expect(finished).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });
    expect(api.emulator.secretsOf(id)).toEqual({ current: second });
    const done = await runBin(['get', id, '-a', ACCOUNT], { env: api.env });
    expect(done.stdout).toContain('Rotated secret:  none\n');
    expect(
      api.emulator.requests.map((r) => `${r.method} ${r.rawPath.endsWith('rotate_secret')}`),
    ).toEqual(['POST true', 'GET false', 'DELETE true', 'GET false']);
  });

  it('--json carries the new secret; --finish --json reports the revocation', async () => {
    const { id } = await createdClient();
    const rotated = await rotate([id, '--json']);
    const document = JSON.parse(rotated.stdout);
    expect([rotated.code, rotated.stderr]).toEqual([0, '']);
    expect(document).toEqual({
      success: true,
      result: { client_secret: api.emulator.secretsOf(id)?.current },
      errors: [],
      messages: [],
      id,
      outcome: 'rotated',
      status: 200,
    });
    const finished = await rotate([id, '--finish', '--json']);
    expect(JSON.parse(finished.stdout)).toEqual({
      success: true,
      result: { id },
      errors: [],
      messages: [],
      id,
      outcome: 'finished',
      status: 200,
    });
  });

  it('needs a destination for the secret before sending anything', async () => {
    const { id } = await createdClient();
    const run = await rotate([id]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the new client secret would be lost');
    expect(api.emulator.requests).toEqual([]);
    const finishWithFile = await rotate([id, '--finish', '--secret-file', 's', '--json']);
    expect(JSON.parse(finishWithFile.stdout)).toEqual(
      usageFailureDocument('--finish revokes the old secret; it makes none to write'),
    );
  });

  it('a missing client: exit 4, and the secret file it made is removed', async () => {
    const place = makeHome();
    const run = await rotate(['f'.repeat(32), '--secret-file', 's'], place);
    expect(run.code).toBe(4);
    expect(() => statSync(join(place.cwd, 's'))).toThrow();
  });

  it('finishing with nothing pending shows the API error; a lost rotation answer is not resent', async () => {
    const { id } = await createdClient();
    const nothing = await rotate([id, '--finish']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain(
      'The OAuth client has no rotated secret to delete (code 1002)',
    );

    api.emulator.fault({ match: { method: 'POST' }, reset: true });
    const lost = await rotate([id, '--json']);
    expect(lost.code).toBe(1);
    expect(api.emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(lost.stderr).toContain('the rotation may or may not have happened');
    expect(lost.stdout).not.toContain(CLIENT_SECRET_PREFIX);
  });
});
