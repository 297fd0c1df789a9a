import type { ApiResponse, HttpClient } from '../../api/http.js';
import { getUser, type TokenStatus, verifyAccountToken, verifyToken } from '../../api/user.js';
import { reportSettings } from '../../config/report.js';
import type { Credential, Settings } from '../../config/settings.js';
import { isAccountId, validateBaseUrl } from '../../config/validate.js';
import type { Context } from '../../context.js';
import { ApiError, AuthError, EXIT } from '../../errors.js';
import { failureDetails } from '../../outcome.js';
import {
  type CredentialCheck,
  configDocument,
  renderCheckPassed,
  renderSettingsReport,
  type TokenKind,
} from '../../output/config-report.js';
import { renderJson } from '../../output/json.js';
import { quote } from '../../output/quote.js';
import type { Terminal } from '../../output/terminal.js';
import { runApiCommand } from '../../session/api-command.js';
import { createApiClient, resolveCommandSettings } from '../../session/api-session.js';
import type { ConfigOptions } from './definition.js';

const TOKEN_CHECK = 'GET /user/tokens/verify';
const KEY_CHECK = 'GET /user';
const DASHBOARD = 'https://dash.cloudflare.com/profile/api-tokens';

/**
 * `cf-oauth config [--check]`: the resolved settings and where each came from. Exits 2 when a
 * setting would stop every command; with --check, asks the API whether it accepts the credential
 * and exits as a failed request would (3 when it is rejected).
 */
export function run(options: ConfigOptions, ctx: Context): Promise<number> {
  // No session and no permission: an rc file that cannot be read leaves nothing to report but
  // the reason, and the credential check reports its own failure.
  return runApiCommand(options, ctx, undefined, (_openSession, term) =>
    showSettings(options, ctx, term),
  );
}

async function showSettings(options: ConfigOptions, ctx: Context, term: Terminal): Promise<number> {
  const settings = await resolveCommandSettings(options, ctx);
  const report = reportSettings(settings, ctx.homedir);
  const check =
    options.check && report.problems.length === 0 && settings.credential
      ? await checkCredential(settings.credential, settings, options, ctx, term)
      : undefined;

  if (term.json) {
    term.out(renderJson(configDocument(report, check)));
  } else {
    term.out(renderSettingsReport(report, term.paintOut));
    for (const problem of report.problems) term.actions?.error(problem.message, problem.hint);
    if (options.check && check === undefined) {
      term.note('the credential was not checked: fix the errors above first');
    } else if (check?.ok) {
      term.out(renderCheckPassed(check, term.paintOut));
    } else if (check) {
      term.err(term.failureText(check.failure, check.errors));
    }
  }
  if (report.problems.length > 0) return EXIT.usage;
  return check?.ok === false ? check.failure.exitCode : EXIT.ok;
}

/** Asks the API about the credential: tokens have a verify call, Global API keys only /user. */
async function checkCredential(
  credential: Credential,
  settings: Settings,
  options: ConfigOptions,
  ctx: Context,
  term: Terminal,
): Promise<CredentialCheck> {
  const accountId =
    settings.accountId && isAccountId(settings.accountId.value)
      ? settings.accountId.value
      : undefined;
  let request = credential.scheme === 'token' ? TOKEN_CHECK : KEY_CHECK;
  let http: HttpClient | undefined;
  try {
    const client = createApiClient(
      validateBaseUrl(settings.baseUrl),
      credential,
      options,
      ctx,
      term,
    );
    http = client;
    const spin = <T>(task: () => Promise<T>) =>
      term.spin(`Checking the ${credential.source}`, task);
    if (credential.scheme === 'key') {
      const response = await spin(() => getUser(client));
      return { ok: true, request, status: response.status, credential: credential.source };
    }
    const verified = await spin(() => verifyEitherOwner(client, accountId));
    request = verified.request;
    assertActive(verified.response, credential);
    return {
      ok: true,
      request,
      status: verified.response.status,
      credential: credential.source,
      token_kind: verified.kind,
    };
  } catch (error) {
    const failure = failureDetails(error, { credentialSource: credential.source });
    if (failure.type === 'auth') {
      const what = credential.scheme === 'token' ? 'API token' : 'Global API key and its email';
      const accountOwned =
        credential.scheme === 'token' && accountId === undefined && failure.status === 401
          ? '; an account-owned token is verified under its account: give it with --account'
          : '';
      failure.hint = [failure.hint, `check the ${what} at ${DASHBOARD}${accountOwned}`]
        .filter((part) => part !== undefined)
        .join('; ');
    }
    const errors = error instanceof ApiError ? error.errors : [];
    return { ok: false, request, errors, failure };
  } finally {
    http?.close();
  }
}

/**
 * `GET /user/tokens/verify` answers 401 for an account-owned token, which
 * `GET /accounts/{account_id}/tokens/verify` accepts: with a known account, that is asked next.
 * When both refuse, the user endpoint's answer is the one reported.
 */
async function verifyEitherOwner(
  client: HttpClient,
  accountId: string | undefined,
): Promise<{ response: ApiResponse<TokenStatus>; request: string; kind: TokenKind }> {
  try {
    return { response: await verifyToken(client), request: TOKEN_CHECK, kind: 'user-owned' };
  } catch (userRefusal) {
    if (!(userRefusal instanceof AuthError && userRefusal.status === 401) || !accountId) {
      throw userRefusal;
    }
    try {
      const response = await verifyAccountToken(client, accountId);
      const request = `GET /accounts/${accountId}/tokens/verify`;
      return { response, request, kind: 'account-owned' };
    } catch (accountRefusal) {
      throw accountRefusal instanceof AuthError ? userRefusal : accountRefusal;
    }
  }
}

/** A token the API knows can still be disabled or expired: that is a rejection too. */
function assertActive(response: ApiResponse<unknown>, credential: Credential): void {
  const status = (response.result as { status?: unknown } | null)?.status;
  if (status === 'active') return;
  const shown = typeof status === 'string' ? quote(status) : 'not reported';
  throw new AuthError(`the ${credential.source} is not active (its status is ${shown})`, {
    status: response.status,
    cfRay: response.cfRay,
  });
}
