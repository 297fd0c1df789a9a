/**
 * --add-* and --remove-*: edits of a list field against the client's current value. The API
 * takes whole lists, so the client is read first and the full new list is sent.
 */

import type { ClientFields, OAuthClient } from '../../api/oauth-clients.js';
import { valueProblem } from '../../clients/definition.js';
import { FIELD_SPECS } from '../../clients/fields.js';
import { UsageError } from '../../errors.js';
import { quote } from '../../output/quote.js';
import type { UpdateOptions } from './definition.js';

export interface ListEdit {
  field: 'redirect_uris' | 'scopes';
  add: string[];
  remove: string[];
}

const EDITABLE = [
  {
    field: 'redirect_uris',
    add: 'addRedirectUri',
    remove: 'removeRedirectUri',
    noun: 'redirect URI',
  },
  { field: 'scopes', add: 'addScope', remove: 'removeScope', noun: 'scope' },
] as const;

const flagOf = (option: string) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The edits given, each value checked; conflicts with a flag that sets the whole list refused. */
export function listEdits(options: UpdateOptions, fields: ClientFields): ListEdit[] {
  const edits: ListEdit[] = [];
  const problems: string[] = [];
  for (const editable of EDITABLE) {
    const add = options[editable.add] ?? [];
    const remove = options[editable.remove] ?? [];
    if (add.length === 0 && remove.length === 0) continue;
    const spec = FIELD_SPECS.find((s) => s.field === editable.field);
    if (fields[editable.field] !== undefined) {
      problems.push(
        `${spec?.flag} (or ${editable.field} in the file) sets the whole list: it cannot be combined with ${flagOf(editable.add)} or ${flagOf(editable.remove)}`,
      );
    }
    for (const [option, values] of [
      [editable.add, add],
      [editable.remove, remove],
    ] as const) {
      for (const value of values) {
        const problem = spec && valueProblem(spec, value);
        if (problem) problems.push(`${flagOf(option)} ${quote(value)} ${problem}`);
      }
    }
    edits.push({ field: editable.field, add, remove });
  }
  if (problems.length > 0) {
    throw new UsageError(
      problems.length === 1
        ? `${problems[0]}; nothing was sent`
        : `${problems.length} problems with the update; nothing was sent\n  ${problems.join('\n  ')}`,
    );
  }
  return edits;
}

/** The new lists: current values kept in order, removals taken out, additions appended. */
export function applyEdits(current: OAuthClient, edits: readonly ListEdit[]): ClientFields {
  const fields: ClientFields = {};
  const problems: string[] = [];
  for (const edit of edits) {
    const editable = EDITABLE.find((e) => e.field === edit.field);
    const before = Array.isArray(current[edit.field]) ? (current[edit.field] as string[]) : [];
    for (const value of edit.remove) {
      if (!before.includes(value)) {
        problems.push(
          `${flagOf(editable?.remove ?? '')} ${quote(value)}: the client has no such ${editable?.noun}`,
        );
      }
    }
    const after = [...new Set([...before.filter((v) => !edit.remove.includes(v)), ...edit.add])];
    if (after.length === 0) problems.push(`the client must keep at least one ${editable?.noun}`);
    fields[edit.field] = after;
  }
  if (problems.length > 0) {
    throw new UsageError(`${problems.join('; ')}; nothing was changed`);
  }
  return fields;
}

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** The fields whose new value differs from the current one. */
export function changesOf(current: OAuthClient, fields: ClientFields): Change[] {
  return Object.entries(fields)
    .filter(([field, value]) => JSON.stringify(current[field] ?? null) !== JSON.stringify(value))
    .map(([field, to]) => ({ field, from: current[field] ?? null, to }));
}

/** `field: "a" → "b"`, or a list's additions (+) and removals (-), one per line. */
export function renderChanges(changes: readonly Change[]): string {
  const lines: string[] = [];
  for (const { field, from, to } of changes) {
    if (Array.isArray(to)) {
      const before = Array.isArray(from) ? (from as string[]) : [];
      lines.push(`${field}:`);
      for (const value of to) if (!before.includes(value)) lines.push(`  + ${quote(value)}`);
      for (const value of before) if (!to.includes(value)) lines.push(`  - ${quote(value)}`);
    } else {
      const shown = (v: unknown) => (typeof v === 'string' ? quote(v) : '(none)');
      lines.push(`${field}: ${shown(from)} → ${shown(to)}`);
    }
  }
  return lines.length === 0 ? 'no change\n' : `${lines.join('\n')}\n`;
}
