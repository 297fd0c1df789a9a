/**
 * `delete --match <glob>` and `--created-before <date|duration>`: which clients a selector
 * means. Both are intent that can be wrong, so they are strict: a glob knows only `*` (any run
 * of characters, none included) and `?` (exactly one character), case-sensitive, everything else
 * literal; a date is a calendar day or an ISO 8601 instant, a duration a whole number of hours,
 * days or weeks back from now, and neither may lie in the future. Given together, a client must
 * match both.
 */

import type { OAuthClient } from '../api/oauth-clients.js';
import { UsageError } from '../errors.js';
import { quote } from '../output/quote.js';

export interface Selector {
  /** The glob as given, for messages. */
  match?: string | undefined;
  /** Clients created strictly before this instant (ms since the epoch). */
  createdBefore?: number | undefined;
}

/**
 * A glob as an anchored RegExp. Hand-written rather than picomatch or minimatch: those give `*`
 * path semantics (it stops at `/`), brace and extglob syntax, and options to get wrong; a name is
 * not a path, and two wildcards are all a name needs. The `u` flag makes `?` one code point.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else source += char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 with a time and an explicit zone: without one, whose midnight would it be? */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^(\d{1,6})([hdw])$/;
const HOUR_MS = 3_600_000;
const UNIT_MS: Record<string, number> = { h: HOUR_MS, d: 24 * HOUR_MS, w: 7 * 24 * HOUR_MS };
/** Longer ago than any OAuth client can be. */
const MAX_AGO_MS = 100 * 366 * 24 * HOUR_MS;

const CREATED_BEFORE_HINT =
  'a date (2026-01-01, 2026-01-01T12:00:00Z) or how long ago (12h, 7d, 2w)';

/** The instant `--created-before` names, `now` being the injected clock's time. */
export function parseCreatedBefore(value: string, now: number): number {
  const refuse = (why: string) =>
    new UsageError(`--created-before ${quote(value, 40)} ${why}`, { hint: CREATED_BEFORE_HINT });
  const duration = DURATION.exec(value);
  if (duration) {
    const ago = Number(duration[1]) * (UNIT_MS[duration[2] as string] as number);
    if (ago === 0) throw refuse('is now: it would match every client');
    if (ago > MAX_AGO_MS) throw refuse('is more than 100 years ago');
    return now - ago;
  }
  // Date.UTC and Date.parse both roll 2026-02-30 over to March: a day that does not exist is a typo.
  if ((DAY.test(value) || INSTANT.test(value)) && !isCalendarDay(value.slice(0, 10))) {
    throw refuse('is not a calendar date');
  }
  let instant: number;
  if (DAY.test(value)) instant = Date.parse(`${value}T00:00:00Z`);
  else if (INSTANT.test(value)) instant = Date.parse(value);
  else throw refuse('is neither a date nor a duration');
  if (Number.isNaN(instant)) throw refuse('is not a valid date and time');
  if (instant > now) throw refuse('is in the future: it would match every client');
  return instant;
}

function isCalendarDay(day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const back = new Date(Date.UTC(year, month - 1, date));
  return (
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === date
  );
}

export function validateGlob(glob: string): string {
  if (glob === '') throw new UsageError('--match is empty', { hint: 'e.g. --match "preview-*"' });
  if (/\p{Cc}/u.test(glob)) {
    throw new UsageError(`--match ${quote(glob, 40)} contains control characters`);
  }
  return glob;
}

/**
 * The clients the selector matches, in the API's order. A client without a name never matches
 * `--match`; one without a readable `created_at` never matches `--created-before`: what cannot
 * be checked is not deleted.
 */
export function selectClients(clients: readonly OAuthClient[], selector: Selector): OAuthClient[] {
  const pattern = selector.match === undefined ? undefined : globToRegExp(selector.match);
  const before = selector.createdBefore;
  return clients.filter((client) => {
    if (pattern && !(typeof client.client_name === 'string' && pattern.test(client.client_name))) {
      return false;
    }
    if (before !== undefined) {
      const created = typeof client.created_at === 'string' ? Date.parse(client.created_at) : NaN;
      if (!(created < before)) return false;
    }
    return true;
  });
}
