import { cellText, renderTable } from './table.js';

interface Field {
  label: string;
  key: string;
  /** Shown as "(none)" when absent; other fields are left out when the client has none. */
  always?: boolean;
  /** Words for a value that is not text (a flag). */
  describe?: (value: unknown) => unknown;
}

/** What a person checks before deleting a client, in that order. */
const FIELDS: readonly Field[] = [
  { label: 'ID', key: 'client_id', always: true },
  { label: 'Name', key: 'client_name', always: true },
  { label: 'Visibility', key: 'visibility', always: true },
  { label: 'Redirect URIs', key: 'redirect_uris', always: true },
  { label: 'Scopes', key: 'scopes', always: true },
  { label: 'Grant types', key: 'grant_types', always: true },
  { label: 'Client URI', key: 'client_uri' },
  { label: 'Logo URI', key: 'logo_uri' },
  { label: 'Policy URI', key: 'policy_uri' },
  { label: 'Terms of service URI', key: 'tos_uri' },
  { label: 'Post-logout redirect URIs', key: 'post_logout_redirect_uris' },
  { label: 'Allowed CORS origins', key: 'allowed_cors_origins' },
  {
    label: 'Rotated secret',
    key: 'has_rotated_secret',
    describe: (pending) =>
      pending === true
        ? 'pending: the old secret works until `cf-oauth rotate-secret <id> --finish`'
        : pending === false
          ? 'none'
          : pending,
  },
  { label: 'Created', key: 'created_at' },
  { label: 'Updated', key: 'updated_at' },
];

const NONE = '(none)';

/** `Label:  value` lines, values aligned; a list puts one entry on each line. */
export function renderClientDetails(client: Readonly<Record<string, unknown>>): string {
  const rows: string[][] = [];
  for (const field of FIELDS) {
    const value = client[field.key];
    const lines = valueLines(field.describe ? field.describe(value) : value);
    if (lines.length === 0 && !field.always) continue;
    const [first = NONE, ...rest] = lines;
    rows.push([`${field.label}:`, first], ...rest.map((line) => ['', line]));
  }
  return renderTable(rows);
}

function valueLines(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map(cellText).filter((line) => line !== '');
}
