/**
 * Checking create and update bodies as the API does, with the field lists, required fields and
 * enums read from the OpenAPI slice (test/contract/), so the emulator cannot drift from it.
 * Each refusal is a 400 envelope whose error names the field (message and `source.pointer`).
 */
import { enumOf, propertiesOf, requiredOf } from '../contract/openapi.js';
import { errors, type Reply } from './envelope.js';
import type { OAuthClient } from './types.js';

const CREATE = 'iam_oauth_client_create_request';
const UPDATE = 'iam_oauth_client_update_request';

const CREATE_FIELDS = propertiesOf(CREATE);
const UPDATE_FIELDS = propertiesOf(UPDATE);
const CREATE_REQUIRED = requiredOf(CREATE);

const ENUMS: Record<string, readonly string[]> = {
  grant_types: enumOf(CREATE, 'grant_types'),
  response_types: enumOf(CREATE, 'response_types'),
  token_endpoint_auth_method: enumOf(CREATE, 'token_endpoint_auth_method'),
  visibility: enumOf(UPDATE, 'visibility'),
};

/** Fields holding URLs; the API refuses values that are not absolute URLs. */
const URL_FIELDS = new Set([
  'client_uri',
  'logo_uri',
  'policy_uri',
  'tos_uri',
  'redirect_uris',
  'post_logout_redirect_uris',
  'allowed_cors_origins',
]);

/** Scopes the API manages itself from grant_types and response_types. */
const PROTOCOL_SCOPES = { offline_access: 'refresh_token', openid: 'id_token' } as const;

/** Dot-delimited scopes must name an API scope; the emulator knows these resource families. */
const API_SCOPE =
  /^(account|zone|user|dns|workers|pages|d1|r2|kv|access|analytics)(\.[a-z_]+)*\.(read|write|edit)$/;
/** Simple identity scopes (no dot), e.g. `profile`, `email`. */
const IDENTITY_SCOPE = /^[a-z_]+$/;

export type Checked = { ok: true; fields: Partial<OAuthClient> } | { ok: false; reply: Reply };

export function checkCreate(body: string): Checked {
  return check(body, CREATE_FIELDS, CREATE_REQUIRED);
}

export function checkUpdate(body: string): Checked {
  return check(body, UPDATE_FIELDS, []);
}

function check(
  body: string,
  known: Record<string, { type?: string }>,
  required: readonly string[],
): Checked {
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return { ok: false, reply: errors.malformedJson() };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, reply: errors.malformedJson() };
  }
  const fields = input as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!Object.hasOwn(known, name)) return refuse(name, `${name} is not a known field`);
  }
  for (const name of required) {
    if (fields[name] === undefined) return refuse(name, `${name} is required`);
  }
  for (const [name, value] of Object.entries(fields)) {
    const problem = fieldProblem(name, value, known[name]?.type === 'array');
    if (problem) return refuse(name, problem);
  }
  return { ok: true, fields: fields as Partial<OAuthClient> };
}

function fieldProblem(name: string, value: unknown, isArray: boolean): string | undefined {
  const values = isArray ? value : [value];
  if (!Array.isArray(values)) return `${name} must be an array of strings`;
  if (values.some((v) => typeof v !== 'string')) {
    return isArray ? `${name} must be an array of strings` : `${name} must be a string`;
  }
  const strings = values as string[];
  const allowed = ENUMS[name];
  const bad = allowed ? strings.find((v) => !allowed.includes(v)) : undefined;
  if (allowed && bad !== undefined) {
    return `${name}: "${bad}" is not one of ${allowed.join(', ')}`;
  }
  if (name === 'client_name' && strings[0]?.trim() === '') return 'client_name must not be empty';
  if (name === 'redirect_uris' && strings.length === 0) return 'redirect_uris must not be empty';
  if (name === 'grant_types' && !strings.includes('authorization_code')) {
    return 'grant_types must include authorization_code';
  }
  if (URL_FIELDS.has(name)) {
    const notUrl = strings.find((v) => !URL.canParse(v) || /\s/.test(v));
    if (notUrl !== undefined) return `${name}: "${notUrl}" is not an absolute URL`;
  }
  if (name === 'scopes') return scopeProblem(strings);
  return undefined;
}

function scopeProblem(scopes: string[]): string | undefined {
  if (scopes.length === 0) return 'scopes must not be empty';
  for (const scope of scopes) {
    if (scope.includes(':')) return `scopes: colon-delimited scope "${scope}" is not accepted`;
    if (scope.includes('.') ? !API_SCOPE.test(scope) : !IDENTITY_SCOPE.test(scope)) {
      return `scopes: "${scope}" is not an available OAuth API scope`;
    }
  }
  return undefined;
}

/** offline_access and openid follow grant_types and response_types, as on the real API. */
export function withProtocolScopes(client: OAuthClient): OAuthClient {
  const scopes = client.scopes.filter((s) => !Object.hasOwn(PROTOCOL_SCOPES, s));
  if (client.grant_types.includes(PROTOCOL_SCOPES.offline_access)) scopes.push('offline_access');
  if (client.response_types.includes(PROTOCOL_SCOPES.openid)) scopes.push('openid');
  return { ...client, scopes };
}

/** Promotion needs a name, a logo, a verified client URI host and one non-identity scope. */
export function promotionProblem(client: OAuthClient): string | undefined {
  if (client.client_name.trim() === '') return 'visibility: promotion needs a client_name';
  if (!client.logo_uri) return 'visibility: promotion needs a logo_uri';
  if (client.client_uri_verification?.status !== 'verified') {
    return 'visibility: promotion needs a verified client_uri host';
  }
  if (!client.scopes.some((s) => s.includes('.'))) {
    return 'visibility: promotion needs at least one non-identity scope';
  }
  return undefined;
}

function refuse(field: string, message: string): Checked {
  return { ok: false, reply: errors.invalidField(message, field) };
}
