/**
 * Settings resolution: flags beat the environment, which beats the rc file. Each value keeps
 * the name of its source so `cf-oauth config` and error messages can say where it came from.
 */

import path from 'node:path';
import { ConfigError } from '../errors.js';
import { quote } from '../output/quote.js';
import { findRcFile, type Place, type RcFile } from './rc-file.js';
import type { RcValues } from './rc-schema.js';
import {
  type Credential,
  type CredentialPart,
  DEFAULT_BASE_URL,
  type SettingFlags,
  type Settings,
  type Sourced,
} from './settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * One source of settings. The credential fields are read as a unit: a source that supplies a
 * token or key supplies the whole credential, never mixed with another source's email.
 */
interface Layer {
  token?: Sourced<string> | undefined;
  key?: Sourced<string> | undefined;
  email?: Sourced<string> | undefined;
  accountId?: Sourced<string> | undefined;
  baseUrl?: Sourced<string> | undefined;
  /** rc file only (absolute, relative to the file); `delete --backup` beats it. */
  backupDir?: Sourced<string> | undefined;
  /** What to tell the user when this source has an API key but no email. */
  emailFix: string;
}

export async function resolveSettings(
  flags: SettingFlags,
  env: Env,
  place: Place,
): Promise<Settings> {
  // Always looked for, even when flags and env supply everything, so its problems always show.
  const lookup = await findRcFile(clean(flags.config), env, place);
  const profile = chooseProfile(flags, env, lookup.file);
  const layers = [flagLayer(flags), envLayer(env), rcLayer(lookup.file, profile, place.homedir)];
  const warnings = [...lookup.warnings];
  const chosenLayer = layers.find((layer) => layer.token || layer.key);
  if (chosenLayer?.token) chosenLayer.token = tidyToken(chosenLayer.token, warnings);
  const { credential, problem } = chooseCredential(chosenLayer, layers);
  const parts = credentialParts(layers, chosenLayer, credential);
  const baseUrl = firstOf(layers, 'baseUrl');
  return {
    accountId: firstOf(layers, 'accountId'),
    backupDir: firstOf(layers, 'backupDir'),
    credential,
    credentialProblem: problem,
    baseUrl: baseUrl
      ? { value: baseUrl.value.replace(/\/+$/, ''), source: baseUrl.source }
      : { value: DEFAULT_BASE_URL, source: 'default' },
    rcFile: lookup.file && { path: lookup.file.path, profile: profile?.value },
    profile,
    credentialParts: parts.chosen,
    unusedCredentials: parts.unused,
    searched: lookup.searched,
    warnings,
  };
}

/**
 * Two common ways a token arrives wrapped: with the `Bearer ` prefix copied from a curl command,
 * and inside quotes kept by Docker's `--env-file` (which does not strip them). Both are removed
 * with a warning naming the source, since cf-oauth adds `Bearer ` itself and quotes are never
 * part of a token. Anything else odd (a space inside) is refused later, in validateCredential.
 */
