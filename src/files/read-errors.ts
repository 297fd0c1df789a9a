/** The words for a file that `--from-file` (or `--file`) could not read. */

import { UsageError } from '../errors.js';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};

/**
 * `shown` is the file as messages name it (already quoted when it needs to be); `flag` the flag
 * that named it.
 */
export function unreadableFromFile(
  shown: string,
  error: unknown,
  flag = '--from-file',
): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = READ_ERRORS[code] ?? (error as Error).message;
  return new UsageError(`cannot read ${flag} ${shown}: ${reason}`);
}
