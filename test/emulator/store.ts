/** The emulator's state: accounts, their OAuth clients, and what was really deleted. */
import { randomBytes } from 'node:crypto';
import type { Account, DeletedClient, OAuthClient } from './types.js';

const ACCOUNT_ID = /^[0-9a-f]{32}$/;

export function isAccountId(id: string): boolean {
  return ACCOUNT_ID.test(id);
}

export function newClientId(): string {
  return randomBytes(16).toString('hex');
}

export class Store {
  readonly deleted: DeletedClient[] = [];
  private readonly accounts = new Map<string, Account>();
  /** Insertion-ordered, so list responses are stable. */
  private readonly clientsByAccount = new Map<string, Map<string, OAuthClient>>();
  private seeded = 0;

  constructor(
    private readonly now: () => number,
    private readonly startedAt: number,
  ) {}

  addAccount(account: Account): void {
    if (!isAccountId(account.id)) {
      throw new Error(`account id must be 32 lower-case hex characters: ${account.id}`);
    }
    this.accounts.set(account.id, { id: account.id, name: account.name });
    if (!this.clientsByAccount.has(account.id)) this.clientsByAccount.set(account.id, new Map());
  }

  hasAccount(accountId: string): boolean {
    return this.accounts.has(accountId);
  }

  listAccounts(): Account[] {
    return [...this.accounts.values()];
  }

  addClient(accountId: string, fields: Partial<OAuthClient> = {}): OAuthClient {
    const clients = this.clientsOf(accountId);
    const client = this.newClient(fields);
    if (clients.has(client.client_id)) {
      throw new Error(`client ${client.client_id} already exists in account ${accountId}`);
    }
    clients.set(client.client_id, client);
    return client;
  }

  /** Live objects: callers outside the request path must copy. */
  listClients(accountId: string): OAuthClient[] {
    return [...this.clientsOf(accountId).values()];
  }

  getClient(accountId: string, clientId: string): OAuthClient | undefined {
    return this.clientsByAccount.get(accountId)?.get(clientId);
  }

  deleteClient(accountId: string, clientId: string): boolean {
    const removed = this.clientsByAccount.get(accountId)?.delete(clientId) ?? false;
    if (removed) this.deleted.push({ accountId, clientId, at: this.now() - this.startedAt });
    return removed;
  }

  private clientsOf(accountId: string): Map<string, OAuthClient> {
    const clients = this.clientsByAccount.get(accountId);
    if (!clients) throw new Error(`unknown account ${accountId}; call addAccount first`);
    return clients;
  }

  private newClient(fields: Partial<OAuthClient>): OAuthClient {
    this.seeded += 1;
    const stamp = isoSeconds(this.now());
    return {
      client_id: newClientId(),
      client_name: `Test client ${this.seeded}`,
      visibility: 'private',
      redirect_uris: ['https://example.com/callback'],
      scopes: ['account.read'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      created_at: stamp,
      updated_at: stamp,
      ...definedOnly(structuredClone(fields)),
    };
  }
}

/** The API's timestamp style: 2025-01-01T00:00:00Z (no milliseconds). */
function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `{ client_id: undefined }` must not erase the generated default. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
