/**
 * Parse-only tests of every command's definition: flags become the inferred options (checked
 * by the type checker too), invalid values are usage errors, and nothing runs.
 */
import { CommanderError } from '@commander-js/extra-typings';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineCompletion } from '../../src/commands/completion/definition.js';
import { defineConfig } from '../../src/commands/config/definition.js';
import { defineDelete } from '../../src/commands/delete/definition.js';
import { defineGet } from '../../src/commands/get/definition.js';
import { defineList } from '../../src/commands/list/definition.js';
import { parse } from '../helpers/parse.js';

const API_DEFAULTS = { timeout: 30, retries: 4, maxRetryWait: 60, color: true };

function usageError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('parsed without a usage error');
}

describe('the shared API options', () => {
  it('parse to typed values, with their defaults', () => {
    const { options } = parse(defineList, [
      '-a',
      '023e105f4ecef8ad9ca31a8372d0c353',
      '--api-token',
      'token',
      '--timeout',
      '2.5',
      '--retries',
      '0',
      '--max-retry-wait',
      '7',
      '--json',
      '-v',
      '--no-color',
    ]);
    expect(options).toEqual({
      account: '023e105f4ecef8ad9ca31a8372d0c353',
      apiToken: 'token',
      timeout: 2.5,
      retries: 0,
      maxRetryWait: 7,
      json: true,
      verbose: true,
      color: false,
    });
    expectTypeOf(options.timeout).toEqualTypeOf<number>();
    expectTypeOf(options.color).toEqualTypeOf<boolean>();
    expectTypeOf(options.account).toEqualTypeOf<string | undefined>();
    expectTypeOf(options.json).toEqualTypeOf<true | undefined>();
  });

  it.each([
    ['--timeout', '0', 'seconds, above 0 and at most 3600'],
    ['--timeout', '3601', 'seconds, above 0 and at most 3600'],
    ['--timeout', ' ', 'seconds, above 0 and at most 3600'],
    ['--retries', '1.5', 'a whole number from 0 to 20'],
    ['--retries', '21', 'a whole number from 0 to 20'],
    ['--max-retry-wait', 'soon', 'seconds, above 0 and at most 86400'],
  ])('%s %j is a usage error', (flag, value, expected) => {
    expect(usageError(() => parse(defineGet, ['a', flag, value]))).toEqual({
      code: 'commander.invalidArgument',
      message: `error: option '${flag} <${flag === '--retries' ? 'n' : 'seconds'}>' argument '${value}' is invalid. expected ${expected}.`,
    });
  });

  it('refuses an unknown option', () => {
    expect(usageError(() => parse(defineList, ['--colour']))).toMatchObject({
      code: 'commander.unknownOption',
    });
  });
});

describe('delete', () => {
  it('takes any number of IDs and its own flags', () => {
    const { args, options } = parse(defineDelete, [
      'a',
      'b',
      '--from-file',
      '-',
      '--name',
      'Acme',
      '--concurrency',
      '8',
      '--dry-run',
      '-y',
      '--ignore-missing',
    ]);
    expect(args).toEqual([['a', 'b']]);
    expect(options).toEqual({
      ...API_DEFAULTS,
      fromFile: '-',
      name: 'Acme',
      concurrency: 8,
      dryRun: true,
      yes: true,
      ignoreMissing: true,
    });
    expectTypeOf(args).toEqualTypeOf<[string[]]>();
    expectTypeOf(options.ignoreMissing).toEqualTypeOf<true | undefined>();
    expectTypeOf(options.concurrency).toEqualTypeOf<number>();
  });

  it('needs no ID to parse: which source of IDs is required is checked when it runs', () => {
    expect(parse(defineDelete, []).args).toEqual([[]]);
  });

  it.each(['0', '33', '2.5', 'x'])('--concurrency %j is a usage error', (value) => {
    expect(usageError(() => parse(defineDelete, ['--concurrency', value]))).toEqual({
      code: 'commander.invalidArgument',
      message: `error: option '--concurrency <n>' argument '${value}' is invalid. expected a whole number from 1 to 32.`,
    });
  });
});

describe('list', () => {
  it('takes --filter and no arguments', () => {
    expect(parse(defineList, ['--filter', 'staging'])).toEqual({
      args: [],
      options: { ...API_DEFAULTS, filter: 'staging' },
    });
    expect(usageError(() => parse(defineList, ['extra']))).toMatchObject({
      code: 'commander.excessArguments',
    });
  });
});

describe('get', () => {
  it('takes exactly one ID', () => {
    const { args, options } = parse(defineGet, ['a1b2']);
    expect(args).toEqual(['a1b2']);
    expect(options).toEqual(API_DEFAULTS);
    expectTypeOf(args).toEqualTypeOf<[string]>();
    expect(usageError(() => parse(defineGet, []))).toEqual({
      code: 'commander.missingArgument',
      message: "error: missing required argument 'oauth_client_id'",
    });
  });
});

describe('config', () => {
  it('takes --check', () => {
    const { options } = parse(defineConfig, ['--check']);
    expect(options).toEqual({ ...API_DEFAULTS, check: true });
    expectTypeOf(options.check).toEqualTypeOf<true | undefined>();
  });
});

describe('completion', () => {
  it('takes one of the shells, typed as the shells', () => {
    const { args, options } = parse(defineCompletion, ['zsh']);
    expect(args).toEqual(['zsh']);
    expect(options).toEqual({});
    expectTypeOf(args).toEqualTypeOf<['bash' | 'zsh' | 'fish']>();
    expect(usageError(() => parse(defineCompletion, ['powershell']))).toEqual({
      code: 'commander.invalidArgument',
      message:
        "error: command-argument value 'powershell' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.",
    });
  });
});
