/** What `create` prints: the new ID (text) or one document (--json), and its failures. */

import { WRITE_PERMISSION } from '../../api/permissions.js';
import type { ApiMessage } from '../../errors.js';
import { ApiError } from '../../errors.js';
import { failureDetails } from '../../outcome.js';
import { errorObject, renderJson } from '../../output/json.js';
import { quote } from '../../output/quote.js';
import type { Terminal } from '../../output/terminal.js';
import { renderFailureText } from '../../output/text.js';
import type { SecretReport } from '../../secrets/deliver.js';

/** `created`: the API confirmed it, or (recovered) it was found after the answer was lost. */
export type CreateOutcome = 'created' | 'failed' | 'unknown';

export interface CreatedFacts {
  /** The client as the API returned it, without its secret. */
  client: Record<string, unknown> & { client_id: string };
  status: number | null;
  errors: ApiMessage[];
  messages: ApiMessage[];
  /** Found by name after the answer to the create was lost; its secret was rotated. */
  recovered: boolean;
}

/** On a terminal `✓ Created …`; otherwise the ID alone, so `id=$(cf-oauth create …)` works. */
export function createdLine(term: Terminal, client: CreatedFacts['client']): string {
  if (!term.stdoutIsTTY) return `${client.client_id}\n`;
  const name = typeof client.client_name === 'string' ? `${quote(client.client_name)} ` : '';
  return `${term.paintOut.green('✓')} Created OAuth client ${name}(${client.client_id})\n`;
}

/** The --json document: the API's fields, the client (with its secret if --json carries it). */
export function createdDocument(facts: CreatedFacts, secret: SecretReport): string {
  const carried = secret && 'client_secret' in secret ? secret : {};
  const file = secret && 'secret_file' in secret ? secret : {};
  return renderJson({
    success: true,
    result: { ...facts.client, ...carried },
    errors: facts.errors,
    messages: facts.messages,
    id: facts.client.client_id,
    outcome: 'created',
    status: facts.status,
    ...(facts.recovered ? { recovered: true } : {}),
    ...file,
  });
}

export interface FailureExtras {
  outcome: CreateOutcome;
  /** What the failure means for the client, after the error (stderr) or in the document. */
  note?: string | undefined;
  /** Replaces the error's own hint. */
  hint?: string | undefined;
  /** The client concerned, when one exists. */
  id?: string | undefined;
  /** Clients that might be the one this run created. */
  candidates?: string[] | undefined;
  credentialSource?: string | undefined;
}

/** Shows a failed or unknown create; returns its exit code. */
export function reportCreateFailure(term: Terminal, error: unknown, extras: FailureExtras): number {
  const failure = failureDetails(error, {
    permission: WRITE_PERMISSION,
    credentialSource: extras.credentialSource,
  });
  if (extras.hint !== undefined) failure.hint = extras.hint;
  const errors = error instanceof ApiError ? error.errors : [];
  if (term.json) {
    term.out(
      renderJson({
        success: false,
        result: null,
        errors,
        messages: [],
        ...(extras.id === undefined ? {} : { id: extras.id }),
        outcome: extras.outcome,
        ...(extras.note === undefined ? {} : { note: extras.note }),
        ...(extras.candidates === undefined ? {} : { candidates: extras.candidates }),
        error: errorObject(failure),
      }),
    );
  } else {
    term.err(renderFailureText(failure, errors, term.paintErr));
    if (extras.note) term.note(extras.note);
  }
  return failure.exitCode;
}
