import { expect } from 'vitest';
import { UsageError } from '../../src/errors.js';

/** The message of the UsageError `run` throws; fails the test when it throws nothing else. */
export function usageErrorMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}
