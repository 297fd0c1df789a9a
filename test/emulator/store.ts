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

/** A client's secrets: the current one and, after a rotation, the previous one until revoked. */
export interface ClientSecrets {
  current: string;
  previous?: string | undefined;
}

export class Store {
  readonly deleted: DeletedClient[] = [];
  private readonly secrets = new Map<string, ClientSecrets>();
  private readonly accounts = new Map<string, Account>();
  /** Insertion-ordered, so list responses are stable. */
  private readonly clientsByAccount = new Map<string, Map<string, OAuthClient>>();
  private seeded = 0;

  constructor(
    private readonly now: () => number,
    private readonly startedAt: number,
    /** Every generated secret starts with it, so tests can spot one in any output. */
    private readonly secretPrefix = 'cfsecret_',
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

  /** POST: a new client with its first secret; the caller has checked the fields. */
  createClient(
    accountId: string,
    fields: Partial<OAuthClient>,
  ): { client: OAuthClient; secret: string } {
    const stamp = isoSeconds(this.now());
    const verification = fields.client_uri
      ? { client_uri_verification: pendingVerification() }
      : {};
    const client = this.addClient(accountId, {
      ...fields,
      ...verification,
      visibility: 'private',
      has_rotated_secret: false,
      created_at: stamp,
      updated_at: stamp,
    });
    const secret = this.newSecret();
    this.secrets.set(client.client_id, { current: secret });
    return { client, secret };
  }

  /** PATCH: the changed fields; a new client_uri host must be verified again. */
  updateClient(client: OAuthClient, fields: Partial<OAuthClient>): void {
    if (fields.client_uri !== undefined && fields.client_uri !== client.client_uri) {
      client.client_uri_verification = pendingVerification();
    }
    if (fields.visibility === 'public' && client.visibility !== 'public') {
      client.promoted_at = isoSeconds(this.now());
    }
    Object.assign(client, fields);
    client.updated_at = isoSeconds(this.now());
  }

  /** POST rotate_secret: a new current secret; the old one keeps working until revoked. */
  rotateSecret(client: OAuthClient): string {
    const secret = this.newSecret();
    const known = this.secrets.get(client.client_id);
    this.secrets.set(client.client_id, { current: secret, previous: known?.current });
    client.has_rotated_secret = true;
    client.updated_at = isoSeconds(this.now());
    return secret;
  }

  /** DELETE rotate_secret: false when no rotated secret is pending. */
  revokePreviousSecret(client: OAuthClient): boolean {
    if (!client.has_rotated_secret) return false;
    const known = this.secrets.get(client.client_id);
    if (known) this.secrets.set(client.client_id, { current: known.current });
    client.has_rotated_secret = false;
    client.updated_at = isoSeconds(this.now());
    return true;
  }

  /** The secrets that work for a client now (none for seeded clients). */
  secretsOf(clientId: string): ClientSecrets | undefined {
    return this.secrets.get(clientId);
  }

  private newSecret(): string {
    return `${this.secretPrefix}${randomBytes(24).toString('base64url')}`;
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

function pendingVerification(): { status: string; text: string } {
  return {
    status: 'pending',
    text: `cloudflare_oauth_client_publisher=${randomBytes(8).toString('hex')}`,
  };
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
