/**
 * The API's `errors[]` and `messages[]` entries as cf-oauth shows them. Every byte in them comes
 * from the network: the JSON keeps their structure with secrets redacted, and the text lines
 * escape whatever a terminal would act on (ESC sequences, CR/LF that could forge an `error:`
 * line, bidi overrides) and render malformed entries as what they are.
 */

import type { ApiMessage } from '../errors.js';
import { escapeText } from '../output/quote.js';
import type { Redactor } from './redaction.js';

/** Codes that say the credential itself is wrong (not a missing permission). */
const BAD_CREDENTIAL_CODES: ReadonlySet<number> = new Set([
  6003, // invalid request headers (the chain says which: 6111 is the Authorization header)
  6111, // invalid format for the Authorization header
  9103, // unknown X-Auth-Key or X-Auth-Email
  9106, // missing X-Auth-Key, X-Auth-Email or Authorization headers
  9109, // invalid access token
]);

/**
 * Every string inside `value` redacted, the structure otherwise kept: what --json shows of the
 * API's `errors` and `messages`. Object keys are the API's too, so they are redacted as well.
 */
export function redactDeep(value: unknown, redact: Redactor): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key), redactDeep(item, redact)]),
    );
  }
  return value;
}

/** `errors[]` / `messages[]` redacted; anything that is not an array counts as empty. */
export function apiMessageList(value: unknown, redact: Redactor): ApiMessage[] {
  return Array.isArray(value) ? (redactDeep(value, redact) as ApiMessage[]) : [];
}

/**
 * "Invalid access token (code 9109)" for one entry, escaped to one line: `(no message)` when it
 * has none, the JSON of a message that is not a string, and the JSON of an entry that is not an
 * object at all.
 */
export function describeEntry(entry: unknown): string {
  if (!isRecord(entry)) return escapeText(JSON.stringify(entry) ?? String(entry));
  const message = entry.message;
  const text =
    typeof message === 'string'
      ? escapeText(message.trim())
      : message === undefined || message === null
        ? ''
        : escapeText(JSON.stringify(message));
  const shown = text === '' ? '(no message)' : text;
  if (entry.code === undefined) return shown;
  const code =
    typeof entry.code === 'number' ? String(entry.code) : escapeText(JSON.stringify(entry.code));
  return `${shown} (code ${code})`;
}

/** The entry's message text alone when it has one (for the headline), else undefined. */
export function headlineOf(entry: unknown): string | undefined {
  if (!isRecord(entry) || typeof entry.message !== 'string') return undefined;
  if (entry.message.trim() === '') return undefined;
  return describeEntry(entry);
}

/**
 * The text lines of entries, each nested `error_chain` entry two spaces deeper than its parent,
 * each `documentation_url` under its entry. `skip` leaves out a top-level line already shown.
 */
export function entryLines(entries: readonly unknown[], skip?: string): string[] {
  const lines: string[] = [];
  const walk = (entry: unknown, depth: number) => {
    const indent = '  '.repeat(depth);
    const line = describeEntry(entry);
    if (!(depth === 1 && line === skip)) lines.push(`${indent}${line}`);
    if (!isRecord(entry)) return;
    const url = entry.documentation_url;
    if (url !== undefined && url !== null && url !== '') {
      const shown = typeof url === 'string' ? escapeText(url) : escapeText(JSON.stringify(url));
      lines.push(`${indent}see ${shown}`);
    }
    if (Array.isArray(entry.error_chain)) {
      for (const cause of entry.error_chain) walk(cause, depth + 1);
    }
  };
  for (const entry of entries) walk(entry, 1);
  return lines;
}

/** The code and message of every entry and of every entry in their chains. */
function flattenEntries(entries: readonly unknown[]): { code: unknown; message: unknown }[] {
  const found: { code: unknown; message: unknown }[] = [];
  const walk = (entry: unknown) => {
    if (!isRecord(entry)) return;
    found.push({ code: entry.code, message: entry.message });
    if (Array.isArray(entry.error_chain)) entry.error_chain.forEach(walk);
  };
  entries.forEach(walk);
  return found;
}

/**
 * The API says the credential itself is invalid, expired or malformed (not that it lacks a
 * permission): 6003/6111/9103/9106/9109, or 1000/10000 whose message says "Invalid" (10000 alone
 * is also what a missing permission gets).
 */
export function rejectsCredential(entries: readonly unknown[]): boolean {
  return flattenEntries(entries).some(
    ({ code, message }) =>
      (typeof code === 'number' && BAD_CREDENTIAL_CODES.has(code)) ||
      ((code === 10000 || code === 1000) &&
        typeof message === 'string' &&
        /\binvalid\b/i.test(message)),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
