/**
 * The writable fields of an OAuth client, by the API's names, with the flag that sets each and
 * the values the API accepts. The enums are those of the OpenAPI document
 * (test/contract/fields.test.ts compares them), kept here so that no JSON document is loaded to
 * check a flag.
 */

export const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;
export const RESPONSE_TYPES = ['code', 'token', 'id_token'] as const;
export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;
/** PATCH only: promotion to public; there is no demotion. */
export const VISIBILITIES = ['public'] as const;

/** The grant type the API requires in every client. */
export const REQUIRED_GRANT_TYPE = 'authorization_code';

/**
 * Fields the API sets itself. A definition may carry them (the output of `get --json`, a
 * backup); they are ignored with a note instead of being refused.
 */
export const READ_ONLY_FIELDS: readonly string[] = [
  'client_id',
  'created_at',
  'updated_at',
  'visibility',
  'has_rotated_secret',
  'client_uri_verification',
  'promoted_at',
  'client_secret',
];

/**
 * `name`: non-empty text; `uri`/`uris`: absolute URLs; `scopes`: scope names; `enum`/`enums`:
 * one of `values`. Plural kinds are arrays.
 */
export type FieldKind = 'name' | 'uri' | 'uris' | 'scopes' | 'enum' | 'enums';

export interface FieldSpec {
  /** The API's field name. */
  field: string;
  /** The command-line flag, e.g. `--redirect-uri`. */
  flag: string;
  /** The key commander gives the flag's value, e.g. `redirectUri`. */
  option: string;
  kind: FieldKind;
  values?: readonly string[];
  /** Flag help. */
  description: string;
}

/** The fields create and update send, in the order `--help` lists their flags. */
export const FIELD_SPECS: readonly FieldSpec[] = [
  {
    field: 'client_name',
    flag: '--name',
    option: 'name',
    kind: 'name',
    description: 'client name',
  },
  {
    field: 'redirect_uris',
    flag: '--redirect-uri',
    option: 'redirectUri',
    kind: 'uris',
    description: 'redirect URI (repeatable)',
  },
  {
    field: 'scopes',
    flag: '--scope',
    option: 'scope',
    kind: 'scopes',
    description: 'scope the client may request, e.g. account.read (repeatable)',
  },
  {
    field: 'grant_types',
    flag: '--grant-type',
    option: 'grantType',
    kind: 'enums',
    values: GRANT_TYPES,
    description: 'grant type (repeatable; authorization_code is required)',
  },
  {
    field: 'response_types',
    flag: '--response-type',
    option: 'responseType',
    kind: 'enums',
    values: RESPONSE_TYPES,
    description: 'response type (repeatable)',
  },
  {
    field: 'token_endpoint_auth_method',
    flag: '--auth-method',
    option: 'authMethod',
    kind: 'enum',
    values: AUTH_METHODS,
    description: 'how the client authenticates at the token endpoint',
  },
  {
    field: 'client_uri',
    flag: '--client-uri',
    option: 'clientUri',
    kind: 'uri',
    description: 'home page of the client',
  },
  {
    field: 'logo_uri',
    flag: '--logo-uri',
    option: 'logoUri',
    kind: 'uri',
    description: 'logo URL',
  },
  {
    field: 'policy_uri',
    flag: '--policy-uri',
    option: 'policyUri',
    kind: 'uri',
    description: 'privacy policy URL',
  },
  {
    field: 'tos_uri',
    flag: '--tos-uri',
    option: 'tosUri',
    kind: 'uri',
    description: 'terms of service URL',
  },
  {
    field: 'allowed_cors_origins',
    flag: '--cors-origin',
    option: 'corsOrigin',
    kind: 'uris',
    description: 'allowed CORS origin (repeatable)',
  },
  {
    field: 'post_logout_redirect_uris',
    flag: '--post-logout-redirect-uri',
    option: 'postLogoutRedirectUri',
    kind: 'uris',
    description: 'post-logout redirect URI (repeatable)',
  },
];

/** `update --visibility public`; not a field a definition file may set. */
export const VISIBILITY_SPEC: FieldSpec = {
  field: 'visibility',
  flag: '--visibility',
  option: 'visibility',
  kind: 'enum',
  values: VISIBILITIES,
  description: 'promote the client to public (see below)',
};

/**
 * What `create` sends for fields neither the file nor a flag gives: the choices of Cloudflare's
 * own guide (response type code, grant type authorization_code, client_secret_basic).
 */
export const CREATE_DEFAULTS: Readonly<Record<string, string | readonly string[]>> = {
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
};

export function isListKind(kind: FieldKind): boolean {
  return kind === 'uris' || kind === 'scopes' || kind === 'enums';
}
