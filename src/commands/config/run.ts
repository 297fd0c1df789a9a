import type { ApiResponse, HttpClient } from '../../api/http.js';
import { getUser, verifyToken } from '../../api/user.js';
import { reportSettings } from '../../config/report.js';
import type { Credential, Settings } from '../../config/settings.js';
import { validateBaseUrl } from '../../config/validate.js';
import type { Context } from '../../context.js';
import { ApiError, AuthError, EXIT } from '../../errors.js';
import { failureDetails } from '../../outcome.js';
import {
  type CredentialCheck,
  configDocument,
  renderCheckPassed,
  renderSettingsReport,
} from '../../output/config-report.js';
import { renderJson } from '../../output/json.js';
import { quote } from '../../output/quote.js';
import type { Terminal } from '../../output/terminal.js';
import { renderFailureText } from '../../output/text.js';
import { runApiCommand } from '../../session/api-command.js';
import { createApiClient, resolveCommandSettings } from '../../session/api-session.js';
import type { ConfigOptions } from './definition.js';

const TOKEN_CHECK = 'GET /user/tokens/verify';
const KEY_CHECK = 'GET /user';

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
    if (options.check && check === undefined) {
      term.note('the credential was not checked: fix the errors above first');
    } else if (check?.ok) {
      term.out(renderCheckPassed(check, term.paintOut));
    } else if (check) {
      term.err(renderFailureText(check.failure, check.errors, term.paintErr));
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
  const [request, call] =
    credential.scheme === 'token' ? [TOKEN_CHECK, verifyToken] : [KEY_CHECK, getUser];
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
    const response = await term.spin(`Checking the ${credential.source}`, () => call(client));
    if (credential.scheme === 'token') assertActive(response, credential);
    return { ok: true, request, status: response.status, credential: credential.source };
  } catch (error) {
    const failure = failureDetails(error, { credentialSource: credential.source });
    if (failure.type === 'auth') {
      failure.hint ??= `check the ${credential.scheme === 'token' ? 'API token' : 'Global API key and its email'} at https://dash.cloudflare.com/profile/api-tokens`;
    }
    const errors = error instanceof ApiError ? error.errors : [];
    return { ok: false, request, errors, failure };
  } finally {
    http?.close();
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
