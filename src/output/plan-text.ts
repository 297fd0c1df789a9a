/**
 * A plan as text: `+ create`, `~ update` with each field's old → new, `- delete`, then the
 * counts. Names and values are quoted with every control character escaped, so a hostile client
 * name cannot rewrite the terminal; colours come from the caller's painter (terminals only).
 */

import { type Action, countChanges, type FieldChange, type Plan } from '../clients/plan.js';
import type { Painter } from './colour.js';
import { markdownCell } from './github-actions.js';
import { quote } from './quote.js';

const SIGN: Record<Action, string> = { create: '+', update: '~', delete: '-' };
/** URLs are long; a value is cut only where it would no longer be read anyway. */
const MAX_VALUE = 200;

export function renderPlanText(plan: Plan, paint: Painter): string {
  const colour: Record<Action, (text: string) => string> = {
    create: paint.green,
    update: paint.yellow,
    delete: paint.red,
  };
  const lines: string[] = [];
  for (const change of plan.changes) {
    const name = change.client_name === null ? '(no name)' : quote(change.client_name);
    const id = change.client_id === null ? '' : ` (${change.client_id})`;
    lines.push(colour[change.action](`${SIGN[change.action]} ${change.action} ${name}${id}`));
    for (const [field, value] of Object.entries(change.fields)) {
      lines.push(`    ${field}: ${fieldText(change.action, value)}`);
    }
  }
  lines.push(summaryText(plan));
  return `${lines.join('\n')}\n`;
}

/** `2 to create, 1 to update, 0 to delete, 5 unchanged`. */
export function summaryText(plan: Plan): string {
  const count = countChanges(plan);
  return `${count.create} to create, ${count.update} to update, ${count.delete} to delete, ${count.unchanged} unchanged`;
}

function fieldText(action: Action, { from, to }: FieldChange): string {
  return action === 'create' ? valueText(to) : `${valueText(from)} → ${valueText(to)}`;
}

function valueText(value: string | string[] | null): string {
  if (value === null) return '(none)';
  if (typeof value === 'string') return quote(value, MAX_VALUE);
  return `[${value.map((item) => quote(item, MAX_VALUE)).join(', ')}]`;
}

/** How many changes the step summary lists; the --json document has them all. */
const SUMMARY_ROWS = 50;

/**
 * The GitHub Actions step summary of a plan: the counts, then each change (action, name, ID,
 * the fields it sets) and, after `apply`, its outcome. Names and field names only, no values.
 */
export function planSummaryMarkdown(
  title: string,
  plan: Plan,
  outcomes?: readonly string[],
): string {
  const count = countChanges(plan);
  const lines = [
    `### ${title}`,
    '',
    '| create | update | delete | unchanged |',
    '| ---: | ---: | ---: | ---: |',
    `| ${count.create} | ${count.update} | ${count.delete} | ${count.unchanged} |`,
  ];
  if (plan.changes.length > 0) {
    const outcome = outcomes ? ' outcome |' : '';
    lines.push(
      '',
      `| change | name | ID | fields |${outcome}`,
      `| --- | --- | --- | --- |${outcomes ? ' --- |' : ''}`,
    );
  }
  plan.changes.slice(0, SUMMARY_ROWS).forEach((change, index) => {
    const cells = [
      change.action,
      markdownCell(change.client_name ?? ''),
      change.client_id ?? '',
      // Field names are the API's (checked against FIELD_SPECS): safe in a code span.
      Object.keys(change.fields)
        .map((field) => `\`${field}\``)
        .join(', '),
      ...(outcomes ? [outcomes[index] ?? ''] : []),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  });
  const more = plan.changes.length - SUMMARY_ROWS;
  if (more > 0) lines.push('', `…and ${more} more changes: see the \`--json\` document.`);
  return `${lines.join('\n')}\n\n`;
}
