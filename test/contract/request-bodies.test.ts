/**
 * Every request body cf-oauth sends validates against the OpenAPI request schema (ajv, closed
 * to unknown fields): bodies recorded by the emulator from real runs of the built CLI, and, as a
 * property, every body the definition code accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleFields } from '../../src/clients/definition.js';
import { FIELD_SPECS, VISIBILITY_SPEC } from '../../src/clients/fields.js';
import { UsageError } from '../../src/errors.js';
import { runBin } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';
import { requestBodyErrors } from './request-schema.js';

const api = useEmulator();

const ALL_FLAGS = [
  '--name',
  'Every field',
  '--redirect-uri',
  'https://a.example/cb',
  '--redirect-uri',
  'com.example.app:/oauth',
  '--scope',
  'account.read',
  '--scope',
  'profile',
  '--grant-type',
  'authorization_code',
  '--grant-type',
  'refresh_token',
  '--response-type',
  'code',
  '--response-type',
  'id_token',
  '--auth-method',
  'client_secret_post',
  '--client-uri',
  'https://a.example',
  '--logo-uri',
  'https://a.example/logo.png',
  '--policy-uri',
  'https://a.example/privacy',
  '--tos-uri',
  'https://a.example/tos',
  '--cors-origin',
  'https://a.example',
  '--post-logout-redirect-uri',
  'https://a.example/bye',
];

describe('recorded request bodies', () => {
  it('create, update and rotate-secret send only what the OpenAPI request schemas allow', async () => {
    // Each run ends as expected (a refused promotion is exit 1; its PATCH was still sent).
    const cli = async (args: string[], input?: string, exitCode = 0) => {
      const run = await runBin([...args, '-a', ACCOUNT, '--json'], {
        env: api.env,
        ...(input ? { input } : {}),
      });
      expect(run.code, `${args.join(' ')}\n${run.stderr}${run.stdout}`).toBe(exitCode);
      return run;
    };
    const created = JSON.parse((await cli(['create', ...ALL_FLAGS])).stdout);
    await cli([
      'create',
      '--name',
      'Minimal',
      '--redirect-uri',
      'https://m.example/cb',
      '--scope',
      'account.read',
    ]);
    await cli(
      ['create', '--from-file', '-'],
      JSON.stringify({ ...created.result, client_name: 'From JSON' }),
    );
    await cli(['update', created.id, '--name', 'Renamed', '--tos-uri', 'https://b.example/tos']);
    await cli([
      'update',
      created.id,
      '--add-scope',
      'zone.read',
      '--remove-redirect-uri',
      'https://a.example/cb',
    ]);
    // The emulator's client_uri host is never verified: the API refuses the promotion (400).
    await cli(['update', created.id, '--visibility', 'public'], undefined, 1);
    await cli(['update', created.id, '--from-file', '-'], JSON.stringify(created.result));
    await cli(['rotate-secret', created.id]);

    const writes = api.emulator.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH');
    expect(writes.map((r) => r.method)).toEqual([
      'POST',
      'POST',
      'POST',
      'PATCH',
      'PATCH',
      'PATCH',
      'PATCH',
      'POST',
    ]);
    for (const request of writes) {
      expect([
        request.method,
        request.rawPath,
        requestBodyErrors(request.method, request.rawPath, request.body),
      ]).toEqual([request.method, request.rawPath, []]);
    }
  });
});

describe('every accepted definition is a valid body (property)', () => {
  const value = fc.oneof(
    fc.constantFrom(
      ...FIELD_SPECS.flatMap((spec) => spec.values ?? []),
      'public',
      'private',
      'account.read',
      'https://x.example/cb',
      'x',
      '',
    ),
    fc.string(),
  );
  const flags = fc.dictionary(
    fc.constantFrom(...[...FIELD_SPECS, VISIBILITY_SPEC].map((spec) => spec.option)),
    fc.oneof(value, fc.array(value, { maxLength: 3 })),
  );

  it('create and update bodies pass the schema whenever cf-oauth would send them', () => {
    fc.assert(
      fc.property(flags, fc.constantFrom('create' as const, 'update' as const), (given, mode) => {
        const typed = Object.fromEntries(
          Object.entries(given).map(([option, v]) => {
            const spec = [...FIELD_SPECS, VISIBILITY_SPEC].find((s) => s.option === option);
            const list = spec && ['uris', 'scopes', 'enums'].includes(spec.kind);
            return [option, list ? [v].flat() : ([v].flat()[0] ?? '')];
          }),
        );
        let body: Record<string, unknown>;
        try {
          body = assembleFields({
            flags: typed,
            mode,
            extraSpecs: mode === 'update' ? [VISIBILITY_SPEC] : [],
          });
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          return;
        }
        const path =
          mode === 'create' ? '/accounts/a/oauth_clients' : '/accounts/a/oauth_clients/b';
        expect(
          requestBodyErrors(mode === 'create' ? 'POST' : 'PATCH', path, JSON.stringify(body)),
        ).toEqual([]);
      }),
      { seed: 1313, numRuns: 2000 },
    );
  });
});
