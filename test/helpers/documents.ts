/** The --json documents tests expect, written once. */

/** What every command prints with --json when it refuses before addressing any client. */
export function usageFailureDocument(message: string, hint?: string) {
  return {
    success: false,
    result: null,
    errors: [],
    messages: [],
    error: { type: 'usage', message, status: null, ...(hint === undefined ? {} : { hint }) },
  };
}
