/**
 * Rows of cells for people (aligned columns) and for scripts (tab-separated lines). Cell text
 * comes from the API, so every cell is made printable first: a client name must not be able to
 * move the cursor, hide text or break a line.
 */
import stringWidth from 'string-width';
import { escapeText } from './quote.js';

const GAP = '  ';
const ELLIPSIS = '…';
/** A shrunk column keeps at least this many terminal columns (or its natural width). */
const MIN_SHRUNK_WIDTH = 12;

/**
 * One line of printable text for any JSON value: strings with their unprintable characters
 * escaped (`\t`, `\n`, `\u200b`, and `\\` for a backslash), absent values empty.
 */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return escapeText(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Tab-separated lines, one per row (cells are already free of tabs and newlines). */
export function renderTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.join('\t')}\n`).join('');
}

export interface TableOptions {
  /**
   * The terminal's width. A wider table first loses the `droppable` columns, in that order, then
   * has `shrinkColumn` cut (never below a readable minimum): whole names matter more than dates.
   */
  width?: number | undefined;
  droppable?: readonly number[];
  shrinkColumn?: number;
  /** Applied to the header row after alignment (so colour codes do not count as width). */
  paintHeader?: (text: string) => string;
}

/**
 * Columns padded to their widest cell, measured in terminal columns (wide characters count
 * two), two spaces apart; trailing padding is dropped. With `paintHeader`, the first row is a
 * header.
 */
export function renderTable(
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const kept = keptColumns(rows, options);
  const shown = rows.map((row) => kept.map((column) => row[column] ?? ''));
  const widths = columnWidths(shown);
  const shrink = options.shrinkColumn === undefined ? -1 : kept.indexOf(options.shrinkColumn);
  const excess = options.width === undefined ? 0 : tableWidth(widths) - options.width;
  const current = widths[shrink];
  if (excess > 0 && current !== undefined) {
    widths[shrink] = Math.max(current - excess, Math.min(current, MIN_SHRUNK_WIDTH));
  }
  return shown
    .map((row, index) => {
      const line = row
        .map((cell, column) => pad(truncate(cell, widths[column] ?? 0), widths[column] ?? 0))
        .join(GAP)
        .trimEnd();
      return `${index === 0 && options.paintHeader ? options.paintHeader(line) : line}\n`;
    })
    .join('');
}

/** The columns to show: all, less droppable ones while the table is too wide for the terminal. */
function keptColumns(rows: readonly (readonly string[])[], options: TableOptions): number[] {
  const widths = columnWidths(rows);
  const kept = widths.map((_, column) => column);
  const { width } = options;
  if (width === undefined) return kept;
  for (const column of options.droppable ?? []) {
    if (tableWidth(kept.map((index) => widths[index] ?? 0)) <= width) break;
    kept.splice(kept.indexOf(column), 1);
  }
  return kept;
}

function tableWidth(widths: readonly number[]): number {
  return widths.reduce((sum, width) => sum + width, 0) + GAP.length * (widths.length - 1);
}

function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, stringWidth(cell));
    });
  }
  return widths;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** `text` cut to `width` terminal columns, the cut marked with an ellipsis. */
function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let kept = '';
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    if (stringWidth(kept + segment) > width - 1) break;
    kept += segment;
  }
  return kept + ELLIPSIS;
}
