/** The API calls cf-oauth makes, one function per endpoint. Paths are built from segments so every ID is percent-encoded. */

import type { ApiResponse, HttpClient, RequestOptions } from './http.js';
import { isObject, type ListRequest, readWholeList } from './paged-list.js';

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

/** What create returns: the client and, this once, its secret. */
export interface CreatedOAuthClient extends OAuthClient {
  client_secret?: string;
}

/** The fields of a create or update body (the API's names); see src/clients/fields.ts. */
export type ClientFields = Record<string, string | string[]>;

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
export function listOAuthClients(
  http: HttpClient,
  accountId: string,
  options: Pick<ListRequest<OAuthClient>, 'onPage' | 'requestOptions'> = {},
): Promise<OAuthClient[]> {
  return readWholeList(http, {
    ...options,
    segments: ['accounts', accountId, 'oauth_clients'],
    what: 'a list of OAuth clients',
    isItem: isOAuthClient,
    keyOf: (client) => client.client_id,
  });
}

function isOAuthClient(value: unknown): value is OAuthClient {
  return isObject(value) && typeof value.client_id === 'string';
}

/** POST /accounts/{account_id}/oauth_clients — never repeated once it may have reached the API. */
export function createOAuthClient(
  http: HttpClient,
  accountId: string,
  fields: ClientFields,
): Promise<ApiResponse<CreatedOAuthClient>> {
  return http.request('POST', ['accounts', accountId, 'oauth_clients'], { body: fields });
}

/** PATCH /accounts/{account_id}/oauth_clients/{oauth_client_id} — only the fields to change. */
export function updateOAuthClient(
  http: HttpClient,
  accountId: string,
  clientId: string,
  fields: ClientFields,
): Promise<ApiResponse<OAuthClient>> {
  return http.request('PATCH', ['accounts', accountId, 'oauth_clients', clientId], {
    body: fields,
  });
}

/** POST .../{oauth_client_id}/rotate_secret — a new secret; the old one works until finished. */
export function rotateOAuthClientSecret(
  http: HttpClient,
  accountId: string,
  clientId: string,
  options?: RequestOptions,
): Promise<ApiResponse<{ client_secret?: string } | null>> {
  const segments = ['accounts', accountId, 'oauth_clients', clientId, 'rotate_secret'];
  return http.request('POST', segments, options);
}

/** DELETE .../{oauth_client_id}/rotate_secret — revokes the secret a rotation replaced. */
export function finishSecretRotation(
  http: HttpClient,
  accountId: string,
  clientId: string,
  options?: RequestOptions,
): Promise<ApiResponse<{ id: string } | null>> {
  const segments = ['accounts', accountId, 'oauth_clients', clientId, 'rotate_secret'];
  return http.request('DELETE', segments, options);
}
