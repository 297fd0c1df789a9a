/** `config`'s run function in-process, with options parsed by its definition. */
import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../src/commands/config/definition.js';
import { run } from '../../src/commands/config/run.js';
import { useEmulator } from '../helpers/fixture.js';
import { fakeContext } from '../helpers/in-process.js';
import { parse } from '../helpers/parse.js';

const api = useEmulator();

describe('config run', () => {
  it('reports the settings, and with --check the API accepting the token', async () => {
    const { ctx, output } = fakeContext({ env: api.env });
    const { options } = parse(defineConfig, ['--check', '--json']);

    expect(await run(options, ctx)).toBe(0);
    const report = JSON.parse(output().stdout);
    expect(report.check).toMatchObject({ ok: true, request: 'GET /user/tokens/verify' });
    expect(api.emulator.requests.map((request) => request.rawPath)).toEqual([
      '/client/v4/user/tokens/verify',
    ]);
  });

  it('exits 2 for a setting that would stop every command, and checks nothing', async () => {
    const { ctx, output } = fakeContext({ env: { ...api.env, CLOUDFLARE_ACCOUNT_ID: 'x' } });
    const { options } = parse(defineConfig, ['--check']);

    expect(await run(options, ctx)).toBe(2);
    expect(output().stderr).toContain('the credential was not checked');
    expect(api.emulator.requests).toEqual([]);
  });

  it('reports an rc file that cannot be read, and exits 2', async () => {
    const { ctx, output } = fakeContext({ env: api.env });
    const { options } = parse(defineConfig, ['--config', '/nonexistent/cfoauthrc']);

    expect(await run(options, ctx)).toBe(2);
    expect(output().stdout).toBe('');
    expect(output().stderr).toMatch(/^error: .*cfoauthrc/);
  });
});
