import type { ApiMessage, Failure } from '../errors.js';
import type { ClientOutcome } from '../outcome.js';
import { escapeJsonInvisible } from './quote.js';

/** Exactly one document, pretty-printed, newline-terminated. */
export function renderJson(document: unknown): string {
  return `${jsonText(document)}\n`;
}

/**
 * Pretty-printed JSON whose text holds no control or invisible character: JSON.stringify escapes
 * C0 controls, and DEL, C1 controls and bidi overrides from the API are escaped here too.
 */
export function jsonText(value: unknown): string {
  return escapeJsonInvisible(JSON.stringify(value, null, 2));
}

export function errorObject(failure: Failure) {
  return {
    type: failure.type,
    message: failure.message,
    status: failure.status,
    ...(failure.hint === undefined ? {} : { hint: failure.hint }),
    ...(failure.cfRay === undefined ? {} : { cf_ray: failure.cfRay }),
    ...(failure.attempts === undefined ? {} : { attempts: failure.attempts }),
    ...(failure.credentialSource === undefined
      ? {}
      : { credential_source: failure.credentialSource }),
  };
}

/** A failure before any client was addressed (usage, configuration, interrupt at a prompt). */
export function failureDocument(failure: Failure, errors: ApiMessage[] = []) {
  return { success: false, result: null, errors, messages: [], error: errorObject(failure) };
}

/** The single-delete document: the API's envelope fields verbatim plus what we concluded. */
export function deleteDocument(id: string, result: ClientOutcome) {
  const ok = result.outcome === 'deleted' || result.outcome === 'already_absent';
  return {
    success: ok,
    result: result.result ?? null,
    errors: result.errors,
    messages: result.messages ?? [],
    id,
    outcome: result.outcome,
    status: result.status,
    ...(result.failure === undefined ? {} : { error: errorObject(result.failure) }),
  };
}
