/** The accounts a credential can see. */

import type { ApiResponse, HttpClient } from './http.js';

export interface Account {
  id: string;
  name: string;
}

/** GET /accounts — to find the account when the credential can see exactly one. */
export function listAccounts(
  http: HttpClient,
): Promise<ApiResponse<Array<{ id: string; name: string }>>> {
  return http.request('GET', ['accounts']);
}
