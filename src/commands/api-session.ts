import { createHttpClient, type HttpClient } from '../api/http.js';
import type { ApiOptions } from '../cli.js';
import { requireCredential, resolveSettings } from '../config/resolve.js';
import type { Credential } from '../config/settings.js';
import { validateAccountId, validateBaseUrl, validateCredential } from '../config/validate.js';
import type { Context } from '../context.js';
import type { Terminal } from '../output/terminal.js';
import { VERSION } from '../version.js';

export interface ApiSession {
  accountId: string;
  credential: Credential;
  http: HttpClient;
}

/**
 * Everything between parsed flags and a ready HTTP client: resolve settings from all sources,
 * show their warnings, validate every value. Throws a typed error before anything is sent.
 */
export async function openApiSession(
  options: ApiOptions,
  ctx: Context,
  term: Terminal,
): Promise<ApiSession> {
  const settings = await resolveSettings(
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
    { cwd: ctx.cwd, homedir: ctx.homedir },
  );
  for (const warning of settings.warnings) term.warn(warning);
  const baseUrl = validateBaseUrl(settings.baseUrl);
  const credential = validateCredential(requireCredential(settings));
  const accountId = validateAccountId(settings.accountId);
  term.trace(`credential: ${credential.source}`);
  term.trace(`account: ${accountId} (from ${settings.accountId?.source})`);
  term.trace(`base URL: ${baseUrl.href} (from ${settings.baseUrl.source})`);

  const http = createHttpClient({
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
  return { accountId, credential, http };
}
