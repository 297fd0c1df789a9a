/** Client definitions: file parsing, flags over the file, defaults, and every refusal. */
import { describe, expect, it } from 'vitest';
import { assembleFields, parseDefinition } from '../../src/clients/definition.js';
import { VISIBILITY_SPEC } from '../../src/clients/fields.js';
import { UsageError } from '../../src/errors.js';
import { PREVIEW_CLIENT_BODY } from '../helpers/documents.js';
import { usageErrorMessage } from '../helpers/usage-error.js';

const REQUIRED_FLAGS = {
  name: 'Preview 42',
  redirectUri: ['https://pr-42.example.com/callback'],
  scope: ['account.read'],
};

const problem = usageErrorMessage;

async function parseProblem(text: string, label = 'def.yaml'): Promise<string> {
  try {
    await parseDefinition(text, label);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('create: flags, defaults and required fields', () => {
  it('fills what Cloudflare’s guide uses for the fields not given', () => {
    expect(assembleFields({ flags: REQUIRED_FLAGS, mode: 'create' })).toEqual(PREVIEW_CLIENT_BODY);
  });

  it('sends every flag under its API field name, lists without repeats', () => {
    const fields = assembleFields({
      mode: 'create',
      flags: {
        ...REQUIRED_FLAGS,
        redirectUri: ['https://a.example/cb', 'com.example.app:/oauth', 'https://a.example/cb'],
        grantType: ['authorization_code', 'refresh_token'],
        responseType: ['code', 'id_token'],
        authMethod: 'none',
        clientUri: 'https://a.example',
        logoUri: 'https://a.example/logo.png',
        policyUri: 'https://a.example/privacy',
        tosUri: 'https://a.example/tos',
        corsOrigin: ['https://a.example'],
        postLogoutRedirectUri: ['https://a.example/bye'],
      },
    });
    expect(fields).toEqual({
      client_name: 'Preview 42',
      redirect_uris: ['https://a.example/cb', 'com.example.app:/oauth'],
      scopes: ['account.read'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code', 'id_token'],
      token_endpoint_auth_method: 'none',
      client_uri: 'https://a.example',
      logo_uri: 'https://a.example/logo.png',
      policy_uri: 'https://a.example/privacy',
      tos_uri: 'https://a.example/tos',
      allowed_cors_origins: ['https://a.example'],
      post_logout_redirect_uris: ['https://a.example/bye'],
    });
  });

  it('names every missing required field at once', () => {
    expect(problem(() => assembleFields({ flags: {}, mode: 'create' }))).toBe(
      '3 problems with the client definition; nothing was sent\n' +
        '  a name is required: --name\n' +
        '  at least one redirect URI is required: --redirect-uri\n' +
        '  at least one scope is required: --scope',
    );
  });

  it.each([
    [
      { redirectUri: ['/callback'] },
      '--redirect-uri "/callback" is not an absolute URL (e.g. https://app.example.com/callback); nothing was sent',
    ],
    [
      { redirectUri: ['localhost:8788/cb'] },
      '--redirect-uri "localhost:8788/cb" is not an absolute URL (e.g. https://app.example.com/callback); nothing was sent',
    ],
    [
      { redirectUri: ['https://a.example/c b'] },
      '--redirect-uri "https://a.example/c b" contains spaces or control characters; nothing was sent',
    ],
    [{ logoUri: '' }, '--logo-uri "" is empty; nothing was sent'],
    [{ name: '  ' }, '--name "  " is empty; nothing was sent'],
    [{ name: 'a\nb' }, '--name "a\\nb" contains control characters; nothing was sent'],
    [
      { scope: ['account:read'] },
      '--scope "account:read" is colon-delimited, which the API refuses (use dot-delimited scopes such as account.read); nothing was sent',
    ],
    [
      { grantType: ['implicit'] },
      '2 problems with the client definition; nothing was sent\n  --grant-type "implicit" is not one of authorization_code, refresh_token\n  --grant-type must include authorization_code (the API requires it)',
    ],
    [
      { grantType: ['refresh_token'] },
      '--grant-type must include authorization_code (the API requires it); nothing was sent',
    ],
    [
      { responseType: ['device'] },
      '--response-type "device" is not one of code, token, id_token; nothing was sent',
    ],
    [
      { authMethod: 'private_key_jwt' },
      '--auth-method "private_key_jwt" is not one of client_secret_basic, client_secret_post, none; nothing was sent',
    ],
  ])('refuses %j, naming the flag', (flags, message) => {
    expect(
      problem(() => assembleFields({ flags: { ...REQUIRED_FLAGS, ...flags }, mode: 'create' })),
    ).toBe(message);
  });
});

describe('definition files', () => {
  it('reads YAML and JSON with the API field names; flags replace whole values', async () => {
    const yaml = await parseDefinition(
      'client_name: From file\nredirect_uris:\n  - https://f.example/cb\nscopes: [account.read, zone.read]\n',
      'def.yaml',
    );
    const json = await parseDefinition(
      '{"client_name": "From file", "redirect_uris": ["https://f.example/cb"], "scopes": ["account.read", "zone.read"]}',
      'def.json',
    );
    expect(json.values).toEqual(yaml.values);
    const fields = assembleFields({
      file: yaml,
      flags: { name: 'From flag', scope: ['user.read'] },
      mode: 'create',
    });
    expect(fields).toMatchObject({
      client_name: 'From flag',
      redirect_uris: ['https://f.example/cb'],
      scopes: ['user.read'],
    });
  });

  it('ignores read-only fields (get --json output, a backup) and lists them', async () => {
    const backup = await parseDefinition(
      JSON.stringify({
        client_id: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
        client_name: 'Backed up',
        visibility: 'private',
        redirect_uris: ['https://b.example/cb'],
        scopes: ['account.read'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        logo_uri: '',
        created_at: '2025-01-01T00:00:00Z',
        updated_at: '2025-01-01T00:00:00Z',
        has_rotated_secret: false,
        client_uri_verification: { status: 'pending' },
        client_secret: 'never-sent',
      }),
      'backup.json',
    );
    expect(backup.ignored).toEqual([
      'client_id',
      'visibility',
      'created_at',
      'updated_at',
      'has_rotated_secret',
      'client_uri_verification',
      'client_secret',
    ]);
    expect(assembleFields({ file: backup, flags: {}, mode: 'create' })).toEqual({
      client_name: 'Backed up',
      redirect_uris: ['https://b.example/cb'],
      scopes: ['account.read'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    });
  });

  it('names the file and field of a bad value, with its index in a list', async () => {
    const file = await parseDefinition(
      'client_name: x\nredirect_uris: [https://ok.example/cb, not-a-url]\nscopes: [a:b]\n',
      'def.yaml',
    );
    expect(problem(() => assembleFields({ file, flags: {}, mode: 'create' }))).toBe(
      '2 problems with the client definition; nothing was sent\n' +
        '  def.yaml: redirect_uris[1] "not-a-url" is not an absolute URL (e.g. https://app.example.com/callback)\n' +
        '  def.yaml: scopes[0] "a:b" is colon-delimited, which the API refuses (use dot-delimited scopes such as account.read)',
    );
  });

  it('says where a required field may come from', async () => {
    const file = await parseDefinition('client_name: x\n', 'def.yaml');
    expect(problem(() => assembleFields({ file, flags: {}, mode: 'create' }))).toContain(
      'at least one redirect URI is required: --redirect-uri or redirect_uris in def.yaml',
    );
  });

  it.each([
    ['client_name: [a]\n', 'def.yaml: client_name must be a string; nothing was sent'],
    [
      'client_name: 42\n',
      'def.yaml: client_name must be a string (put it in quotes); nothing was sent',
    ],
    ['scopes: account.read\n', 'def.yaml: scopes must be a list of strings; nothing was sent'],
    [
      'redirect_uri: [x]\n',
      'def.yaml: unknown field "redirect_uri" (did you mean redirect_uris?); nothing was sent',
    ],
    ['- a\n- b\n', 'def.yaml: a client definition must be an object of fields'],
    ['', 'def.yaml: a client definition must be an object of fields'],
  ])('refuses %j', async (text, message) => {
    expect(await parseProblem(text)).toBe(message);
  });

  it('gives the line and column of a syntax error, never the content', async () => {
    const message = await parseProblem('client_name: ok\nclient_name: secret-value-1\n');
    expect(message).toBe('def.yaml line 2, column 1: Map keys must be unique');
    const json = await parseProblem(
      '{"client_name": "x",\n  "scopes": [secret-value-2\n',
      'def.json',
    );
    expect(json).toMatch(/^def\.json line \d+, column \d+: /);
    expect(json).not.toContain('secret-value-2');
  });
});

describe('update: only what is given', () => {
  it('sends nothing but the flags given, with no defaults and nothing required', () => {
    expect(
      assembleFields({ flags: { logoUri: 'https://l.example/l.png' }, mode: 'update' }),
    ).toEqual({
      logo_uri: 'https://l.example/l.png',
    });
  });

  it('accepts --visibility public only', () => {
    const extraSpecs = [VISIBILITY_SPEC];
    expect(assembleFields({ flags: { visibility: 'public' }, mode: 'update', extraSpecs })).toEqual(
      {
        visibility: 'public',
      },
    );
    expect(
      problem(() =>
        assembleFields({ flags: { visibility: 'private' }, mode: 'update', extraSpecs }),
      ),
    ).toBe('--visibility "private" is not one of public; nothing was sent');
  });
});
