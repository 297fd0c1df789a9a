/**
 * The account and file of the plan benchmark: 1,000 live clients and a 1,000-entry file that
 * keeps 800 of them (half changed, pinned by client_id or found by name), creates 200 and, with
 * --prune, deletes the other 200. Deterministic, so every run diffs the same thing.
 */
import type { OAuthClient } from '../src/api/oauth-clients.js';

export const PLAN_SIZE = 1_000;

function hexId(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function planFixture(size = PLAN_SIZE): { live: OAuthClient[]; fileText: string } {
  const live: OAuthClient[] = [];
  for (let i = 0; i < size; i++) {
    live.push({
      client_id: hexId(i + 1),
      client_name: `client-${i}`,
      visibility: 'private',
      redirect_uris: [`https://app-${i}.example/cb`, 'http://localhost:8788/cb'],
      scopes: ['account.read', 'user.read', 'offline_access'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      logo_uri: `https://app-${i}.example/logo.png`,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    });
  }
  const kept = Math.floor(size * 0.8);
  const entries: Record<string, unknown>[] = [];
  for (let i = 0; i < size; i++) {
    const mine = i < kept;
    const n = mine ? i : size + i;
    entries.push({
      ...(mine && i % 2 === 0 ? { client_id: hexId(i + 1) } : {}),
      client_name: `client-${n}`,
      redirect_uris: [`https://app-${n}.example/cb`, 'http://localhost:8788/cb'],
      // Same set in another order for half, one more scope for the other half.
      scopes:
        i % 4 < 2 ? ['user.read', 'account.read'] : ['account.read', 'user.read', 'zone.read'],
      grant_types: ['refresh_token', 'authorization_code'],
      ...(i % 3 === 0 ? { tos_uri: `https://app-${n}.example/tos` } : {}),
    });
  }
  return { live, fileText: JSON.stringify({ clients: entries }, null, 2) };
}
