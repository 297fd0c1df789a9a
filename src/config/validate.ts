/**
 * Checks on values before they reach a URL or an HTTP header. Each throws UsageError with a
 * message naming the value's source; secrets (token, key, email) are never shown.
 */

import { UsageError } from '../errors.js';
import { quote } from '../output/quote.js';
import type { Credential, Sourced } from './settings.js';

const ACCOUNT_ID = /^[0-9a-fA-F]{32}$/;

/**
 * Whitespace (any Unicode kind), control characters (C0, DEL, C1), format characters (zero-width,
 * bidi overrides: they make an ID look like another) and lone surrogates (encodeURIComponent
 * throws on them).
 */
const INVISIBLE_IN_ID = /[\s\p{Cc}\p{Z}\p{Cf}\p{Cs}]/u;

/** What may appear in an HTTP header value: printable ASCII. Node rejects the rest anyway. */
const HEADER_SAFE = /^[\x20-\x7e]+$/;

export function isHeaderSafe(value: string): boolean {
  return HEADER_SAFE.test(value);
}
/** C0 controls, DEL and C1 controls: CR/LF here would inject headers. */
const CONTROL = /\p{Cc}/u;

/** How to name the account explicitly, for the messages that ask for one. */
export const ACCOUNT_HINT =
  'pass --account <id>, set CLOUDFLARE_ACCOUNT_ID, or add "accountId" to the rc file (~/.cfoauthrc)';

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** A given account ID; without one, commands look the account up (src/commands/detect-account.ts). */
export function validateAccountId(account: Sourced<string>): string {
  if (!isAccountId(account.value)) {
    throw new UsageError(
      `the account ID from ${account.source} must be 32 hexadecimal characters, not ${quote(account.value)}`,
      {
        hint: 'the account ID is in the Cloudflare dashboard URL: dash.cloudflare.com/<account ID>',
      },
    );
  }
  return account.value;
}

export function validateClientId(id: string): string {
  if (id === '') throw new UsageError('the OAuth client ID is empty');
  // `.` and `..` would be resolved away by URL handling and address another path.
  if (id === '.' || id === '..') {
    throw new UsageError(`${quote(id)} is not an OAuth client ID`);
  }
  if (INVISIBLE_IN_ID.test(id)) {
    throw new UsageError(
      `the OAuth client ID ${quote(id)} contains whitespace, a control character or an invisible character`,
    );
  }
  return id;
}

export function validateCredential(credential: Credential): Credential {
  if (credential.scheme === 'token') {
    checkHeaderValue(credential.token, `the ${credential.source}`);
  } else {
    checkHeaderValue(credential.key, `the ${credential.source}`);
    checkHeaderValue(credential.email, `the email for the ${credential.source}`);
  }
  return credential;
}

/** `what` describes the value ("the API token from X"); the value itself is never shown. */
function checkHeaderValue(value: string, what: string): void {
  if (isHeaderSafe(value)) return;
  const problem =
    value === ''
      ? 'is empty'
      : CONTROL.test(value)
        ? 'contains a control character'
        : 'contains a character that is not printable ASCII';
  throw new UsageError(`${what} ${problem}`, {
    hint: 'copy it again; pasting often brings a stray line break or invisible character',
  });
}

export function validateBaseUrl(baseUrl: Sourced<string>): URL {
  const what = `the base URL from ${baseUrl.source}`;
  let url: URL;
  try {
    url = new URL(baseUrl.value);
  } catch {
    // Something@ may be a user name and password: do not echo those.
    const shown = baseUrl.value.includes('@') ? '' : `: ${quote(baseUrl.value)}`;
    throw new UsageError(`${what} is not a valid URL${shown}`);
  }
  // Checked before anything that shows the URL: a password in it must not be echoed.
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(`${what} must not contain a user name or password`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UsageError(`${what} must use https: (http: is allowed only for localhost)`, {
      hint: 'over http the API credential would cross the network in cleartext',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${what} must use https:, not ${quote(url.protocol)}`);
  }
  // The href keeps a bare `?` or `#` even when search and hash are empty.
  if (url.href.includes('?') || url.href.includes('#')) {
    throw new UsageError(`${what} must not contain a query (?) or fragment (#)`);
  }
  return url;
}

/** Hosts whose traffic never leaves the machine. The URL parser has already normalized them. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
