/** Credential checks: exactly one scheme, then a known token or key pair. */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { errors, type Reply } from './envelope.js';
import type { GlobalKey, TokenGrant } from './types.js';

export type Permission = 'read' | 'write';

/** Who is calling, and what they may touch. */
export interface Principal {
  kind: 'token' | 'key';
  /** Who owns a token; undefined for a Global API key. */
  owner?: 'user' | 'account';
  /** Rate-limit bucket: the real API counts per token or per user. */
  bucket: string;
  /** Token id for /user/tokens/verify, user id for /user. */
  id: string;
  email?: string;
  canAccess(accountId: string): boolean;
  can(permission: Permission): boolean;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reply: Reply };

/**
 * What Cloudflare accepts as a bearer credential: one word without quotes. `Bearer "…"` (quotes
 * kept from an env file), `Bearer Bearer …` or a token with a space get 6003 with 6111 chained.
 */
const BEARER = /^Bearer ([^\s"']+)$/;

export class Credentials {
  private readonly tokens: Map<string, Principal>;
  private readonly keys: Map<string, Principal>;

  constructor(tokens: Record<string, TokenGrant>, keys: GlobalKey[]) {
    this.tokens = new Map(Object.entries(tokens).map(([t, g]) => [t, tokenPrincipal(t, g)]));
    this.keys = new Map(keys.map((k) => [keyIndex(k.email, k.key), keyPrincipal(k)]));
  }

  authenticate(headers: IncomingHttpHeaders): AuthResult {
    const authorization = headers.authorization;
    const key = single(headers['x-auth-key']);
    const email = single(headers['x-auth-email']);
    const legacy = key !== undefined || email !== undefined;
    // Sending both schemes is rejected so tests prove the CLI picks exactly one.
    if (authorization !== undefined && legacy) return { ok: false, reply: errors.invalidHeaders() };
    if (authorization !== undefined) return this.byToken(authorization);
    if (key === undefined && email === undefined) return { ok: false, reply: errors.missingAuth() };
    if (email === undefined) return { ok: false, reply: errors.missingEmail() };
    if (key === undefined) return { ok: false, reply: errors.missingKey() };
    const principal = this.keys.get(keyIndex(email, key));
    return principal ? { ok: true, principal } : { ok: false, reply: errors.unknownKey() };
  }

  private byToken(authorization: string): AuthResult {
    const token = BEARER.exec(authorization)?.[1];
    if (token === undefined) return { ok: false, reply: errors.malformedAuthorization() };
    const principal = this.tokens.get(token);
    return principal ? { ok: true, principal } : { ok: false, reply: errors.invalidToken() };
  }
}

function tokenPrincipal(token: string, grant: TokenGrant): Principal {
  const permissions = new Set(grant.permissions);
  return {
    kind: 'token',
    owner: grant.owner ?? 'user',
    bucket: `token:${token}`,
    id: hex32(`token:${token}`),
    canAccess: accountFilter(grant.accounts),
    // OAuth Client Write implies read, as Cloudflare's edit permission groups do.
    can: (p) => permissions.has(p) || permissions.has('write'),
  };
}

function keyPrincipal(k: GlobalKey): Principal {
  return {
    kind: 'key',
    bucket: `key:${k.email.toLowerCase()}`,
    id: hex32(`user:${k.email.toLowerCase()}`),
    email: k.email,
    canAccess: accountFilter(k.accounts),
    can: () => true,
  };
}

function accountFilter(accounts: string[] | '*'): (accountId: string) => boolean {
  if (accounts === '*') return () => true;
  const allowed = new Set(accounts);
  return (accountId) => allowed.has(accountId);
}

/** Emails are case-insensitive; keys are not. */
function keyIndex(email: string, key: string): string {
  return `${email.toLowerCase()}\n${key}`;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function hex32(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}
