/** The destination of a new client secret is settled, and its file created, before sending. */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { UsageError } from '../../src/errors.js';
import { openSecretDestination } from '../../src/secrets/destination.js';

const SECRET = 'canary-client-secret-destination';

function context(cwd: string, tty = false): Context {
  const stream = { isTTY: tty, write: () => true };
  return { cwd, streams: { stdin: stream, stdout: stream, stderr: stream } } as unknown as Context;
}

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'cf-oauth-secret-'));
}

async function refusal(promise: Promise<unknown>): Promise<UsageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('--secret-file', () => {
  it('creates the file (empty, mode 0600) when opened, and fills it on write', async () => {
    const dir = workdir();
    const destination = await openSecretDestination({ secretFile: 'client.secret' }, context(dir));
    const file = join(dir, 'client.secret');
    expect([readFileSync(file, 'utf8'), mode(file)]).toEqual(['', 0o600]);
    if (destination.kind !== 'file') throw new Error('expected a file');
    await destination.write(SECRET);
    expect([readFileSync(file, 'utf8'), mode(file)]).toEqual([SECRET, 0o600]);
  });

  it('removes the file it created when there is nothing to store', async () => {
    const dir = workdir();
    const destination = await openSecretDestination({ secretFile: 's' }, context(dir));
    if (destination.kind !== 'file') throw new Error('expected a file');
    await destination.abandon();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an existing file, and a symlink, without touching them', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'old'), 'old secret');
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'link'));
    const existing = await refusal(openSecretDestination({ secretFile: 'old' }, context(dir)));
    expect(existing.message).toBe(
      'cannot create --secret-file "old": it already exists (add --force to replace it); nothing was sent',
    );
    await refusal(openSecretDestination({ secretFile: 'link' }, context(dir)));
    expect(readFileSync(join(dir, 'old'), 'utf8')).toBe('old secret');
    expect(readdirSync(dir).sort()).toEqual(['link', 'old']);
  });

  it('with --force, replaces an existing file only once the secret is written', async () => {
    const dir = workdir();
    const file = join(dir, 'old');
    writeFileSync(file, 'old secret', { mode: 0o644 });
    const kept = await openSecretDestination({ secretFile: 'old', force: true }, context(dir));
    if (kept.kind !== 'file') throw new Error('expected a file');
    await kept.abandon();
    expect([readFileSync(file, 'utf8'), readdirSync(dir)]).toEqual(['old secret', ['old']]);

    const replaced = await openSecretDestination({ secretFile: 'old', force: true }, context(dir));
    if (replaced.kind !== 'file') throw new Error('expected a file');
    expect(readFileSync(file, 'utf8')).toBe('old secret');
    await replaced.write(SECRET);
    expect([readFileSync(file, 'utf8'), mode(file), readdirSync(dir)]).toEqual([
      SECRET,
      0o600,
      ['old'],
    ]);
  });

  it.each([
    ['missing/dir/s', 'its directory does not exist'],
    ['.', 'it already exists (add --force to replace it)'],
  ])('refuses %s before anything is sent: %s', async (given, reason) => {
    const dir = workdir();
    const error = await refusal(openSecretDestination({ secretFile: given }, context(dir)));
    expect(error.message).toBe(
      `cannot create --secret-file "${given}": ${reason}; nothing was sent`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a directory with --force too', async () => {
    const error = await refusal(
      openSecretDestination({ secretFile: '.', force: true }, context(workdir())),
    );
    expect(error.message).toBe(
      'cannot create --secret-file ".": it is a directory; nothing was sent',
    );
  });
});

describe('without --secret-file', () => {
  it('--json carries the secret; a terminal shows it; otherwise nothing is sent', async () => {
    const dir = workdir();
    expect(await openSecretDestination({ json: true }, context(dir))).toEqual({ kind: 'json' });
    expect(await openSecretDestination({}, context(dir, true))).toEqual({ kind: 'terminal' });
    const error = await refusal(openSecretDestination({}, context(dir)));
    expect([error.message, error.hint]).toEqual([
      'the new client secret would be lost: there is no terminal to show it on; nothing was sent',
      'give --secret-file <path> (created with mode 0600) or --json (the document carries it)',
    ]);
  });

  it('--force without --secret-file is a mistake', async () => {
    const error = await refusal(
      openSecretDestination({ force: true, json: true }, context(workdir())),
    );
    expect(error.message).toBe('--force applies to --secret-file only');
  });
});
