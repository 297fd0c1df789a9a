/**
 * The file of `plan` and `apply`: `clients:`, a list of client definitions with the API's field
 * names (each as `create --from-file` reads one), in JSON or YAML. An entry may pin the live
 * client it manages with `client_id`; otherwise its `client_name` finds it. Everything the file
 * alone can get wrong is reported here, every problem at once and each by its place in the file,
 * before any request is sent.
 */

import type { ClientFields } from '../api/oauth-clients.js';
import { closestKey } from '../config/rc-schema.js';
import { validateClientId } from '../config/validate.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { quote } from '../output/quote.js';
import {
  checkFields,
  collectFields,
  type FileDefinition,
  parseYaml,
  problemsError,
  readInputText,
} from './definition.js';

/** A thousand definitions are well under 1 MiB; this leaves room for any real account. */
export const MAX_CLIENTS_FILE_BYTES = 16 * 1024 * 1024;

export interface ClientEntry {
  /** How messages name the entry: `clients.yaml line 7, clients[2]`. */
  place: string;
  /** The live client this entry manages, when it pins one with `client_id`. */
  clientId: string | undefined;
  /** What the entry sets, checked, lists without repeats: the only fields it manages. */
  fields: ClientFields;
  /** The entry as read, to assemble a create body (defaults and required fields) from. */
  definition: FileDefinition;
}

export interface ClientsFile {
  /** The path as given, or `stdin`. */
  label: string;
  entries: ClientEntry[];
}

const EXAMPLE =
  'e.g. clients: [{client_name: …, redirect_uris: [https://…], scopes: [account.read]}]';

/** Reads `--file <path|->`. With `prune`, a file that lists no client is refused. */
export async function readClientsFile(
  source: string,
  ctx: Context,
  { prune }: { prune: boolean },
): Promise<ClientsFile> {
  let text: { label: string; text: string };
  try {
    text = await readInputText(source, ctx, {
      flag: '--file',
      maxBytes: MAX_CLIENTS_FILE_BYTES,
      tooLarge: 'larger than 16 MiB',
    });
  } catch (error) {
    if (!prune || !(error instanceof UsageError)) throw error;
    throw new UsageError(`${error.message}; refusing to delete every client (--prune)`);
  }
  return parseClientsFile(text.text, text.label, { prune });
}

export async function parseClientsFile(
  text: string,
  label: string,
  { prune }: { prune: boolean },
): Promise<ClientsFile> {
  const { document, lines } = await parseYaml(text, label, EXAMPLE);
  const root: unknown = document.toJS();
  if (root !== null && root !== undefined) checkRoot(root, label);
  const list = (root as { clients?: unknown } | null | undefined)?.clients;
  if (list !== null && list !== undefined && !Array.isArray(list)) {
    throw new UsageError(`${label}: clients must be a list of client definitions`, {
      hint: EXAMPLE,
    });
  }
  const items = (list ?? []) as unknown[];
  if (items.length === 0 && prune) {
    throw new UsageError(
      `${label} lists no clients: refusing to delete every client (--prune with an empty file)`,
      { hint: 'list the clients to keep, or leave out --prune' },
    );
  }

  // Where each item starts, for its place: the nodes of `clients:` in file order.
  const nodes = (document.get('clients', true) as { items?: { range?: number[] }[] } | undefined)
    ?.items;
  const entries: ClientEntry[] = [];
  const problems: string[] = [];
  items.forEach((item, index) => {
    const offset = nodes?.[index]?.range?.[0];
    const line = offset === undefined ? '' : ` line ${lines.linePos(offset).line}`;
    const place = `${label}${line}, clients[${index}]`;
    const entry = readEntry(item, place, problems);
    if (entry) entries.push(entry);
  });
  if (problems.length > 0) throw problemsError(problems, label);
  return { label, entries };
}

function checkRoot(root: unknown, label: string): void {
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw new UsageError(`${label}: must be an object with a clients: list`, { hint: EXAMPLE });
  }
  const unknown = Object.keys(root as object).filter((key) => key !== 'clients');
  if (unknown.length > 0) {
    const key = unknown[0] as string;
    const near = closestKey(key, ['clients']);
    throw new UsageError(
      `${label}: unknown key ${quote(key, 40)}${near ? ` (did you mean ${near}?)` : ''}; the file holds a clients: list`,
      { hint: EXAMPLE },
    );
  }
}

/** One entry, or undefined with its problems added to `problems`. */
function readEntry(item: unknown, place: string, problems: string[]): ClientEntry | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.push(`${place}: must be an object of client fields`);
    return undefined;
  }
  const { client_id: pinned, ...raw } = item as Record<string, unknown>;
  const before = problems.length;
  let clientId: string | undefined;
  if (pinned !== undefined && pinned !== null) {
    try {
      if (typeof pinned !== 'string') throw new UsageError('client_id must be a string');
      clientId = validateClientId(pinned);
    } catch (error) {
      problems.push(`${place}: ${(error as Error).message}`);
    }
  }
  const { definition, problems: read } = collectFields(raw, place);
  problems.push(...read);
  // The values each given field would send, checked; no defaults: only what is given is managed.
  const { fields, problems: values } = checkFields({ file: definition, flags: {}, mode: 'update' });
  problems.push(...values);
  if (clientId === undefined && pinned == null && fields.client_name === undefined) {
    problems.push(`${place}: needs a client_name (or a client_id) to find its client`);
  }
  return problems.length === before ? { place, clientId, fields, definition } : undefined;
}
