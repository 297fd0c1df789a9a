/** The accounts a credential can see. */

import { isAccountId } from '../config/validate.js';
import type { HttpClient } from './http.js';
import { isObject, readWholeList } from './paged-list.js';

export interface Account {
  id: string;
  name: string;
}

/** GET /accounts?per_page=50 (the largest page), every page: the accounts the credential can see. */
export function listAccounts(http: HttpClient): Promise<Account[]> {
  return readWholeList(http, {
    segments: ['accounts'],
    what: 'a list of accounts',
    perPage: 50,
    isItem: isAccount,
    keyOf: (account) => account.id,
  });
}

function isAccount(value: unknown): value is Account {
  if (!isObject(value)) return false;
  const { id, name } = value;
  return typeof id === 'string' && isAccountId(id) && typeof name === 'string';
}
