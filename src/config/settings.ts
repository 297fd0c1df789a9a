/** The shape of resolved settings: every value remembers where it came from. */

export interface Sourced<T> {
  value: T;
  /** Human-readable origin: "--account", "CLOUDFLARE_ACCOUNT_ID", "~/.cfoauthrc, profile prod", "default". */
  source: string;
}

export type Credential =
  | { scheme: 'token'; token: string; source: string }
  | { scheme: 'key'; key: string; email: string; source: string };

/** Values given on the command line (already trimmed by nobody: resolveSettings trims). */
export interface SettingFlags {
  apiToken?: string | undefined;
  apiKey?: string | undefined;
  email?: string | undefined;
  account?: string | undefined;
  baseUrl?: string | undefined;
  config?: string | undefined;
  profile?: string | undefined;
}

/** One value of the chosen credential, for `cf-oauth config` (which masks it). */
export interface CredentialPart {
  name: 'API token' | 'API key' | 'email';
  value: string;
  source: string;
}

export interface RcFileInfo {
  path: string;
  profile: string | undefined;
}

export interface Settings {
  accountId: Sourced<string> | undefined;
  /** Undefined when no source supplies a usable credential; see `credentialProblem`. */
  credential: Credential | undefined;
  /** Why there is no credential (missing everywhere, key without email, ...), as the error to throw. */
  credentialProblem: Error | undefined;
  baseUrl: Sourced<string>;
  /** Where `delete` writes a backup of each client before deleting it (rc file); absolute. */
  backupDir: Sourced<string> | undefined;
  rcFile: RcFileInfo | undefined;
  /** The rc file profile in use and what chose it. */
  profile: Sourced<string> | undefined;
  /** The chosen credential's values (a key without its email too), each with its source. */
  credentialParts: CredentialPart[];
  /** Credential values that were found but lose to the chosen credential, one line each. */
  unusedCredentials: string[];
  /** rc files looked for, in search order (for `cf-oauth config`). */
  searched: string[];
  /** Things the user should fix but that do not stop the run (file permissions, ...). */
  warnings: string[];
}

export const DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4';
