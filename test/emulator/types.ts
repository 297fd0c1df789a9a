/** Public data types of the Cloudflare API emulator (re-exported by server.ts). */

/** An `iam_oauth_client` as the API returns it. */
export interface OAuthClient {
  client_id: string;
  client_name: string;
  visibility: 'public' | 'private';
  redirect_uris: string[];
  scopes: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: string;
  client_uri?: string;
  created_at: string;
  updated_at: string;
  allowed_cors_origins?: string[];
  logo_uri?: string;
  policy_uri?: string;
  tos_uri?: string;
  post_logout_redirect_uris?: string[];
  has_rotated_secret?: boolean;
  promoted_at?: string;
  client_uri_verification?: { status?: string; text?: string };
}

export interface Account {
  id: string;
  name: string;
}

/** What an API token may do. 'write' is OAuth Client Write and implies read. */
export interface TokenGrant {
  accounts: string[] | '*';
  permissions: Array<'read' | 'write'>;
  /**
   * Who owns the token (default 'user'). An account-owned token is refused by
   * GET /user/tokens/verify (401, code 1000) and verified by GET /accounts/{id}/tokens/verify.
   */
  owner?: 'user' | 'account';
}

export interface GlobalKey {
  email: string;
  key: string;
  accounts: string[] | '*';
}

export interface RateLimitOptions {
  quota: number;
  windowSeconds: number;
  /** How long a credential stays blocked after exceeding the quota; defaults to windowSeconds. */
  blockSeconds?: number;
  /**
   * `fixed` (the default): a window opens with the first request after the previous one ended
   * and resets whole. `sliding`: each request leaves the budget `windowSeconds` after it was
   * counted. Cloudflare does not say which kind it runs; the client must hold up under both.
   */
  window?: RateWindow;
}

export type RateWindow = 'fixed' | 'sliding';

export interface EmulatorOptions {
  /** API tokens, sent as `Authorization: Bearer <token>`. */
  tokens?: Record<string, TokenGrant>;
  /** Global API keys (X-Auth-Email + X-Auth-Key), with full permissions on their accounts. */
  keys?: GlobalKey[];
  accounts?: Account[];
  /** Defaults to the real API's 1200 requests per 300 s, blocking for the window. */
  rateLimit?: RateLimitOptions;
  /**
   * Page size of `GET /accounts/{id}/oauth_clients` when the request names no `per_page`
   * (default 100). `page` and `per_page` (5..100) are honoured, and every page carries
   * `result_info` with `total_count` and `total_pages`. `GET /accounts` pages by 20 (up to 50).
   */
  clientsPerPage?: number;
  /** Serve HTTPS with this key and certificate (see pki.ts) instead of plain HTTP. */
  tls?: { key: string; cert: string };
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Prefix of every generated client secret (default `cfsecret_`), so tests can spot one. */
  secretPrefix?: string;
  /** Clock in epoch ms, injectable so rate-limit tests need not sleep. Defaults to Date.now. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  /** The request target exactly as received, query string included. */
  rawPath: string;
  /** Lower-cased header names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Milliseconds since the emulator started. */
  at: number;
  /** The status answered, once the answer is sent; never set for a hung or reset request. */
  status?: number;
  /** The request body of a POST or PATCH that reached the API (not one answered by a fault). */
  body?: string;
}

export interface Fault {
  /** Default: any request. `method` is compared case-insensitively, `pathIncludes` on rawPath. */
  match?: { method?: string; pathIncludes?: string };
  /** How many matching requests the fault applies to (default 1). */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  /** Custom body: a string is sent as-is, an object as JSON. */
  body?: string | object;
  /** Answer with a Cloudflare-edge HTML error page (status default 502; 520-526 as the edge). */
  html?: boolean;
  /** Answer as the edge does when bot or WAF protection challenges: 403, cf-mitigated, HTML. */
  challenge?: boolean;
  /** Wait before answering, then answer normally or as the other fields say. */
  delayMs?: number;
  /** Never answer, until the client gives up or the emulator closes. */
  hang?: boolean;
  /** Destroy the socket (TCP RST) without answering. */
  reset?: boolean;
  /** Perform the real operation, then reset the socket: the client cannot know the outcome. */
  applyThenReset?: boolean;
  /**
   * Perform the real operation and, when it succeeds, answer this status with no body and no
   * content type (a DELETE answered `204 No Content`, or `200` with an empty body).
   */
  answerEmpty?: 200 | 204;
  /** Perform the real operation, then never answer (until the client gives up or close()). */
  applyThenHang?: boolean;
}

export interface DeletedClient {
  accountId: string;
  clientId: string;
  /** Milliseconds since the emulator started. */
  at: number;
}

export interface Emulator {
  /** API base URL, e.g. http://127.0.0.1:43123/client/v4 */
  url: string;
  /** Every request seen, in arrival order, including unauthenticated and faulted ones. */
  requests: RecordedRequest[];
  addAccount(a: Account): void;
  /** Generates a 32-hex client_id unless one is given. */
  addClient(accountId: string, fields?: Partial<OAuthClient>): OAuthClient;
  /** Current clients of an account (copies). */
  clients(accountId: string): OAuthClient[];
  /** The secrets that work for a client created or rotated through the API, if any. */
  secretsOf(clientId: string): { current: string; previous?: string | undefined } | undefined;
  /** What the server really deleted, in order. */
  deleted: DeletedClient[];
  /** Queue a fault; the first queued fault matching a request is applied to it. */
  fault(f: Fault): void;
  clearFaults(): void;
  /** Closes the server and every socket, hung ones included. */
  close(): Promise<void>;
}
