/**
 * Parse-only tests of `plan`, `apply` and delete's selector flags: the flags become the inferred
 * options (checked by the type checker too); a missing --file is a usage error; nothing runs.
 */
import { CommanderError } from '@commander-js/extra-typings';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineApply } from '../../src/commands/apply/definition.js';
import { defineDelete } from '../../src/commands/delete/definition.js';
import { definePlan } from '../../src/commands/plan/definition.js';
import { parse } from '../helpers/parse.js';

const API_DEFAULTS = { timeout: 30, retries: 4, maxRetryWait: 60, color: true };

describe('plan', () => {
  it('takes the file, --prune and --exit-code', () => {
    const { options } = parse(definePlan, ['--file', 'clients.yaml', '--prune', '--exit-code']);
    expect(options).toEqual({ ...API_DEFAULTS, file: 'clients.yaml', prune: true, exitCode: true });
    expectTypeOf(options.file).toEqualTypeOf<string>();
    expectTypeOf(options.exitCode).toEqualTypeOf<true | undefined>();
  });

  it('needs --file', () => {
    expect(() => parse(definePlan, [])).toThrow(CommanderError);
    expect(() => parse(definePlan, [])).toThrow("required option '--file <path>' not specified");
  });
});

describe('apply', () => {
  it('takes the file, --prune, --yes, --secrets-dir and --backup', () => {
    const { options } = parse(defineApply, [
      '--file',
      '-',
      '--prune',
      '-y',
      '--secrets-dir',
      'secrets',
      '--backup',
      'backups',
    ]);
    expect(options).toEqual({
      ...API_DEFAULTS,
      file: '-',
      prune: true,
      yes: true,
      secretsDir: 'secrets',
      backup: 'backups',
    });
    expectTypeOf(options.secretsDir).toEqualTypeOf<string | undefined>();
  });
});

describe('delete by selector', () => {
  it('takes --match and --created-before as text, checked when it runs', () => {
    const { args, options } = parse(defineDelete, [
      '--match',
      'preview-*',
      '--created-before',
      '7d',
      '--yes',
    ]);
    expect(args).toEqual([[]]);
    expect(options).toMatchObject({ match: 'preview-*', createdBefore: '7d', yes: true });
    expectTypeOf(options.createdBefore).toEqualTypeOf<string | undefined>();
  });
});
