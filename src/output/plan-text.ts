/**
 * A plan as text: `+ create`, `~ update` with each field's old → new, `- delete`, then the
 * counts. Names and values are quoted with every control character escaped, so a hostile client
 * name cannot rewrite the terminal; colours come from the caller's painter (terminals only).
 */

import { type Action, countChanges, type FieldChange, type Plan } from '../clients/plan.js';
import type { Painter } from './colour.js';
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
