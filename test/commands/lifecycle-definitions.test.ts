/** Parse-only tests of create, update and rotate-secret: repeatable flags collect, types infer. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineCreate } from '../../src/commands/create/definition.js';
import { defineRotateSecret } from '../../src/commands/rotate-secret/definition.js';
import { defineUpdate } from '../../src/commands/update/definition.js';
import { parse } from '../helpers/parse.js';

const API_DEFAULTS = { timeout: 30, retries: 4, maxRetryWait: 60, color: true };

describe('create', () => {
  it('collects repeatable flags in order and leaves the rest unset (checked when it runs)', () => {
    const { options } = parse(defineCreate, [
      '--name',
      'n',
      '--redirect-uri',
      'https://a.example/cb',
      '--redirect-uri',
      'https://b.example/cb',
      '--scope',
      'account.read',
      '--grant-type',
      'nonsense',
      '--secret-file',
      's',
      '--force',
      '--from-file',
      '-',
    ]);
    expect(options).toEqual({
      ...API_DEFAULTS,
      name: 'n',
      redirectUri: ['https://a.example/cb', 'https://b.example/cb'],
      scope: ['account.read'],
      grantType: ['nonsense'],
      secretFile: 's',
      force: true,
      fromFile: '-',
    });
    expectTypeOf(options.redirectUri).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(options.authMethod).toEqualTypeOf<string | undefined>();
    expectTypeOf(options.force).toEqualTypeOf<true | undefined>();
  });
});

describe('update', () => {
  it('takes the client ID and the list edits', () => {
    const { args, options } = parse(defineUpdate, [
      'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
      '--add-scope',
      'zone.read',
      '--remove-redirect-uri',
      'https://a.example/cb',
      '--visibility',
      'public',
      '--dry-run',
    ]);
    expect(args).toEqual(['a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4']);
    expect(options).toEqual({
      ...API_DEFAULTS,
      addScope: ['zone.read'],
      removeRedirectUri: ['https://a.example/cb'],
      visibility: 'public',
      dryRun: true,
    });
    expectTypeOf(options.addRedirectUri).toEqualTypeOf<string[] | undefined>();
  });
});

describe('rotate-secret', () => {
  it('takes the client ID, --finish and the secret flags', () => {
    const { args, options } = parse(defineRotateSecret, [
      'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
      '--finish',
    ]);
    expect([args, options]).toEqual([
      ['a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4'],
      { ...API_DEFAULTS, finish: true },
    ]);
    expectTypeOf(options.secretFile).toEqualTypeOf<string | undefined>();
  });
});
