import { quote } from '../../output/quote.js';

/**
 * A delete's answer may name another ID than the one requested. The requested ID was still
 * deleted (the API confirmed the call), but the user should hear about it.
 */
export function reportedIdMismatch(requestedId: string, result: unknown): string | undefined {
  const reportedId = (result as { id?: unknown } | null)?.id;
  if (typeof reportedId !== 'string' || reportedId === requestedId) return undefined;
  return `the API reported deleting ${quote(reportedId)}, not ${requestedId}`;
}
