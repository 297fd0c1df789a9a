/**
 * `cf-oauth create` (built bin, emulator): the body sent, the secret's one destination, every
 * validation error before sending, and the never-twice rule with faults that lose the answer.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runBin, runInProcess } from '../helpers/cli.js';
import { PREVIEW_CLIENT_BODY, usageFailureDocument } from '../helpers/documents.js';
import { ACCOUNT, CLIENT_SECRET_PREFIX, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

const REQUIRED = [
  '--name',
  'Preview 42',
  '--redirect-uri',
  'https://pr-42.example.com/callback',
  '--scope',
  'account.read',
];

const SENT_BY_DEFAULT = PREVIEW_CLIENT_BODY;

function create(
  args: string[],
  options: { input?: string; home?: ReturnType<typeof makeHome> } = {},
) {
  const place = options.home ?? makeHome();
  return runBin(['create', '-a', ACCOUNT, ...args], {
    env: api.env,
    home: place.home,
    cwd: place.cwd,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
}

function named(name: string) {
  return api.emulator.clients(ACCOUNT).filter((c) => c.client_name === name);
}

function methods(): string[] {
  return api.emulator.requests.map(
    (r) => `${r.method} ${r.rawPath.replace(/^.*oauth_clients/, '')}`,
  );
}

describe('create: the client and its secret', () => {
  it('prints the ID alone and writes the secret to a new 0600 file', async () => {
    const place = makeHome();
    const run = await create([...REQUIRED, '--secret-file', 'pr-42.secret'], { home: place });

    const [client] = named('Preview 42').slice(-1);
    expect(run).toEqual({
      code: 0,
      stdout: `${client?.client_id}\n`,
      stderr: 'client secret written to "pr-42.secret"\n',
    });
    const file = join(place.cwd, 'pr-42.secret');
    expect(readFileSync(file, 'utf8')).toBe(
      api.emulator.secretsOf(String(client?.client_id))?.current,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(methods()).toEqual(['POST ']);
    expect(JSON.parse(api.emulator.requests[0]?.body ?? '')).toEqual(SENT_BY_DEFAULT);
    expect(api.emulator.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('in GitHub Actions, masks the secret with ::add-mask:: on stderr before anything else', async () => {
    const place = makeHome();
    const run = await runBin(['create', '-a', ACCOUNT, ...REQUIRED, '--secret-file', 's'], {
      env: { ...api.env, GITHUB_ACTIONS: 'true' },
      home: place.home,
      cwd: place.cwd,
    });

    const [client] = named('Preview 42').slice(-1);
    const secret = api.emulator.secretsOf(String(client?.client_id))?.current;
    expect(secret).toMatch(new RegExp(`^${CLIENT_SECRET_PREFIX}`));
    expect(run).toEqual({
      code: 0,
      stdout: `${client?.client_id}\n`,
      stderr: `::add-mask::${secret}\nclient secret written to "s"\n`,
    });
    const json = await runBin(['create', '-a', ACCOUNT, ...REQUIRED, '--json'], {
      env: { ...api.env, GITHUB_ACTIONS: 'true' },
    });
    const document = JSON.parse(json.stdout);
    expect(json.stderr).toBe(`::add-mask::${document.result.client_secret}\n`);
  });

  it('--json carries the secret in the document, and nothing goes to stderr', async () => {
    const run = await create([...REQUIRED, '--json']);
    const document = JSON.parse(run.stdout);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(document).toEqual({
      success: true,
      result: expect.objectContaining({ ...SENT_BY_DEFAULT, client_secret: expect.any(String) }),
      errors: [],
      messages: [],
      id: document.result.client_id,
      outcome: 'created',
      status: 200,
    });
    expect(document.result.client_secret).toBe(api.emulator.secretsOf(document.id)?.current);
  });

  it('--json with --secret-file: the document names the file and carries no secret', async () => {
    const place = makeHome();
    const run = await create([...REQUIRED, '--json', '--secret-file', 's'], { home: place });
    const document = JSON.parse(run.stdout);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(document.secret_file).toBe('s');
    expect(document.result).not.toHaveProperty('client_secret');
    expect(run.stdout).not.toContain(CLIENT_SECRET_PREFIX);
    expect(readFileSync(join(place.cwd, 's'), 'utf8')).toMatch(
      new RegExp(`^${CLIENT_SECRET_PREFIX}`),
    );
  });

  it('--verbose traces the request but never the secret, even a secret in a body it cannot parse', async () => {
    const run = await create([...REQUIRED, '--json', '--verbose']);
    const secret = JSON.parse(run.stdout).result.client_secret;
    expect(run.stderr).toContain('> POST ');
    expect(run.stderr).toContain('bytes of JSON');
    expect(run.stderr).not.toContain(secret);

    const canary = `${CLIENT_SECRET_PREFIX}in-a-broken-body`;
    api.emulator.fault({
      match: { method: 'POST' },
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: `{"result":{"client_id":"x","client_secret":"${canary}"}}`,
    });
    const broken = await create([...REQUIRED, '--json', '--verbose']);
    expect(broken.stderr).toContain('"client_secret\\":\\"[REDACTED]');
    expect(broken.stderr).not.toContain(canary);
  });

  it('on a terminal, shows the secret once on stdout with a warning, never on stderr', async () => {
    const run = await runInProcess(['create', '-a', ACCOUNT, ...REQUIRED], {
      env: api.env,
      tty: { stdin: true, stdout: true, stderr: true },
    });
    const [client] = named('Preview 42').slice(-1);
    const secret = api.emulator.secretsOf(String(client?.client_id))?.current;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Created OAuth client "Preview 42" (${client?.client_id})\n`);
    expect(run.stdout).toContain(`Client secret: ${secret}\n`);
    expect(run.stdout).toContain('it is shown only this once and cannot be shown again');
    expect(run.stdout.split(String(secret))).toHaveLength(2);
    expect(run.stderr).not.toContain(CLIENT_SECRET_PREFIX);
  });

  it('without a terminal, --secret-file or --json: exit 2 and nothing is sent', async () => {
    const run = await create(REQUIRED);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: the new client secret would be lost: there is no terminal to show it on; nothing was sent\n' +
        '  hint: give --secret-file <path> (created with mode 0600) or --json (the document carries it)\n',
    });
    expect(api.emulator.requests).toEqual([]);
  });

  it('refuses an existing secret file (nothing sent), and replaces it with --force', async () => {
    const place = makeHome();
    const file = join(place.cwd, 'kept');
    writeFileSync(file, 'old secret');
    const refused = await create([...REQUIRED, '--secret-file', 'kept'], { home: place });
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toContain(
      'cannot create --secret-file "kept": it already exists (add --force to replace it)',
    );
    expect(api.emulator.requests).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('old secret');

    const forced = await create([...REQUIRED, '--secret-file', 'kept', '--force'], { home: place });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(api.emulator.secretsOf(forced.stdout.trim())?.current);
  });

  it('a secret file in a missing directory: exit 2, nothing sent, nothing created', async () => {
    const place = makeHome();
    const run = await create([...REQUIRED, '--secret-file', 'no/such/dir/s'], { home: place });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'cannot create --secret-file "no/such/dir/s": its directory does not exist; nothing was sent',
    );
    expect(api.emulator.requests).toEqual([]);
  });

  it('removes the secret file it created when the API refuses the create', async () => {
    const place = makeHome();
    api.emulator.fault({
      match: { method: 'POST' },
      status: 403,
      body: {
        success: false,
        errors: [{ code: 10000, message: 'Authentication error' }],
        messages: [],
        result: null,
      },
    });
    const run = await create([...REQUIRED, '--secret-file', 's'], { home: place });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'hint: the credential needs the "OAuth Client Write" permission on this account',
    );
    expect(existsSync(join(place.cwd, 's'))).toBe(false);
  });
});

describe('create: validation before anything is sent', () => {
  it.each([
    [
      ['--redirect-uri', 'https://a.example/cb', '--scope', 'account.read'],
      'a name is required: --name; nothing was sent',
    ],
    [
      ['--name', 'x', '--scope', 'account.read'],
      'at least one redirect URI is required: --redirect-uri; nothing was sent',
    ],
    [
      ['--name', 'x', '--redirect-uri', 'https://a.example/cb'],
      'at least one scope is required: --scope; nothing was sent',
    ],
    [
      [...REQUIRED, '--redirect-uri', 'localhost:3000/cb'],
      '--redirect-uri "localhost:3000/cb" is not an absolute URL (e.g. https://app.example.com/callback); nothing was sent',
    ],
    [
      [...REQUIRED, '--logo-uri', 'logo.png'],
      '--logo-uri "logo.png" is not an absolute URL (e.g. https://app.example.com/callback); nothing was sent',
    ],
    [
      [...REQUIRED, '--grant-type', 'client_credentials'],
      '2 problems with the client definition; nothing was sent\n  --grant-type "client_credentials" is not one of authorization_code, refresh_token\n  --grant-type must include authorization_code (the API requires it)',
    ],
    [
      [...REQUIRED, '--response-type', 'device'],
      '--response-type "device" is not one of code, token, id_token; nothing was sent',
    ],
    [
      [...REQUIRED, '--auth-method', 'private_key_jwt'],
      '--auth-method "private_key_jwt" is not one of client_secret_basic, client_secret_post, none; nothing was sent',
    ],
    [
      [...REQUIRED, '--scope', 'zone:read'],
      '--scope "zone:read" is colon-delimited, which the API refuses (use dot-delimited scopes such as account.read); nothing was sent',
    ],
    [
      [...REQUIRED, '--cors-origin', 'example.com'],
      '--cors-origin "example.com" is not an absolute URL (e.g. https://app.example.com/callback); nothing was sent',
    ],
  ])('%j → exit 2 naming the flag', async (args, message) => {
    const text = await create([...args, '--json', '--secret-file', 'x']);
    expect(text.code).toBe(2);
    expect(JSON.parse(text.stdout)).toEqual(usageFailureDocument(message));
    expect(api.emulator.requests).toEqual([]);
  });

  it('text mode says the same on stderr', async () => {
    const run = await create([
      '--name',
      'x',
      '--redirect-uri',
      '/cb',
      '--scope',
      'account.read',
      '--secret-file',
      's',
    ]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: --redirect-uri "/cb" is not an absolute URL (e.g. https://app.example.com/callback); nothing was sent\n',
    });
  });
});

describe('create --from-file', () => {
  it('reads YAML from stdin; flags override; read-only fields are ignored with a note', async () => {
    const yaml = [
      'client_id: a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
      'client_name: From the file',
      'redirect_uris: [https://file.example/cb]',
      'scopes: [account.read]',
      'grant_types: [authorization_code, refresh_token]',
      'created_at: 2025-01-01T00:00:00Z',
      '',
    ].join('\n');
    const run = await create(['--from-file', '-', '--scope', 'zone.read', '--json'], {
      input: yaml,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'stdin: ignored read-only fields (the API sets them): client_id, created_at; the new client gets a new ID\n',
    );
    expect(JSON.parse(api.emulator.requests[0]?.body ?? '')).toEqual({
      client_name: 'From the file',
      redirect_uris: ['https://file.example/cb'],
      scopes: ['zone.read'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    });
  });

  it('names the line and column of a syntax error, and the field of a bad value', async () => {
    const place = makeHome();
    writeFileSync(join(place.cwd, 'bad.yaml'), 'client_name: x\nclient_name: y\n');
    writeFileSync(
      join(place.cwd, 'wrong.json'),
      '{"client_name": "x", "redirect_uris": ["https://a.example/cb"], "scopes": ["a:b"]}',
    );
    const syntax = await create(['--from-file', 'bad.yaml', '--json'], { home: place });
    expect(JSON.parse(syntax.stdout).error.message).toBe(
      'bad.yaml line 2, column 1: Map keys must be unique',
    );
    const value = await create(['--from-file', 'wrong.json', '--json'], { home: place });
    expect(JSON.parse(value.stdout).error.message).toBe(
      'wrong.json: scopes[0] "a:b" is colon-delimited, which the API refuses (use dot-delimited scopes such as account.read); nothing was sent',
    );
    const missing = await create(['--from-file', 'nope.json', '--json'], { home: place });
    expect(JSON.parse(missing.stdout).error.message).toBe(
      'cannot read --from-file "nope.json": no such file',
    );
    expect([syntax.code, value.code, missing.code]).toEqual([2, 2, 2]);
    expect(api.emulator.requests).toEqual([]);
  });
});

describe('create is never sent twice blindly', () => {
  it('the answer is lost after the API created it: found, reported created, its secret rotated', async () => {
    const place = makeHome();
    api.emulator.fault({
      match: { method: 'POST', pathIncludes: 'oauth_clients' },
      applyThenReset: true,
    });
    const run = await create(
      [...REQUIRED.slice(0, 1), 'Lost answer', ...REQUIRED.slice(2), '--secret-file', 's'],
      { home: place },
    );

    const clients = named('Lost answer');
    expect(clients).toHaveLength(1);
    const id = String(clients[0]?.client_id);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${id}\n`);
    expect(run.stderr).toContain(
      `the answer to the create was lost, but OAuth client ${id} named "Lost answer" was created at`,
    );
    expect(methods()).toEqual([
      'POST ',
      'GET ',
      `POST /${id}/rotate_secret`,
      `DELETE /${id}/rotate_secret`,
    ]);
    // The file holds the working secret; the one lost with the answer is revoked.
    expect(api.emulator.secretsOf(id)).toEqual({
      current: readFileSync(join(place.cwd, 's'), 'utf8'),
    });
    expect(clients[0]?.has_rotated_secret).toBe(false);
  });

  it('--json: the recovered client, with the new secret and "recovered": true', async () => {
    api.emulator.fault({
      match: { method: 'POST', pathIncludes: 'oauth_clients' },
      applyThenReset: true,
    });
    const run = await create(['--name', 'Lost json', ...REQUIRED.slice(2), '--json']);
    const document = JSON.parse(run.stdout);
    expect(run.code).toBe(0);
    expect(document).toMatchObject({
      success: true,
      outcome: 'created',
      recovered: true,
      status: null,
    });
    expect(document.result.client_secret).toBe(api.emulator.secretsOf(document.id)?.current);
  });

  it('a dropped connection that created nothing: one POST only, outcome unknown, the command to check', async () => {
    const place = makeHome();
    api.emulator.fault({ match: { method: 'POST' }, reset: true });
    const run = await create(['--name', 'Never made', ...REQUIRED.slice(2), '--secret-file', 's'], {
      home: place,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'whether OAuth client "Never made" was created is unknown: no client named "Never made" has appeared since the attempt began',
    );
    expect(run.stderr).toContain("hint: check with: cf-oauth list --filter 'Never made'");
    expect(methods()).toEqual(['POST ', 'GET ']);
    expect(named('Never made')).toEqual([]);
    expect(existsSync(join(place.cwd, 's'))).toBe(false);
  });

  it('two clients of that name appeared: unknown, naming both (--json)', async () => {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const other = api.emulator.addClient(ACCOUNT, {
      client_name: 'Twice',
      created_at: now,
    }).client_id;
    api.emulator.fault({ match: { method: 'POST' }, applyThenReset: true });
    const run = await create(['--name', 'Twice', ...REQUIRED.slice(2), '--json']);
    const document = JSON.parse(run.stdout);
    const made = named('Twice')
      .map((c) => c.client_id)
      .filter((id) => id !== other);
    expect(run.code).toBe(1);
    expect(document).toMatchObject({
      success: false,
      outcome: 'unknown',
      candidates: [other, ...made],
    });
    expect(document.note).toMatch(
      /^whether OAuth client "Twice" was created is unknown: 2 clients named "Twice" were created since the attempt began/,
    );
    expect(run.stdout).not.toContain(CLIENT_SECRET_PREFIX);
  });

  it('an older client of the same name is not mistaken for the new one', async () => {
    api.emulator.addClient(ACCOUNT, {
      client_name: 'Old name',
      created_at: '2020-01-01T00:00:00Z',
    });
    api.emulator.fault({ match: { method: 'POST' }, reset: true });
    const run = await create(['--name', 'Old name', ...REQUIRED.slice(2), '--json']);
    expect([run.code, JSON.parse(run.stdout).outcome]).toEqual([1, 'unknown']);
  });

  it('an edge 502 after sending is not retried; a 429 before acting is', async () => {
    api.emulator.fault({ match: { method: 'POST' }, html: true, status: 502 });
    const edge = await create(['--name', 'Edge', ...REQUIRED.slice(2), '--json']);
    expect([edge.code, JSON.parse(edge.stdout).outcome]).toEqual([1, 'unknown']);
    expect(methods()).toEqual(['POST ', 'GET ']);

    api.emulator.requests.length = 0;
    api.emulator.fault({
      match: { method: 'POST' },
      status: 429,
      headers: { 'retry-after': '0', 'content-type': 'application/json' },
      body: {
        success: false,
        errors: [{ code: 971, message: 'slow down' }],
        messages: [],
        result: null,
      },
    });
    const limited = await create(['--name', 'Limited', ...REQUIRED.slice(2), '--json']);
    expect(limited.code).toBe(0);
    expect(methods()).toEqual(['POST ', 'POST ']);
    expect(named('Limited')).toHaveLength(1);
  });
});

describe('create: Ctrl-C says whether the client exists', () => {
  function interruptWhenPosted(child: ChildProcess): void {
    const poll = setInterval(() => {
      if (!api.emulator.requests.some((r) => r.method === 'POST')) return;
      clearInterval(poll);
      child.kill('SIGINT');
    }, 5);
  }

  it('the create happened but its answer never came: found, secret replaced, exit 130', async () => {
    const place = makeHome();
    api.emulator.fault({
      match: { method: 'POST', pathIncludes: 'oauth_clients' },
      applyThenHang: true,
    });
    const run = await runBin(
      [
        'create',
        '-a',
        ACCOUNT,
        '--name',
        'Interrupted',
        ...REQUIRED.slice(2),
        '--secret-file',
        's',
      ],
      {
        env: api.env,
        home: place.home,
        cwd: place.cwd,
        onSpawn: interruptWhenPosted,
      },
    );
    const [client] = named('Interrupted');
    expect(run.code).toBe(130);
    expect(run.stdout).toBe(`${client?.client_id}\n`);
    expect(readFileSync(join(place.cwd, 's'), 'utf8')).toBe(
      api.emulator.secretsOf(String(client?.client_id))?.current,
    );
  });

  it('the create never reached the API: reported unknown, with the command to check, exit 130', async () => {
    api.emulator.fault({ match: { method: 'POST' }, hang: true });
    const run = await runBin(
      ['create', '-a', ACCOUNT, '--name', 'Cut', ...REQUIRED.slice(2), '--json'],
      {
        env: api.env,
        onSpawn: interruptWhenPosted,
      },
    );
    expect(run.code).toBe(130);
    expect(JSON.parse(run.stdout)).toMatchObject({
      outcome: 'unknown',
      error: { type: 'interrupted' },
    });
    expect(named('Cut')).toEqual([]);
  });
});
