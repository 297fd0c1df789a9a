/** The API calls cf-oauth makes, one function per endpoint. Paths are built from segments so every ID is percent-encoded. */

import type { ApiResponse, HttpClient } from './http.js';

/** An OAuth client as the API returns it; fields this tool does not use are kept as they come. */
export interface OAuthClient {
  client_id: string;
  client_name?: string;
  visibility?: string;
  redirect_uris?: string[];
  scopes?: string[];
  grant_types?: string[];
  client_uri?: string;
  created_at?: string;
  updated_at?: string;
  [k: string]: unknown;
}

/** DELETE /accounts/{account_id}/oauth_clients/{oauth_client_id} */
export function deleteOAuthClient(
  http: HttpClient,
  accountId: string,
  clientId: string,
): Promise<ApiResponse<{ id: string } | null>> {
  return http.request('DELETE', ['accounts', accountId, 'oauth_clients', clientId]);
}

/** GET /accounts/{account_id}/oauth_clients/{oauth_client_id} */
export function getOAuthClient(
  http: HttpClient,
  accountId: string,
  clientId: string,
): Promise<ApiResponse<OAuthClient>> {
  return http.request('GET', ['accounts', accountId, 'oauth_clients', clientId]);
}

/** GET /accounts/{account_id}/oauth_clients — every client in one page (no pagination declared). */
export function listOAuthClients(
  http: HttpClient,
  accountId: string,
): Promise<ApiResponse<OAuthClient[]>> {
  return http.request('GET', ['accounts', accountId, 'oauth_clients']);
}
