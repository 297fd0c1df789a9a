/**
 * `cf-oauth plan` and `apply` (built bin and in-process, emulator): what is sent, what is left
 * alone, what is refused before anything is sent, and every change's outcome when interrupted.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHome, runBin, runInProcess } from '../helpers/cli.js';
import { ACCOUNT, useEmulator } from '../helpers/fixture.js';

const api = useEmulator();

/** A home whose working directory holds `clients.yaml` (and a `secrets/` directory). */
function withFile(text: string) {
  const place = makeHome();
  writeFileSync(join(place.cwd, 'clients.yaml'), text);
  mkdirSync(join(place.cwd, 'secrets'));
  return place;
}

function cli(args: string[], place: ReturnType<typeof makeHome>, extra: object = {}) {
  return runBin([...args, '-a', ACCOUNT], {
    env: api.env,
    home: place.home,
    cwd: place.cwd,
    ...extra,
  });
}

const writes = () => api.emulator.requests.filter((r) => r.method !== 'GET');
const named = (name: string) =>
  api.emulator.clients(ACCOUNT).find((client) => client.client_name === name);

describe('plan', () => {
  it('prints + create, ~ update (old → new) and the counts, sending only GETs; --exit-code 6', async () => {
    const id = api.emulator.addClient(ACCOUNT, {
      client_name: 'plan-update',
      scopes: ['account.read'],
      redirect_uris: ['https://u.example/cb'],
    }).client_id;
    const place = withFile(
      [
        'clients:',
        '  - client_name: plan-update',
        '    scopes: [account.read, user.read]',
        '  - client_name: plan-new',
        '    redirect_uris: [https://n.example/cb]',
        '    scopes: [account.read]',
      ].join('\n'),
    );
    const run = await cli(['plan', '--file', 'clients.yaml', '--exit-code'], place);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        `~ update "plan-update" (${id})`,
        '    scopes: ["account.read"] → ["account.read", "user.read"]',
        '+ create "plan-new"',
        '    client_name: "plan-new"',
        '    redirect_uris: ["https://n.example/cb"]',
        '    scopes: ["account.read"]',
        '    grant_types: ["authorization_code"]',
        '    response_types: ["code"]',
        '    token_endpoint_auth_method: "client_secret_basic"',
        '1 to create, 1 to update, 0 to delete, 0 unchanged',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(6);
    expect(api.emulator.requests.map((r) => r.method)).toEqual(['GET']);

    const json = await cli(['plan', '--file', 'clients.yaml', '--json'], place);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout);
    expect(document.summary).toEqual({ create: 1, update: 1, delete: 0, unchanged: 0 });
    expect(document.changes[0]).toEqual({
      action: 'update',
      client_name: 'plan-update',
      client_id: id,
      fields: { scopes: { from: ['account.read'], to: ['account.read', 'user.read'] } },
    });
  });

  it('in GitHub Actions: the plan as a step summary, names and field names only', async () => {
    const id = api.emulator.addClient(ACCOUNT, {
      client_name: 'summary | pipe',
      scopes: ['account.read'],
    }).client_id;
    const place = withFile(
      'clients:\n  - client_name: summary | pipe\n    scopes: [user.read]\n    logo_uri: https://l.example/x.png\n',
    );
    const summary = join(place.cwd, 'summary.md');
    const run = await runBin(['plan', '--file', 'clients.yaml', '-a', ACCOUNT], {
      env: { ...api.env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
      home: place.home,
      cwd: place.cwd,
    });
    expect(run.code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toBe(
      [
        '### cf-oauth plan',
        '',
        '| create | update | delete | unchanged |',
        '| ---: | ---: | ---: | ---: |',
        '| 0 | 1 | 0 | 0 |',
        '',
        '| change | name | ID | fields |',
        '| --- | --- | --- | --- |',
        `| update | summary \\| pipe | ${id} | \`scopes\`, \`logo_uri\` |`,
        '',
        '',
      ].join('\n'),
    );
  });

  it('in GitHub Actions: apply masks each new secret before handing it over', async () => {
    const place = withFile(
      'clients:\n  - client_name: masked-new\n    redirect_uris: [https://m.example/cb]\n    scopes: [account.read]\n',
    );
    const run = await runBin(
      ['apply', '--file', 'clients.yaml', '--secrets-dir', 'secrets', '-a', ACCOUNT],
      { env: { ...api.env, GITHUB_ACTIONS: 'true' }, home: place.home, cwd: place.cwd },
    );
    expect(run.code).toBe(0);
    const secret = api.emulator.secretsOf(named('masked-new')?.client_id as string)?.current;
    expect(run.stderr).toContain(`::add-mask::${secret}\n`);
    expect(run.stdout).not.toContain(secret);
  });

  it('refuses ambiguous names, duplicates and unknown client_ids at once, by line; nothing written', async () => {
    api.newClient('twin');
    api.newClient('twin');
    const place = withFile(
      [
        'clients:',
        '  - client_name: twin',
        '  - client_name: once',
        '  - client_name: once',
        '  - client_id: ffffffffffffffffffffffffffffffff',
      ].join('\n'),
    );
    const run = await cli(['apply', '--file', 'clients.yaml', '--yes'], place);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: 3 problems with the clients file; nothing was sent\n {2}clients\.yaml line 3, clients\[1\] and clients\.yaml line 4, clients\[2\]: the same client_name "once"\n {2}clients\.yaml line 2, clients\[0\]: client_name "twin" matches 2 clients \([0-9a-f]{32}, [0-9a-f]{32}\); pin one with client_id\n {2}clients\.yaml line 5, clients\[3\]: client_id f{32} does not exist in the account\n {2}credential: API token from CLOUDFLARE_API_TOKEN\n$/,
    );
    expect(writes()).toEqual([]);
  });

  it('a YAML error exits 2 with its line and column, before any request', async () => {
    const place = withFile('clients:\n  - client_name: [unclosed\n');
    const run = await cli(['plan', '--file', 'clients.yaml'], place);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: clients\.yaml line \d+, column \d+: /);
    expect(api.emulator.requests).toEqual([]);
  });
});

