import { createHttpClient, type HttpClient } from '../api/http.js';
import { requireCredential, resolveSettings } from '../config/resolve.js';
import type { Credential, Settings, Sourced } from '../config/settings.js';
import {
  lowerCaseNote,
  validateAccountId,
  validateBaseUrl,
  validateCredential,
} from '../config/validate.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { untilStopped } from '../interrupts.js';
import type { Terminal } from '../output/terminal.js';
import { VERSION } from '../version.js';
import { detectAccount } from './detect-account.js';
import type { ApiOptions } from './options.js';

export interface ApiSession {
  accountId: string;
  credential: Credential;
  http: HttpClient;
  /** `backupDir` from the rc file, for `delete` (whose --backup flag beats it). */
  backupDir?: Sourced<string> | undefined;
}

export interface SessionOptions {
  /** False when stdin is taken (the IDs of `--from-file -`): no account can be picked on it. */
  mayAsk?: boolean;
}

/**
 * Everything between parsed flags and a ready HTTP client: resolve settings from all sources,
 * show their warnings, validate every value. Throws a typed error before anything is sent.
 * Without an account from any source, asks the API which accounts the credential can see.
 */
export async function openApiSession(
  options: ApiOptions,
  ctx: Context,
  term: Terminal,
  { mayAsk = true }: SessionOptions = {},
): Promise<ApiSession> {
  const settings = await resolveCommandSettings(options, ctx);
  for (const warning of settings.warnings) term.warn(warning);
  const baseUrl = validateBaseUrl(settings.baseUrl);
  const credential = validateCredential(requireCredential(settings));
  const givenAccount = settings.accountId && validateAccountId(settings.accountId);
  if (givenAccount && settings.accountId) {
    const note = lowerCaseNote(
      `the account ID from ${settings.accountId.source}`,
      settings.accountId.value,
      givenAccount,
    );
    if (note) term.note(note);
  }
  term.trace(`credential: ${credential.source}`);
  for (const note of settings.unusedCredentials) term.trace(note);
  if (givenAccount) term.trace(`account: ${givenAccount} (from ${settings.accountId?.source})`);
  term.trace(`base URL: ${baseUrl.href} (from ${settings.baseUrl.source})`);

  const http = createApiClient(baseUrl, credential, options, ctx, term);
  const { backupDir } = settings;
  if (givenAccount) return { accountId: givenAccount, credential, http, backupDir };
  try {
    const accountId = await detectAccount(http, credential, ctx, term, mayAsk);
    term.trace(`account: ${accountId} (from GET /accounts)`);
    return { accountId, credential, http, backupDir };
  } catch (error) {
    http.close();
    // An answer refusing GET /accounts names the credential it refused, as any command's would.
    if (error instanceof ApiError && error.status !== null) {
      error.credentialSource ??= credential.source;
    }
    throw error;
  }
}

/** The command's settings flags, the environment and the rc file, resolved but not validated. */
export function resolveCommandSettings(options: ApiOptions, ctx: Context): Promise<Settings> {
  const settings = resolveSettings(
    {
      apiToken: options.apiToken,
      apiKey: options.apiKey,
      email: options.email,
      account: options.account,
      baseUrl: options.baseUrl,
      config: options.config,
      profile: options.profile,
    },
    ctx.env,
    { cwd: ctx.cwd, homedir: ctx.homedir, platform: ctx.platform },
  );
  // An rc file may be a FIFO or on a hung mount: a signal must still end the run.
  return untilStopped(settings, ctx.interrupts, 'reading the config file: nothing was sent');
}

/** An HTTP client for validated settings, with the command's timeout, retry and trace options. */
export function createApiClient(
  baseUrl: URL,
  credential: Credential,
  options: ApiOptions,
  ctx: Context,
  term: Terminal,
): HttpClient {
  return createHttpClient({
    baseUrl,
    credential,
    userAgent: `cf-oauth/${VERSION} node/${ctx.nodeVersion}`,
    timeoutMs: options.timeout * 1000,
    retries: options.retries,
    maxRetryWaitSeconds: options.maxRetryWait,
    clock: ctx.clock,
    interrupts: ctx.interrupts,
    env: ctx.env,
    ...(ctx.fetch === undefined ? {} : { fetch: ctx.fetch }),
    ...(term.tracing ? { trace: term.trace } : {}),
  });
}
