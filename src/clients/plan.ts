/**
 * The plan: what `apply` would change to make the account's OAuth clients what the file
 * declares. A pure function of the file's entries and the live clients, so it is the same for
 * `plan` and `apply`, and cheap (maps, no nested scans: 1,000 entries against 1,000 clients in a
 * few milliseconds, see bench/plan.ts).
 *
 * - An entry finds its live client by `client_id` when it pins one, else by exact `client_name`.
 * - Only the fields an entry gives are managed; the rest are never compared nor sent.
 * - Lists compare as sets where order means nothing to the API (scopes, grant_types,
 *   response_types), in order otherwise (redirect_uris, post_logout_redirect_uris,
 *   allowed_cors_origins: the API keeps and returns them as given, so a reordered file is a
 *   change it can apply). The protocol scopes `offline_access` and `openid` are left out of the
 *   comparison: the API adds and removes them itself from the grant and response types.
 */

import type { ClientFields, OAuthClient } from '../api/oauth-clients.js';
import { quote } from '../output/quote.js';
import type { ClientEntry } from './clients-file.js';
import { checkFields, problemsError } from './definition.js';
import { FIELD_SPECS } from './fields.js';

export type Action = 'create' | 'update' | 'delete';

/** A field's value before and after; `null` where there is none. */
export interface FieldChange {
  from: string | string[] | null;
  to: string | string[] | null;
}

export interface PlannedChange {
  action: Action;
  client_name: string | null;
  /** null for a create: the API assigns it. */
  client_id: string | null;
  /** create: every field sent; update: only the fields that change; delete: none. */
  fields: Record<string, FieldChange>;
  /** What to send: the POST body of a create, the PATCH body of an update; empty for a delete. */
  body: ClientFields;
  /** The file entry behind a create or update. */
  place: string | null;
}

export interface Plan {
  changes: PlannedChange[];
  /** Entries whose live client already is as declared. */
  unchanged: number;
}

/** The API adds and removes these itself from grant_types and response_types. */
export const PROTOCOL_SCOPES: ReadonlySet<string> = new Set(['offline_access', 'openid']);

const SET_FIELDS: ReadonlySet<string> = new Set(
  FIELD_SPECS.filter((spec) => spec.kind === 'scopes' || spec.kind === 'enums').map(
    (spec) => spec.field,
  ),
);

/**
 * The changes, creates and updates in file order then deletes (with `prune`: every live client
 * no entry matches) in the API's order. Entries that cannot be matched unambiguously, or a create
 * missing a required field: one UsageError naming every problem by its place in the file.
 */
export function computePlan(
  entries: readonly ClientEntry[],
  live: readonly OAuthClient[],
  { prune }: { prune: boolean },
): Plan {
  const { problems, duplicated } = duplicates(entries);
  const byId = new Map<string, OAuthClient>();
  const byName = new Map<string, OAuthClient[]>();
  for (const client of live) {
    byId.set(client.client_id, client);
    if (typeof client.client_name === 'string') {
      const named = byName.get(client.client_name);
      if (named) named.push(client);
      else byName.set(client.client_name, [client]);
    }
  }
  // Which entry claimed each live client: two entries must never manage the same one.
  const claimedBy = new Map<string, ClientEntry>();
  for (const entry of entries) {
    if (entry.clientId !== undefined) claimedBy.set(entry.clientId, entry);
  }

  const changes: PlannedChange[] = [];
  let unchanged = 0;
  for (const entry of entries) {
    // Already reported: matching them too would only repeat it.
    if (duplicated.has(entry)) continue;
    const match = findLive(entry, byId, byName, claimedBy, problems);
    if (match === 'problem') continue;
    if (match === undefined) {
      const create = plannedCreate(entry, problems);
      if (create) changes.push(create);
      continue;
    }
    claimedBy.set(match.client_id, entry);
    const update = plannedUpdate(entry, match);
    if (update) changes.push(update);
    else unchanged += 1;
  }
  if (problems.length > 0) throw problemsError(problems, 'the clients file');

  if (prune) {
    for (const client of live) {
      if (claimedBy.has(client.client_id)) continue;
      changes.push({
        action: 'delete',
        client_name: client.client_name ?? null,
        client_id: client.client_id,
        fields: {},
        body: {},
        place: null,
      });
    }
  }
  return { changes, unchanged };
}

export function countChanges(plan: Plan): Record<Action | 'unchanged', number> {
  const summary = { create: 0, update: 0, delete: 0, unchanged: plan.unchanged };
  for (const change of plan.changes) summary[change.action] += 1;
  return summary;
}

