import type { ApiMessage } from '../errors.js';
import type { FailureDetails } from '../outcome.js';
import type { Painter } from './colour.js';

/** The stderr block for a failure: what went wrong, what the API said, how to follow up. */
export function renderFailureText(
  failure: FailureDetails,
  errors: readonly ApiMessage[],
  paint: Painter,
): string {
  const lines = [`${paint.red('error:')} ${failure.message}`];
  for (const error of errors) {
    const line = `${error.message} (code ${error.code})`;
    if (!failure.message.includes(line)) lines.push(`  ${line}`);
    if (error.documentation_url) lines.push(`  see ${error.documentation_url}`);
  }
  const request = [
    failure.status === null ? undefined : `HTTP ${failure.status}`,
    failure.cfRay === undefined ? undefined : `cf-ray ${failure.cfRay}`,
  ].filter((part) => part !== undefined);
  if (request.length > 0) lines.push(paint.dim(`  ${request.join(', ')}`));
  if (failure.credentialSource) lines.push(`  credential: ${failure.credentialSource}`);
  if (failure.hint) lines.push(`  ${paint.yellow('hint:')} ${failure.hint}`);
  return `${lines.join('\n')}\n`;
}
