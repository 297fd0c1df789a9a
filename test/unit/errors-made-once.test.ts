/**
 * Errors are made once, complete: the API client hands the attempt history to the constructor of
 * the error that ends a request, and nothing sets a field of an error (or of the Failure made from
 * it) afterwards. The fields are readonly, so tsc refuses such an assignment; this check also
 * catches one written through a cast.
 */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** The fields of the error classes and of Failure that depend on how a request went. */
const FIELDS = [
  'attempts',
  'outcomeUnknown',
  'earlierAttemptUncertain',
  'requestInFlight',
  'credentialSource',
  'credentialRejected',
  'message',
  'hint',
  'exitCode',
];
const ASSIGNMENT = new RegExp(
  `\\b(?!this\\b)\\w+(?:\\?)?\\.(?:${FIELDS.join('|')})\\s*(?:=(?!=)|\\?\\?=|\\|\\|=|&&=)`,
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function assignmentsAfterConstruction(dir: string): string[] {
  return sourceFiles(dir).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        ASSIGNMENT.test(line) ? [`${path.relative(dir, file)}:${index + 1}: ${line.trim()}`] : [],
      ),
  );
}

describe('errors are made once', () => {
  it('no module assigns an error field after the error was built', () => {
    expect(assignmentsAfterConstruction(SRC)).toEqual([]);
  });

  it('the check sees such an assignment', () => {
    expect(ASSIGNMENT.test('      error.earlierAttemptUncertain = false;')).toBe(true);
    expect(ASSIGNMENT.test('      error.credentialSource ??= credential.source;')).toBe(true);
    expect(ASSIGNMENT.test('  error.message = redact(error.message + suffix);')).toBe(true);
    expect(ASSIGNMENT.test('    this.attempts = context.history?.attempts ?? 1;')).toBe(false);
    expect(ASSIGNMENT.test('  if (error.attempts === 0) return;')).toBe(false);
  });
});
