/**
 * Secrets never reach a terminal, a log or an error message: every line the API layer prints
 * goes through a redactor that knows the credential's values.
 */

import type { Credential } from '../config/settings.js';

export const REDACTED = '[REDACTED]';

/** Request headers whose values are credentials (lower-case, as printed in traces). */
export const CREDENTIAL_HEADER_NAMES: ReadonlySet<string> = new Set([
  'authorization',
  'x-auth-key',
  'x-auth-email',
]);

export type Redactor = (text: string) => string;

/** The values that must never be printed for this credential. */
export function secretsOf(credential: Credential): string[] {
  return credential.scheme === 'token' ? [credential.token] : [credential.key, credential.email];
}

/**
 * A bearer credential written out in text (an API answer quoting a request's header): whatever
 * token follows is somebody's secret, known to us or not. The token stops before another
 * `Bearer `, so that one glued to it is redacted too.
 */
const BEARER_CREDENTIAL = /(Bearer\s+)(?:"[^"]*"|'[^']*'|(?:(?!Bearer\s)[^\s"',;])+)/gi;

/**
 * Replaces every occurrence of a secret, also in its percent-encoded form (an email shows up as
 * `user%40example.com` inside URLs), and any `Bearer <token>`. Longer secrets go first so that a
 * secret containing another is not left half-replaced.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = [...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]))]
    .filter((needle) => needle.length > 0)
    .sort((a, b) => b.length - a.length);
  return (text) =>
    needles
      .reduce((redacted, needle) => redacted.replaceAll(needle, REDACTED), text)
      .replace(BEARER_CREDENTIAL, `$1${REDACTED}`);
}

/** The secrets an API result carries (a client secret, from create and rotate_secret). */
export function secretsReceived(result: unknown): string[] {
  if (typeof result !== 'object' || result === null) return [];
  const secret = (result as { client_secret?: unknown }).client_secret;
  return typeof secret === 'string' && secret !== '' ? [secret] : [];
}

/**
 * A body that is not a readable envelope (cut off, wrong content type) may still hold a client
 * secret that no redactor has learnt: its value is masked by field name, even unterminated.
 */
const SECRET_FIELD = /("client_secret"\s*:\s*")(?:[^"\\]|\\.)*("?)/g;

export function maskSecretFields(text: string): string {
  return text.replace(SECRET_FIELD, `$1${REDACTED}$2`);
}

/**
 * Makes text from the network safe to print on one line: control characters (including ANSI
 * escape sequences' ESC and newlines) and invisible format characters (bidi overrides) become
 * spaces.
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu, ' ');
}
