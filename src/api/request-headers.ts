/** The headers of every request: content negotiation, identification and exactly one auth scheme. */

import type { Credential } from '../config/settings.js';
import { isHeaderSafe } from '../config/validate.js';
import { ConfigError } from '../errors.js';

/**
 * Exactly one scheme is ever sent. (The official SDK sends every credential it finds, so a
 * stray `CLOUDFLARE_API_KEY` in the environment silently beats an explicit token.)
 */
export function buildRequestHeaders(
  credential: Credential,
  userAgent: string,
): Record<string, string> {
  const common = { Accept: 'application/json', 'User-Agent': userAgent };
  if (credential.scheme === 'token') {
    return { ...common, Authorization: `Bearer ${credential.token}` };
  }
  return { ...common, 'X-Auth-Email': credential.email, 'X-Auth-Key': credential.key };
}

/**
 * Rejects credential values that cannot travel in a header (a pasted newline, a non-ASCII
 * character). Without this check the HTTP stack throws an error that reads like a network
 * failure; the message here names the setting and its source but never the value.
 */
export function assertCredentialSendable(credential: Credential): void {
  const values: Array<[string, string]> =
    credential.scheme === 'token'
      ? [['API token', credential.token]]
      : [
          ['API key', credential.key],
          ['email', credential.email],
        ];
  for (const [label, value] of values) {
    if (!isHeaderSafe(value)) {
      throw new ConfigError(
        `the ${label} from ${credential.source} contains line breaks, control or non-ASCII characters, which cannot be sent in an HTTP header`,
        { hint: 'copy the value again, without surrounding whitespace or quotes' },
      );
    }
  }
}
