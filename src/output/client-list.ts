import type { OAuthClient } from '../api/oauth-clients.js';
import type { Painter } from './colour.js';
import { cellText, renderTable } from './table.js';

interface Column {
  header: string;
  cell(client: OAuthClient): unknown;
  /** A shorter form for the table, which a person reads; scripts get the API's value. */
  inTable?: (text: string) => string;
  /** Shown in the table only when some client has a value (the API may leave them out). */
  optional?: boolean;
}

const COLUMNS: readonly Column[] = [
  { header: 'ID', cell: (client) => client.client_id },
  { header: 'NAME', cell: (client) => client.client_name },
  { header: 'VISIBILITY', cell: (client) => client.visibility },
  {
    header: 'REDIRECT URIS',
    cell: (client) =>
      Array.isArray(client.redirect_uris) ? client.redirect_uris.length : undefined,
  },
  { header: 'CREATED', cell: (client) => client.created_at, inTable: day, optional: true },
  { header: 'UPDATED', cell: (client) => client.updated_at, inTable: day, optional: true },
];

/** `2025-01-01` from `2025-01-01T00:00:00Z`; anything else as it is. */
function day(timestamp: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(timestamp) ? timestamp.slice(0, 10) : timestamp;
}

const NAME_COLUMN = 1;

/** Every column for every client, in a fixed order, so scripts can rely on field positions. */
export function clientRows(clients: readonly OAuthClient[]): string[][] {
  return clients.map((client) => COLUMNS.map((column) => cellText(column.cell(client))));
}

/** A header and aligned columns, the name cut to fit `width` (the terminal's) when needed. */
export function renderClientTable(
  clients: readonly OAuthClient[],
  options: { width: number | undefined; paint: Painter },
): string {
  const columns = COLUMNS.filter(
    (column) => !column.optional || clients.some((client) => cellText(column.cell(client)) !== ''),
  );
  const header = columns.map((column) => column.header);
  const rows = clients.map((client) =>
    columns.map((column) => {
      const text = cellText(column.cell(client));
      return column.inTable ? column.inTable(text) : text;
    }),
  );
  // Narrow terminals lose the dates first (updated, then created): IDs and names matter most.
  const droppable = columns.flatMap((column, index) => (column.optional ? [index] : [])).reverse();
  return renderTable([header, ...rows], {
    width: options.width,
    droppable,
    shrinkColumn: NAME_COLUMN,
    paintHeader: options.paint.bold,
  });
}
