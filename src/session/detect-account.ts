/**
 * Finding the account when no flag, variable or rc file names one, as wrangler does: the only
 * account the credential can see is used (and the user told so); with several, a person at a
 * terminal picks one and a script is stopped, since guessing could touch the wrong account.
 */

import { type Account, listAccounts } from '../api/accounts.js';
import type { HttpClient } from '../api/http.js';
import type { Credential } from '../config/settings.js';
import { ACCOUNT_HINT } from '../config/validate.js';
import type { Context } from '../context.js';
import { AuthError, CancelledError, UsageError } from '../errors.js';
import { canPrompt, choose } from '../output/prompt.js';
import { quote } from '../output/quote.js';
import type { Terminal } from '../output/terminal.js';

export async function detectAccount(
  http: HttpClient,
  credential: Credential,
  ctx: Context,
  term: Terminal,
  /** False when stdin is taken for something else: a person cannot pick on it. */
  mayAsk: boolean,
): Promise<string> {
  const accounts = await lookUpAccounts(http, credential, term);
  const holder = credential.scheme === 'token' ? 'this token' : 'this API key';
  const [only] = accounts;
  if (only === undefined) {
    throw new AuthError(`the ${credential.source} can see no account`, {
      status: null,
      hint: `check which accounts the credential may use in the Cloudflare dashboard, or ${ACCOUNT_HINT}`,
    });
  }
  if (accounts.length === 1) {
    term.note(`using account ${describe(only)} — the only one ${holder} can see`);
    return only.id;
  }

  const summary = `${holder} can see ${accounts.length} accounts`;
  if (!mayAsk || !canPrompt(ctx)) {
    const list = accounts.map((account) => `\n  ${quote(account.name)}: ${account.id}`).join('');
    throw new UsageError(`${summary}; say which one to use:${list}`, { hint: ACCOUNT_HINT });
  }
  const entries = accounts.map((account) => `${quote(account.name)} ${account.id}`);
  const heading = `${summary.charAt(0).toUpperCase()}${summary.slice(1)}. Which one?`;
  const index = await choose(ctx, heading, entries);
  const chosen = index === undefined ? undefined : accounts[index];
  if (chosen === undefined) throw new CancelledError('no account chosen', { hint: ACCOUNT_HINT });
  term.note(`using account ${describe(chosen)}`);
  return chosen.id;
}

/** `"Acme" (023e…)`: enough to recognise the account; --verbose traces the full ID. */
function describe(account: Account): string {
  return `${quote(account.name)} (${account.id.slice(0, 4)}…)`;
}

/** GET /accounts; an auth failure says why that call was made and how to avoid it. */
async function lookUpAccounts(
  http: HttpClient,
  credential: Credential,
  term: Terminal,
): Promise<Account[]> {
  try {
    return await term.spin('Looking up your accounts', () => listAccounts(http));
  } catch (error) {
    // A token the API calls invalid gets that said (failureDetails), not how to skip this call.
    if (!(error instanceof AuthError) || error.credentialRejected) throw error;
    throw new AuthError(error.message, {
      status: error.status,
      errors: error.errors,
      messages: error.messages,
      cfRay: error.cfRay,
      attempts: error.attempts,
      hint: `no account was given, so cf-oauth asked which accounts the ${credential.source} can see (GET /accounts); ${ACCOUNT_HINT}`,
    });
  }
}
