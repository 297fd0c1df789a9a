import { describeEntry, entryLines } from '../api/messages.js';
import type { ApiMessage } from '../errors.js';
import type { FailureDetails } from '../outcome.js';
import type { Painter } from './colour.js';
import { escapeText } from './quote.js';

/**
 * The stderr block for a failure: what went wrong, what the API said (every entry, each
 * `error_chain` indented under its parent, escaped), how to follow up.
 */
export function renderFailureText(
  failure: FailureDetails,
  errors: readonly ApiMessage[],
  paint: Painter,
): string {
  // The message is cf-oauth's own, or the first entry already escaped (src/api/messages.ts).
  const lines = [`${paint.red('error:')} ${failure.message}`];
  // The headline already names the first entry when it came from it.
  const first = errors.length > 0 ? describeEntry(errors[0]) : undefined;
  const skip = first !== undefined && failure.message.includes(first) ? first : undefined;
  lines.push(...entryLines(errors, skip));
  const request = [
    failure.status === null ? undefined : `HTTP ${failure.status}`,
    failure.cfRay === undefined ? undefined : `cf-ray ${escapeText(failure.cfRay)}`,
  ].filter((part) => part !== undefined);
  if (request.length > 0) lines.push(paint.dim(`  ${request.join(', ')}`));
  if (failure.credentialSource) lines.push(`  credential: ${failure.credentialSource}`);
  if (failure.hint) lines.push(`  ${paint.yellow('hint:')} ${failure.hint}`);
  return `${lines.join('\n')}\n`;
}
