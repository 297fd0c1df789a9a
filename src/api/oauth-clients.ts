/** The API calls cf-oauth makes, one function per endpoint. Paths are built from segments so every ID is percent-encoded. */

import type { ApiResponse, HttpClient } from './http.js';
import { readWholeList } from './paged-list.js';

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

/**
 * GET /accounts/{account_id}/oauth_clients, every page. The API declares no paging parameters,
 * so the first request is sent without any; `result_info` says whether more pages follow.
 */
export function listOAuthClients(http: HttpClient, accountId: string): Promise<OAuthClient[]> {
  return readWholeList(http, {
    segments: ['accounts', accountId, 'oauth_clients'],
    what: 'a list of OAuth clients',
    isItem: isOAuthClient,
    keyOf: (client) => client.client_id,
  });
}

function isOAuthClient(value: unknown): value is OAuthClient {
  return isObject(value) && typeof value.client_id === 'string';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