describe('apply', () => {
  it('PATCHes only changed fields, leaves unmanaged ones alone; the second apply is empty', async () => {
    const id = api.emulator.addClient(ACCOUNT, {
      client_name: 'apply-managed',
      scopes: ['account.read'],
      redirect_uris: ['https://m.example/cb'],
      logo_uri: 'https://m.example/logo.png',
    }).client_id;
    const place = withFile(
      [
        'clients:',
        '  - client_name: apply-managed',
        '    scopes: [user.read, account.read]',
        '  - client_name: apply-created',
        '    redirect_uris: [https://c.example/cb]',
        '    scopes: [account.read]',
      ].join('\n'),
    );
    const run = await cli(['apply', '--file', 'clients.yaml', '--secrets-dir', 'secrets'], place);
    expect(run.code).toBe(0);
    const created = named('apply-created')?.client_id as string;
    // Each line as its change completes (concurrently).
    expect(run.stdout.split('\n').sort()).toEqual(
      ['', `created\t${created}\tapply-created`, `updated\t${id}\tapply-managed`].sort(),
    );
    expect(run.stderr).toContain(
      `client secret written to "secrets/${created}"\nCreated 1, updated 1, deleted 0, failed 0, not attempted 0\n`,
    );
    const patch = writes().find((r) => r.method === 'PATCH');
    expect(patch?.rawPath).toContain(id);
    expect(JSON.parse(patch?.body ?? '')).toEqual({ scopes: ['user.read', 'account.read'] });
    expect(named('apply-managed')?.logo_uri).toBe('https://m.example/logo.png');
    // The secret: one 0600 file named by the client ID, holding what the API returned.
    const secretFile = join(place.cwd, 'secrets', created);
    expect(readdirSync(join(place.cwd, 'secrets'))).toEqual([created]);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretFile, 'utf8')).toBe(api.emulator.secretsOf(created)?.current);
    expect(run.stdout + run.stderr).not.toContain(api.emulator.secretsOf(created)?.current);

    api.emulator.requests.length = 0;
    const again = await cli(['apply', '--file', 'clients.yaml', '--yes'], place);
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(again.stderr).toBe('Nothing to change: 2 clients are as declared\n');
    expect(writes()).toEqual([]);
  });

  it('--prune of an empty file is refused before anything is sent', async () => {
    for (const text of ['', 'clients: []\n']) {
      const place = withFile(text);
      const run = await cli(['apply', '--file', 'clients.yaml', '--prune', '--yes'], place);
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: clients.yaml lists no clients: refusing to delete every client (--prune with an empty file)\n  hint: list the clients to keep, or leave out --prune\n',
      });
    }
    const missing = await cli(['plan', '--file', 'nope.yaml', '--prune'], makeHome());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'error: cannot read --file "nope.yaml": no such file; refusing to delete every client (--prune)\n',
    );
    expect(api.emulator.requests).toEqual([]);
  });

  it('in a script: --prune needs --yes, and creating needs a place for the secrets', async () => {
    const place = withFile(
      'clients:\n  - client_name: script-new\n    redirect_uris: [https://s.example/cb]\n    scopes: [account.read]\n',
    );
    const prune = await cli(['apply', '--file', 'clients.yaml', '--prune'], place);
    expect(prune).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: apply --prune deletes clients: without a terminal it needs --yes\n  hint: check with cf-oauth plan --prune first, then add --yes\n',
    });
    expect(api.emulator.requests).toEqual([]);

    const lost = await cli(['apply', '--file', 'clients.yaml'], place);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toContain(
      'error: the plan creates 1 client whose secret would be lost: there is no terminal to show them on; nothing was sent\n',
    );
    expect(writes()).toEqual([]);
    expect(named('script-new')).toBeUndefined();

    const json = await cli(['apply', '--file', 'clients.yaml', '--json'], place);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout);
    const created = named('script-new')?.client_id;
    expect(document.changes).toEqual([
      expect.objectContaining({
        action: 'create',
        client_id: created,
        outcome: 'created',
        success: true,
        client_secret: api.emulator.secretsOf(created as string)?.current,
      }),
    ]);
    expect(document.summary).toMatchObject({ create: 1, created: 1, failed: 0 });
  });

  it('on a terminal: one question naming every client --prune deletes; no means nothing changes', async () => {
    const keep = api.newClient('terminal-keep');
    const place = withFile(`clients:\n  - client_id: ${keep}\n`);
    const doomed = api.emulator.clients(ACCOUNT).filter((client) => client.client_id !== keep);
    const run = await runInProcess(
      ['apply', '--file', 'clients.yaml', '--prune', '-a', ACCOUNT, '--no-color'],
      { env: api.env, stdin: 'n\n', tty: { stdin: true, stderr: true }, ...place },
    );
    expect(run.code).toBe(1);
    for (const client of doomed) {
      expect(run.stderr).toContain(`  ${client.client_id} "${client.client_name}"\n`);
    }
    expect(run.stderr).toContain(
      `Apply 0 to create, 0 to update, ${doomed.length} to delete in account ${ACCOUNT}? [y/N] `,
    );
    expect(run.stderr).toMatch(/error: not confirmed: nothing was changed\n$/);
    expect(writes()).toEqual([]);
  });

  it('--prune --yes deletes every client the file does not list, each backed up first', async () => {
    const keep = api.newClient('prune-keep');
    api.newClient('prune-stray');
    const place = withFile(`clients:\n  - client_id: ${keep}\n`);
    const doomed = api.emulator.clients(ACCOUNT).filter((client) => client.client_id !== keep);
    const run = await cli(
      ['apply', '--file', 'clients.yaml', '--prune', '--yes', '--backup', 'backups'],
      place,
    );
    expect(run.code).toBe(0);
    // In the order they complete: four at a time.
    expect(run.stdout.split('\n').sort()).toEqual(
      ['', ...doomed.map((client) => `deleted\t${client.client_id}\t${client.client_name}`)].sort(),
    );
    expect(api.emulator.clients(ACCOUNT).map((client) => client.client_id)).toEqual([keep]);
    for (const client of doomed) {
      const saved = JSON.parse(
        readFileSync(join(place.cwd, 'backups', `${client.client_id}.json`), 'utf8'),
      );
      expect(saved.client_name).toBe(client.client_name);
    }
    const again = await cli(['plan', '--file', 'clients.yaml', '--prune', '--exit-code'], place);
    expect(again).toMatchObject({
      code: 0,
      stdout: '0 to create, 0 to update, 0 to delete, 1 unchanged\n',
    });
  });

  it('on a full terminal, after yes: each secret shown on stdout right after its own client', async () => {
    const place = withFile(
      [
        'clients:',
        ...['tty-a', 'tty-b', 'tty-c'].flatMap((name) => [
          `  - client_name: ${name}`,
          '    redirect_uris: [https://t.example/cb]',
          '    scopes: [account.read]',
        ]),
      ].join('\n'),
    );
    const run = await runInProcess(
      ['apply', '--file', 'clients.yaml', '-a', ACCOUNT, '--no-color'],
      {
        env: api.env,
        stdin: 'y\n',
        tty: { stdin: true, stdout: true, stderr: true },
        ...place,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `Apply 3 to create, 0 to update, 0 to delete in account ${ACCOUNT}? [y/N] `,
    );
    for (const name of ['tty-a', 'tty-b', 'tty-c']) {
      const id = named(name)?.client_id as string;
      const secret = api.emulator.secretsOf(id)?.current;
      expect(run.stdout).toContain(
        `created\t${id}\t${name}\nClient secret: ${secret}\nStore it now: it is shown only this once and cannot be shown again.\n`,
      );
    }
  });

  it('an interrupt reports every change: created ones exist, the rest were not sent (130)', async () => {
    const names = Array.from({ length: 16 }, (_, i) => `interrupt-${i}`);
    const place = withFile(
      [
        'clients:',
        ...names.flatMap((name) => [
          `  - client_name: ${name}`,
          '    redirect_uris: [https://i.example/cb]',
          '    scopes: [account.read]',
        ]),
      ].join('\n'),
    );
    api.emulator.fault({ match: { method: 'POST' }, delayMs: 200, times: 1000 });
    const signalAfterPosts = (child: ChildProcess) => {
      const poll = setInterval(() => {
        if (api.emulator.requests.filter((r) => r.method === 'POST').length < 6) return;
        clearInterval(poll);
        child.kill('SIGINT');
      }, 5);
    };
    const run = await cli(['apply', '--file', 'clients.yaml', '--json'], place, {
      onSpawn: signalAfterPosts,
    });
    expect(run.code).toBe(130);
    const document = JSON.parse(run.stdout);
    expect(document.changes.map((c: { client_name: string }) => c.client_name)).toEqual(names);
    const outcomes = document.changes.map((c: { outcome: string }) => c.outcome);
    for (const outcome of outcomes) expect(['created', 'not_attempted']).toContain(outcome);
    const created = names.filter((_, i) => outcomes[i] === 'created');
    expect(created.length).toBeGreaterThanOrEqual(6);
    expect(outcomes).toContain('not_attempted');
    // What is reported created exists; what is not was never sent.
    expect(names.filter((name) => named(name) !== undefined)).toEqual(created);
    expect(document.success).toBe(false);
    for (const change of document.changes.filter(
      (c: { outcome: string }) => c.outcome === 'created',
    )) {
      expect(change.client_secret).toBe(api.emulator.secretsOf(change.client_id)?.current);
    }
  });
});
