/** Route parsing and the API operations, as pure functions of (request, caller, state). */
import type { Permission, Principal } from './auth.js';
import { checkCreate, checkUpdate, promotionProblem, withProtocolScopes } from './client-fields.js';
import { errors, type Reply, success } from './envelope.js';
import { isAccountId, type Store } from './store.js';
import type { Account } from './types.js';

export const API_BASE = '/client/v4';

export interface ApiRequest {
  method: string;
  /** Path after the API base, still percent-encoded, without query: quoted in errors. */
  path: string;
  /** Decoded path segments after the API base. */
  segments: string[];
  query: URLSearchParams;
  body: string;
}

export type ParsedTarget = Pick<ApiRequest, 'path' | 'segments' | 'query'>;

/**
 * Splits the raw target on '/' before decoding each segment, so an encoded slash (%2F) in an
 * id stays inside its segment. Returns undefined when no route can match.
 */
export function parseTarget(rawPath: string): ParsedTarget | undefined {
  const queryAt = rawPath.indexOf('?');
  const pathname = queryAt === -1 ? rawPath : rawPath.slice(0, queryAt);
  if (!pathname.startsWith(`${API_BASE}/`)) return undefined;
  const path = pathname.slice(API_BASE.length);
  const raw = path.slice(1).split('/');
  // A trailing slash names the collection, as on the real API: an empty client id sent as
  // `.../oauth_clients/` lists instead of addressing a client.
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const segments: string[] = [];
  for (const segment of raw) {
    const decoded = segment === '' ? undefined : decodeSegment(segment);
    if (decoded === undefined) return undefined;
    segments.push(decoded);
  }
  const query = new URLSearchParams(queryAt === -1 ? '' : rawPath.slice(queryAt + 1));
  return { path, segments, query };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** How the API pages the list of OAuth clients; see `EmulatorOptions.clientsPerPage`. */
export interface Paging {
  clientsPerPage: number;
}

export function dispatch(req: ApiRequest, caller: Principal, store: Store, paging: Paging): Reply {
  const [root, ...rest] = req.segments;
  if (root === 'accounts') return accountRoutes(req, rest, caller, store, paging);
  if (root === 'user') return userRoutes(req, rest, caller);
  return errors.noRoute(req.path);
}

type ClientOperation = 'list' | 'create' | 'get' | 'update' | 'delete' | 'rotate' | 'unrotate';

/** Method tables per path shape under /accounts/{account_id}/oauth_clients. */
const COLLECTION_OPS = new Map<string, ClientOperation>([
  ['GET', 'list'],
  ['POST', 'create'],
]);
const ITEM_OPS = new Map<string, ClientOperation>([
  ['GET', 'get'],
  ['DELETE', 'delete'],
  ['PATCH', 'update'],
]);
const ROTATE_OPS = new Map<string, ClientOperation>([
  ['POST', 'rotate'],
  ['DELETE', 'unrotate'],
]);

const REQUIRED_PERMISSION: Record<ClientOperation, Permission> = {
  list: 'read',
  get: 'read',
  create: 'write',
  update: 'write',
  delete: 'write',
  rotate: 'write',
  unrotate: 'write',
};

function accountRoutes(
  req: ApiRequest,
  rest: string[],
  caller: Principal,
  store: Store,
  paging: Paging,
): Reply {
  const [accountId, collection, clientId, action, ...extra] = rest;
  if (accountId === undefined) {
    return req.method === 'GET' ? listAccounts(req, caller, store) : errors.noRoute(req.path);
  }
  if (collection === undefined) {
    if (req.method !== 'GET') return errors.noRoute(req.path);
    return guardAccount(req, accountId, caller, store) ?? accountDetails(store, accountId);
  }
  if (collection === 'tokens' && clientId === 'verify' && action === undefined) {
    if (req.method !== 'GET') return errors.noRoute(req.path);
    return guardAccount(req, accountId, caller, store) ?? verifyToken(caller, 'account');
  }
  const op = clientOperation(req.method, collection, clientId, action, extra.length);
  if (op === undefined) return errors.noRoute(req.path);
  const refused = guardAccount(req, accountId, caller, store);
  if (refused) return refused;
  if (!caller.can(REQUIRED_PERMISSION[op])) return errors.forbidden();
  switch (op) {
    case 'list':
      return listClients(req, store, accountId, paging.clientsPerPage);
    case 'create':
      return createClient(store, accountId, req.body);
    case 'get':
      return getClient(store, accountId, clientId ?? '');
    case 'delete':
      return deleteClient(store, accountId, clientId ?? '');
    case 'update':
      return updateClient(store, accountId, clientId ?? '', req.body);
    case 'rotate':
      return rotateSecret(store, accountId, clientId ?? '');
    case 'unrotate':
      return revokePreviousSecret(store, accountId, clientId ?? '');
  }
}

function clientOperation(
  method: string,
  collection: string,
  clientId: string | undefined,
  action: string | undefined,
  extraSegments: number,
): ClientOperation | undefined {
  if (collection !== 'oauth_clients' || extraSegments > 0) return undefined;
  if (clientId === undefined) return COLLECTION_OPS.get(method);
  if (action === undefined) return ITEM_OPS.get(method);
  return action === 'rotate_secret' ? ROTATE_OPS.get(method) : undefined;
}

/** Malformed id → 400; an account the caller cannot see (or that does not exist) → 403. */
function guardAccount(
  req: ApiRequest,
  accountId: string,
  caller: Principal,
  store: Store,
): Reply | undefined {
  if (!isAccountId(accountId)) return errors.invalidObjectId(req.path);
  if (!caller.canAccess(accountId) || !store.hasAccount(accountId)) return errors.forbidden();
  return undefined;
}

function accountView(account: Account): object {
  return { id: account.id, name: account.name, type: 'standard' };
}

function accountDetails(store: Store, accountId: string): Reply {
  const account = store.listAccounts().find((a) => a.id === accountId);
  return account ? success(accountView(account)) : errors.forbidden();
}

/** Paginated like the real endpoint: per_page 5..50, default 20. */
function listAccounts(req: ApiRequest, caller: Principal, store: Store): Reply {
  const visible = store.listAccounts().filter((a) => caller.canAccess(a.id));
  return pagedList(req.query, visible.map(accountView), { perPage: 20, maxPerPage: 50 });
}

/**
 * Paged like Cloudflare's other lists (the OpenAPI slice declares no parameters, but its
 * `result_info` has the paged shape): `page` and `per_page` (5..100) are honoured, and the page
 * size without `per_page` is the emulator's `clientsPerPage` (default 100).
 */
function listClients(
  req: ApiRequest,
  store: Store,
  accountId: string,
  clientsPerPage: number,
): Reply {
  const clients = store.listClients(accountId);
  return pagedList(req.query, clients, { perPage: clientsPerPage, maxPerPage: 100 });
}

/** One page of `items` with Cloudflare's `result_info`. */
function pagedList(
  query: URLSearchParams,
  items: readonly unknown[],
  limits: { perPage: number; maxPerPage: number },
): Reply {
  const perPage = clamp(intParam(query, 'per_page', limits.perPage), 5, limits.maxPerPage);
  const page = Math.max(1, intParam(query, 'page', 1));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return success(slice, {
    result_info: {
      page,
      per_page: perPage,
      count: slice.length,
      total_count: items.length,
      total_pages: Math.ceil(items.length / perPage),
    },
  });
}

function getClient(store: Store, accountId: string, clientId: string): Reply {
  const client = store.getClient(accountId, clientId);
  return client ? success(client) : errors.clientNotFound();
}

function deleteClient(store: Store, accountId: string, clientId: string): Reply {
  return store.deleteClient(accountId, clientId)
    ? success({ id: clientId })
    : errors.clientNotFound();
}

/** POST: the body checked as the API checks it; the secret is returned this once. */
function createClient(store: Store, accountId: string, body: string): Reply {
  const checked = checkCreate(body);
  if (!checked.ok) return checked.reply;
  const { client, secret } = store.createClient(accountId, checked.fields);
  const stored = store.getClient(accountId, client.client_id);
  if (stored) Object.assign(stored, withProtocolScopes(stored));
  return success({ ...stored, client_secret: secret });
}

/** PATCH: only the fields given change; `visibility: public` promotes when the client qualifies. */
function updateClient(store: Store, accountId: string, clientId: string, body: string): Reply {
  const client = store.getClient(accountId, clientId);
  if (!client) return errors.clientNotFound();
  const checked = checkUpdate(body);
  if (!checked.ok) return checked.reply;
  const next = withProtocolScopes({ ...client, ...checked.fields });
  if (checked.fields.visibility === 'public' && client.visibility !== 'public') {
    const problem = promotionProblem(next);
    if (problem) return errors.invalidField(problem, 'visibility');
  }
  store.updateClient(client, { ...checked.fields, scopes: next.scopes });
  return success(client);
}

function rotateSecret(store: Store, accountId: string, clientId: string): Reply {
  const client = store.getClient(accountId, clientId);
  if (!client) return errors.clientNotFound();
  return success({ client_secret: store.rotateSecret(client) });
}

function revokePreviousSecret(store: Store, accountId: string, clientId: string): Reply {
  const client = store.getClient(accountId, clientId);
  if (!client) return errors.clientNotFound();
  return store.revokePreviousSecret(client) ? success({ id: clientId }) : errors.noRotatedSecret();
}

function userRoutes(req: ApiRequest, rest: string[], caller: Principal): Reply {
  if (req.method !== 'GET') return errors.noRoute(req.path);
  const route = rest.join('/');
  if (route === 'tokens/verify') return verifyToken(caller, 'user');
  if (route === '') {
    // Reading the user needs "User Details Read", which emulated tokens never have.
    if (caller.kind !== 'key') return errors.forbidden();
    return success({ id: caller.id, email: caller.email });
  }
  return errors.noRoute(req.path);
}

/**
 * /user/tokens/verify verifies user-owned tokens, /accounts/{id}/tokens/verify account-owned
 * ones; each answers 401 "Invalid API Token" for the other kind, as Cloudflare does.
 */
function verifyToken(caller: Principal, endpoint: 'user' | 'account'): Reply {
  // Only meaningful for API tokens; a Global API key has nothing to verify here.
  if (caller.kind !== 'token') return errors.invalidHeaders();
  if (caller.owner !== endpoint) return errors.invalidApiToken();
  return success({ id: caller.id, status: 'active' });
}

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const value = Number.parseInt(query.get(name) ?? '', 10);
  return Number.isFinite(value) ? value : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