function tidyToken(token: Sourced<string>, warnings: string[]): Sourced<string> {
  let value = token.value;
  let quoted = false;
  const unquote = () => {
    const inner = /^(["'])(.*)\1$/s.exec(value)?.[2];
    if (inner === undefined) return;
    value = inner.trim();
    quoted = true;
  };
  unquote();
  const bearer = /^Bearer\s+/i.exec(value);
  if (bearer) {
    value = value.slice(bearer[0].length);
    unquote();
  }
  if ((!quoted && !bearer) || value === '') return token;
  const what = [quoted ? 'is in quotes' : '', bearer ? 'starts with "Bearer "' : '']
    .filter((part) => part !== '')
    .join(' and ');
  warnings.push(
    `the API token from ${token.source} ${what}; cf-oauth uses the token without ` +
      `(it sends "Authorization: Bearer <token>" itself): fix ${token.source}`,
  );
  return { value, source: token.source };
}

/** The credential, or the ConfigError explaining why there is none. */
export function requireCredential(settings: Settings): Credential {
  if (settings.credential) return settings.credential;
  throw settings.credentialProblem ?? new ConfigError('no API credential found');
}

/** Trimmed; blank counts as unset. */
function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function sourced(value: string | undefined, source: string): Sourced<string> | undefined {
  const cleaned = clean(value);
  return cleaned === undefined ? undefined : { value: cleaned, source };
}

/** The first variable of `names` that is set, in order: official name first, then aliases. */
function fromEnv(env: Env, ...names: string[]): Sourced<string> | undefined {
  for (const name of names) {
    const found = sourced(env[name], name);
    if (found) return found;
  }
  return undefined;
}

function flagLayer(flags: SettingFlags): Layer {
  return {
    token: sourced(flags.apiToken, '--api-token'),
    key: sourced(flags.apiKey, '--api-key'),
    email: sourced(flags.email, '--email'),
    accountId: sourced(flags.account, '--account'),
    baseUrl: sourced(flags.baseUrl, '--base-url'),
    emailFix: 'pass --email',
  };
}

function envLayer(env: Env): Layer {
  return {
    // CF_* are flarectl's (and old wrangler's) names, accepted below the official ones.
    token: fromEnv(env, 'CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'),
    key: fromEnv(env, 'CLOUDFLARE_API_KEY', 'CF_API_KEY'),
    email: fromEnv(env, 'CLOUDFLARE_EMAIL', 'CF_API_EMAIL'),
    accountId: fromEnv(env, 'CLOUDFLARE_ACCOUNT_ID', 'CF_ACCOUNT_ID'),
    baseUrl: fromEnv(env, 'CLOUDFLARE_API_BASE_URL', 'CLOUDFLARE_BASE_URL'),
    emailFix: 'set CLOUDFLARE_EMAIL (or CF_API_EMAIL)',
  };
}

/** Profile name: --profile, then CF_OAUTH_PROFILE, then the rc file's defaultProfile. */
function chooseProfile(
  flags: SettingFlags,
  env: Env,
  file: RcFile | undefined,
): Sourced<string> | undefined {
  const requested =
    sourced(flags.profile, '--profile') ??
    fromEnv(env, 'CF_OAUTH_PROFILE') ??
    (file && sourced(file.contents.defaultProfile, `defaultProfile in ${file.shownPath}`));
  if (requested === undefined) return undefined;
  if (file === undefined) {
    throw new ConfigError(
      `profile ${quote(requested.value)} (from ${requested.source}) was requested but no rc file was found`,
      { hint: 'create ~/.cfoauthrc with a "profiles" section, or pass --config <file>' },
    );
  }
  if (!file.contents.profiles.has(requested.value)) {
    const names = [...file.contents.profiles.keys()].map((name) => quote(name, 40));
    const available =
      names.length > 0 ? `available: ${names.join(', ')}` : 'it defines no profiles';
    throw new ConfigError(
      `profile ${quote(requested.value)} (from ${requested.source}) is not in ${file.shownPath}; ${available}`,
    );
  }
  return requested;
}

/** The top level of the rc file, or one of its profiles. */
interface RcPart {
  values: RcValues;
  /** "~/.cfoauthrc" or "~/.cfoauthrc, profile prod". */
  source: string;
  /** Where in the file to add a missing email: "" (top level) or "profiles.prod in ". */
  emailPlace: string;
}

/**
 * The rc file as one layer: profile values override top-level ones, except the credential,
 * which comes whole from the profile when it has a token or key, else whole from the top level.
 */
function rcLayer(
  file: RcFile | undefined,
  profile: Sourced<string> | undefined,
  homedir: string,
): Layer {
  if (file === undefined) return { emailFix: '' };
  const top: RcPart = { values: file.contents.values, source: file.shownPath, emailPlace: '' };
  const profileValues = profile && file.contents.profiles.get(profile.value);
  const named: RcPart | undefined = profileValues && {
    values: profileValues,
    source: `${file.shownPath}, profile ${profile.value}`,
    emailPlace: `profiles.${profile.value} in `,
  };
  const credentialPart = named && hasCredential(named.values) ? named : top;
  const plainValue = (key: 'accountId' | 'baseUrl' | 'backupDir') =>
    (named && sourced(named.values[key], named.source)) ?? sourced(top.values[key], top.source);
  return {
    token: sourced(credentialPart.values.apiToken, credentialPart.source),
    key: sourced(credentialPart.values.apiKey, credentialPart.source),
    email: sourced(credentialPart.values.email, credentialPart.source),
    accountId: plainValue('accountId'),
    baseUrl: plainValue('baseUrl'),
    backupDir: absolute(homeExpanded(plainValue('backupDir'), homedir), path.dirname(file.path)),
    emailFix: `add "email" to ${credentialPart.emailPlace}${file.shownPath}`,
  };
}

function hasCredential(values: RcValues): boolean {
  return values.apiToken !== undefined || values.apiKey !== undefined;
}

/** `~/x` in a file means what it means in a shell. */
function homeExpanded(
  setting: Sourced<string> | undefined,
  homedir: string,
): Sourced<string> | undefined {
  if (!setting || !/^~(\/|$)/.test(setting.value)) return setting;
  return { ...setting, value: path.join(homedir, setting.value.slice(1)) };
}

/** A path setting made absolute against the place its source is relative to. */
function absolute(setting: Sourced<string> | undefined, base: string): Sourced<string> | undefined {
  return setting && { value: path.resolve(base, setting.value), source: setting.source };
}

function firstOf(
  layers: Layer[],
  key: 'accountId' | 'baseUrl' | 'backupDir',
): Sourced<string> | undefined {
  return layers.find((layer) => layer[key] !== undefined)?.[key];
}

/**
 * The credential comes whole from `layer`, the highest layer with a token or key; inside a layer
 * a token beats key+email. Problems are returned, not thrown: `cf-oauth config` shows them alongside
 * the rest of the settings.
 */
function chooseCredential(
  layer: Layer | undefined,
  layers: Layer[],
): { credential?: Credential; problem?: Error } {
  if (layer?.token) {
    const { value, source } = layer.token;
    return { credential: { scheme: 'token', token: value, source: `API token from ${source}` } };
  }
  if (layer?.key) {
    const { key, email } = layer;
    if (!email) {
      const ignored = layers.find((other) => other.email)?.email;
      return {
        problem: new ConfigError(`API key from ${key.source} has no email: ${layer.emailFix}`, {
          hint: ignored
            ? `the email from ${ignored.source} is not used: a credential is taken whole from one place`
            : undefined,
        }),
      };
    }
    return {
      credential: {
        scheme: 'key',
        key: key.value,
        email: email.value,
        source: keySource(key, email),
      },
    };
  }
  return { problem: noCredentialError(layers) };
}

const PART_NAMES = { token: 'API token', key: 'API key', email: 'email' } as const;

/**
 * Every credential value found, split into the chosen credential's parts and notes on the others:
 * a stray CLOUDFLARE_API_KEY beside a token is ignored, and `cf-oauth config` says so.
 */
function credentialParts(
  layers: Layer[],
  layer: Layer | undefined,
  credential: Credential | undefined,
): { chosen: CredentialPart[]; unused: string[] } {
  const chosenKinds = layer?.token ? ['token'] : ['key', 'email'];
  const chosen: CredentialPart[] = [];
  const unused: string[] = [];
  for (const candidate of layers) {
    for (const kind of ['token', 'key', 'email'] as const) {
      const found = candidate[kind];
      if (found === undefined) continue;
      const part = { name: PART_NAMES[kind], value: found.value, source: found.source };
      if (candidate === layer && chosenKinds.includes(kind)) chosen.push(part);
      else if (credential) {
        unused.push(
          `${part.name} from ${part.source} is not used: cf-oauth uses the ${credential.source}`,
        );
      }
    }
  }
  return { chosen, unused };
}

/** "API key from X", naming the email's variable too when it is from the other family. */
function keySource(key: Sourced<string>, email: Sourced<string>): string {
  const family = (source: string) => /^(CLOUDFLARE|CF)_/.exec(source)?.[1];
  const mixed = family(key.source) !== undefined && family(key.source) !== family(email.source);
  return `API key from ${key.source}${mixed ? `, email from ${email.source}` : ''}`;
}

function noCredentialError(layers: Layer[]): ConfigError {
  const email = layers.find((layer) => layer.email)?.email;
  const message = email
    ? `no API credential found: an email is set (from ${email.source}) but the API key is missing`
    : 'no API credential found';
  return new ConfigError(message, {
    hint:
      'pass --api-token, set CLOUDFLARE_API_TOKEN, or put "apiToken" in an rc file ' +
      '(~/.cfoauthrc, mode 600); a Global API key works too: --api-key with --email, ' +
      'or CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL',
  });
}