/** The `plan --json` document. */
export function planDocument(plan: Plan): {
  changes: Pick<PlannedChange, 'action' | 'client_name' | 'client_id' | 'fields'>[];
  summary: Record<Action | 'unchanged', number>;
} {
  return {
    changes: plan.changes.map(({ action, client_name, client_id, fields }) => ({
      action,
      client_name,
      client_id,
      fields,
    })),
    summary: countChanges(plan),
  };
}

/** Names given twice, and client IDs pinned twice: which entry would win is anyone's guess. */
function duplicates(entries: readonly ClientEntry[]): {
  problems: string[];
  duplicated: Set<ClientEntry>;
} {
  const problems: string[] = [];
  const duplicated = new Set<ClientEntry>();
  const report = (key: (entry: ClientEntry) => string | undefined, what: string) => {
    const groups = new Map<string, ClientEntry[]>();
    for (const entry of entries) {
      const value = key(entry);
      if (value === undefined) continue;
      const group = groups.get(value);
      if (group) group.push(entry);
      else groups.set(value, [entry]);
    }
    for (const [value, group] of groups) {
      if (group.length < 2) continue;
      const places = group.map((entry) => entry.place).join(' and ');
      problems.push(`${places}: the same ${what} ${quote(value)}`);
      for (const entry of group) duplicated.add(entry);
    }
  };
  report((entry) => entry.fields.client_name as string | undefined, 'client_name');
  report((entry) => entry.clientId, 'client_id');
  return { problems, duplicated };
}

function findLive(
  entry: ClientEntry,
  byId: ReadonlyMap<string, OAuthClient>,
  byName: ReadonlyMap<string, OAuthClient[]>,
  claimedBy: ReadonlyMap<string, ClientEntry>,
  problems: string[],
): OAuthClient | undefined | 'problem' {
  if (entry.clientId !== undefined) {
    const pinned = byId.get(entry.clientId);
    if (pinned) return pinned;
    problems.push(`${entry.place}: client_id ${entry.clientId} does not exist in the account`);
    return 'problem';
  }
  const name = entry.fields.client_name as string;
  const named = byName.get(name) ?? [];
  if (named.length > 1) {
    const ids = named.map((client) => client.client_id).join(', ');
    problems.push(
      `${entry.place}: client_name ${quote(name)} matches ${named.length} clients (${ids}); pin one with client_id`,
    );
    return 'problem';
  }
  const [match] = named;
  const other = match && claimedBy.get(match.client_id);
  if (match && other && other !== entry) {
    problems.push(
      `${entry.place}: client_name ${quote(name)} is client ${match.client_id}, which ${other.place} pins by client_id`,
    );
    return 'problem';
  }
  return match;
}

function plannedCreate(entry: ClientEntry, problems: string[]): PlannedChange | undefined {
  // Create defaults fill what the entry leaves out, as for `create --from-file`.
  const created = checkFields({ file: entry.definition, flags: {}, mode: 'create' });
  if (created.problems.length > 0) {
    problems.push(...created.problems);
    return undefined;
  }
  const fields: Record<string, FieldChange> = {};
  for (const [field, to] of Object.entries(created.fields)) fields[field] = { from: null, to };
  return {
    action: 'create',
    client_name: (created.fields.client_name as string | undefined) ?? null,
    client_id: null,
    fields,
    body: created.fields,
    place: entry.place,
  };
}

function plannedUpdate(entry: ClientEntry, client: OAuthClient): PlannedChange | undefined {
  const fields: Record<string, FieldChange> = {};
  const body: ClientFields = {};
  for (const [field, to] of Object.entries(entry.fields)) {
    const from = liveValue(client[field]);
    if (sameValue(field, from, to)) continue;
    fields[field] = { from, to };
    body[field] = to;
  }
  if (Object.keys(body).length === 0) return undefined;
  return {
    action: 'update',
    client_name: (entry.fields.client_name as string | undefined) ?? client.client_name ?? null,
    client_id: client.client_id,
    fields,
    body,
    place: entry.place,
  };
}

/** A live field as a value to compare and show: absent, null and "" are all "not set". */
function liveValue(value: unknown): string | string[] | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return null;
}

/** Whether the live value `from` already is the declared `to`. */
export function sameValue(field: string, from: string | string[] | null, to: string | string[]) {
  if (!Array.isArray(to)) return from === to;
  const live = Array.isArray(from) ? from : [];
  if (!SET_FIELDS.has(field)) {
    return live.length === to.length && live.every((item, index) => item === to[index]);
  }
  const compared = (list: readonly string[]) =>
    new Set(field === 'scopes' ? list.filter((scope) => !PROTOCOL_SCOPES.has(scope)) : list);
  const want = compared(to);
  const have = compared(live);
  return want.size === have.size && [...want].every((item) => have.has(item));
}
