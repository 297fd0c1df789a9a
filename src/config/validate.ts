/**
 * Checks on values before they reach a URL or an HTTP header. Each throws UsageError with a
 * message naming the value's source; secrets (token, key, email) are never shown.
 */

import { UsageError } from '../errors.js';
import { quote } from '../output/quote.js';
import type { Credential, Sourced } from './settings.js';

/** What the API accepts as an account or OAuth client ID, once upper case is lowered. */
const HEX_ID = /^[0-9a-f]{32}$/;
const ANY_CASE_HEX_ID = /^[0-9a-fA-F]{32}$/;

/** An ID written inside quotes, as `jq` without `-r` prints strings. */
const QUOTED = /^(["'`]).*\1$/su;

/** What U+FFFD stands for in text read as UTF-8: bytes that were not UTF-8. */
const REPLACEMENT_CHARACTER = '\ufffd';

/** Said whenever an ID came with quotes: the usual cause is `jq` without `-r`. */
export const QUOTES_HINT =
  "IDs are written without quotes; jq prints them so only with -r: cf-oauth list --json | jq -r '.[].client_id'";

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

/** 32 hexadecimal characters, in either case: an ID as an answer of the API may carry it. */
export function isAccountId(value: string): boolean {
  return ANY_CASE_HEX_ID.test(value);
}

/**
 * A given account ID, in lower case (the API refuses upper case with a 400); without one,
 * commands look the account up (src/commands/detect-account.ts).
 */
export function validateAccountId(account: Sourced<string>): string {
  const id = account.value.toLowerCase();
  if (HEX_ID.test(id)) return id;
  const quoted = QUOTED.test(account.value);
  throw new UsageError(
    `the account ID from ${account.source} must be 32 hexadecimal characters, not ${quote(account.value)}${quoted ? ' (it has quotes)' : ''}`,
    {
      hint: quoted
        ? 'write the account ID without quotes'
        : 'the account ID is in the Cloudflare dashboard URL: dash.cloudflare.com/<account ID>',
    },
  );
}

/**
 * An OAuth client ID as the API accepts it: 32 hexadecimal characters, returned in lower case.
 * Anything else is refused before it reaches a URL, with what is wrong with it; the value is
 * shown quoted and escaped (never a raw control character).
 */
export function validateClientId(id: string): string {
  const lower = id.toLowerCase();
  if (HEX_ID.test(lower)) return lower;
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
  if (QUOTED.test(id)) {
    throw new UsageError(`the OAuth client ID ${quote(id)} has quotes`, { hint: QUOTES_HINT });
  }
  throw new UsageError(
    `the OAuth client ID ${quote(id)} is not 32 hexadecimal characters (${notHexBecause(id)})`,
  );
}

/** Why a visible, unquoted value is not 32 hexadecimal characters. */
function notHexBecause(id: string): string {
  if (id.includes(REPLACEMENT_CHARACTER)) return 'it holds bytes that are not UTF-8 text';
  const stray = Array.from(id).find((char) => !/[0-9a-fA-F]/.test(char));
  if (stray !== undefined) return `${quote(stray)} is not a hexadecimal digit`;
  return `it has ${id.length}`;
}

/** The note for an ID given in upper case (`what`: "the OAuth client ID"), or undefined. */
export function lowerCaseNote(what: string, given: string, used: string): string | undefined {
  return given === used ? undefined : `note: ${what} ${given} is used in lower case: ${used}`;
}

export function validateCredential(credential: Credential): Credential {
  if (credential.scheme === 'token') {
    checkHeaderValue(credential.token, `the ${credential.source}`);
    // Cloudflare answers 400 (6003, "Invalid format for Authorization header") for these.
    if (/\s/.test(credential.token)) {
      throw new UsageError(`the ${credential.source} contains a space; an API token is one word`, {
        hint: 'copy the token again: only its value, without a name or a second word',
      });
    }
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
