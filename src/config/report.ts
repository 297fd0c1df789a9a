/**
 * What `cf-oauth config` shows: every resolved setting with its source, secrets masked, the rc
 * files searched, warnings, and the problems that would stop a command, all without sending
 * anything.
 */

import { CliError } from '../errors.js';
import { displayPath } from './display-path.js';
import type { CredentialPart, Settings, Sourced } from './settings.js';
import { validateAccountId, validateBaseUrl, validateCredential } from './validate.js';

export interface ReportedSetting {
  /** The name in JSON output: account_id, api_token, api_key, email, base_url, profile. */
  key: string;
  /** The name in text output. */
  label: string;
  /** Undefined when not set; secrets are masked. */
  value: string | undefined;
  source: string | undefined;
}

export interface Problem {
  message: string;
  hint: string | undefined;
}

export interface SettingsReport {
  settings: ReportedSetting[];
  /** The rc file read (as shown to the user), if any. */
  rcFile: string | undefined;
  /** Every place an rc file was looked for, in order, up to the one found. */
  searched: string[];
  warnings: string[];
  /** What would stop every command with exit 2. */
  problems: Problem[];
}

/** Shorter secrets are masked whole: four characters of eight would give half of it away. */
const MIN_LENGTH_TO_SHOW_TAIL = 12;

/** `****7e5b`: enough to tell two secrets apart, never enough to use one. */
export function maskSecret(secret: string): string {
  return secret.length >= MIN_LENGTH_TO_SHOW_TAIL ? `****${secret.slice(-4)}` : '****';
}

const PART_KEYS: Record<CredentialPart['name'], string> = {
  'API token': 'api_token',
  'API key': 'api_key',
  email: 'email',
};

export function reportSettings(settings: Settings, homedir: string): SettingsReport {
  const credential: ReportedSetting[] = settings.credentialParts.map((part) => ({
    key: PART_KEYS[part.name],
    label: part.name,
    value: maskSecret(part.value),
    source: part.source,
  }));
  if (credential.length === 0) {
    credential.push({ key: 'api_token', label: 'API token', value: undefined, source: undefined });
  }
  return {
    settings: [
      setting('account_id', 'account ID', settings.accountId),
      ...credential,
      setting('base_url', 'base URL', settings.baseUrl),
      setting('profile', 'profile', settings.profile),
    ],
    rcFile: settings.rcFile && displayPath(settings.rcFile.path, homedir),
    searched: settings.searched.map((place) => displayPath(place, homedir)),
    warnings: [...settings.warnings, ...settings.unusedCredentials],
    problems: problemsOf(settings),
  };
}

function setting(key: string, label: string, value: Sourced<string> | undefined): ReportedSetting {
  return { key, label, value: value?.value, source: value?.source };
}

/** The checks every API command makes before sending, run for the report instead of thrown. */
function problemsOf(settings: Settings): Problem[] {
  const checks = [
    () => {
      if (settings.credentialProblem) throw settings.credentialProblem;
    },
    () => settings.credential && validateCredential(settings.credential),
    () => settings.accountId && validateAccountId(settings.accountId),
    () => validateBaseUrl(settings.baseUrl),
  ];
  const problems: Problem[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      const hint = error instanceof CliError ? error.hint : undefined;
      problems.push({ message: error instanceof Error ? error.message : String(error), hint });
    }
  }
  return problems;
}
