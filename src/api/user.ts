/** The calls `cf-oauth config --check` makes to learn whether the API accepts a credential. */

import type { ApiResponse, HttpClient } from './http.js';

/** What the API says about an API token; `status` is "active" for a usable one. */
export interface TokenStatus {
  id?: string;
  status?: string;
  expires_on?: string;
  [k: string]: unknown;
}

/** GET /user/tokens/verify — answers for user-owned API tokens only (401 for account-owned ones). */
export function verifyToken(http: HttpClient): Promise<ApiResponse<TokenStatus>> {
  return http.request('GET', ['user', 'tokens', 'verify']);
}

/** GET /accounts/{account_id}/tokens/verify — how an account-owned API token is verified. */
export function verifyAccountToken(
  http: HttpClient,
  accountId: string,
): Promise<ApiResponse<TokenStatus>> {
  return http.request('GET', ['accounts', accountId, 'tokens', 'verify']);
}

/** GET /user — the Global API key's user; how a key is checked. */
export function getUser(http: HttpClient): Promise<ApiResponse<Record<string, unknown>>> {
  return http.request('GET', ['user']);
}
