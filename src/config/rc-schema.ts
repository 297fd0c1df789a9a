/**
 * The shape of an rc file, checked by hand: a handful of keys does not justify a schema library,
 * and hand-written checks let every message name the file and the exact key path.
 */

import { ConfigError } from '../errors.js';
import { quote } from '../output/quote.js';

/** The settings an rc file (or one of its profiles) may set. Blank strings are left out. */
export interface RcValues {
  accountId?: string;
  apiToken?: string;
  apiKey?: string;
  email?: string;
  baseUrl?: string;
  /** `delete --backup` directory; relative to the rc file's directory. */
  backupDir?: string;
}

export interface RcContents {
  values: RcValues;
  /** Profile name → its values. A Map, so names like `__proto__` are plain data. */
  profiles: Map<string, RcValues>;
  defaultProfile: string | undefined;
}

const VALUE_KEYS = ['accountId', 'apiToken', 'apiKey', 'email', 'baseUrl', 'backupDir'] as const;
const TOP_LEVEL_KEYS = [...VALUE_KEYS, 'profiles', 'defaultProfile'] as const;

/**
 * Checks parsed file content. Throws ConfigError naming `shownPath` and the key path for a
 * wrong type; pushes a warning onto `warnings` for each unknown key (likely a typo).
 */
export function readRcContents(parsed: unknown, shownPath: string, warnings: string[]): RcContents {
  // An empty file (or a YAML file holding only comments or `~`) sets nothing.
  if (parsed === undefined || parsed === null) {
    return { values: {}, profiles: new Map(), defaultProfile: undefined };
  }
  if (!isPlainObject(parsed)) {
    throw new ConfigError(`${shownPath}: the top level must be an object (key: value pairs)`);
  }
  const problems = { shownPath, warnings };
  warnUnknownKeys(parsed, TOP_LEVEL_KEYS, '', problems);
  return {
    values: readValues(parsed, '', problems),
    profiles: readProfiles(parsed.profiles, problems),
    defaultProfile: readString(parsed, 'defaultProfile', '', problems),
  };
}

/** True when the file sets an API token or key anywhere: it then deserves owner-only access. */
export function holdsSecret(contents: RcContents): boolean {
  const all = [contents.values, ...contents.profiles.values()];
  return all.some((values) => values.apiToken !== undefined || values.apiKey !== undefined);
}

interface Problems {
  shownPath: string;
  warnings: string[];
}

function readProfiles(raw: unknown, problems: Problems): Map<string, RcValues> {
  const profiles = new Map<string, RcValues>();
  if (raw === undefined || raw === null) return profiles;
  if (!isPlainObject(raw)) {
    throw new ConfigError(
      `${problems.shownPath}: profiles must be an object mapping profile names to settings`,
    );
  }
  for (const [name, entry] of Object.entries(raw)) {
    const prefix = `profiles${keySegment(name)}`;
    // `prod:` with nothing under it in YAML is null: an empty profile, like a blank value.
    if (entry === null) {
      profiles.set(name, {});
      continue;
    }
    if (!isPlainObject(entry)) {
      throw new ConfigError(`${problems.shownPath}: ${prefix} must be an object`);
    }
    warnUnknownKeys(entry, VALUE_KEYS, prefix, problems);
    profiles.set(name, readValues(entry, prefix, problems));
  }
  return profiles;
}

function readValues(raw: Record<string, unknown>, prefix: string, problems: Problems): RcValues {
  const values: RcValues = {};
  for (const key of VALUE_KEYS) {
    const value = readString(raw, key, prefix, problems);
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** The trimmed string at `raw[key]`; undefined when absent, null or blank. */
function readString(
  raw: Record<string, unknown>,
  key: string,
  prefix: string,
  problems: Problems,
): string | undefined {
  if (!Object.hasOwn(raw, key)) return undefined;
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    // Never show the value: it may be a secret that YAML read as a number.
    throw new ConfigError(
      `${problems.shownPath}: ${prefix ? `${prefix}.` : ''}${key} must be a string, not ${describeType(value)}`,
      { hint: typeof value === 'number' ? 'put the value in quotes' : undefined },
    );
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function warnUnknownKeys(
  raw: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
  problems: Problems,
): void {
  for (const key of Object.keys(raw)) {
    if (known.includes(key)) continue;
    const suggestion = closestKey(key, known);
    const path = prefix + (prefix ? keySegment(key) : keySegment(key).replace(/^\./, ''));
    problems.warnings.push(
      `${problems.shownPath}: unknown key ${path} ignored` +
        (suggestion ? ` (did you mean ${suggestion}?)` : ''),
    );
  }
}

/** `.name` for plain names, `["odd name"]` otherwise, so the path is unambiguous. */
function keySegment(name: string): string {
  if (/^[A-Za-z_$][\w$-]{0,39}$/.test(name)) return `.${name}`;
  return `[${quote(name, 40)}]`;
}

/** A known key within three edits of `key` (case-insensitively), to catch typos. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= 3 && (best === undefined || distance < best.distance))
      best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
