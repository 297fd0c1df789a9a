/** The --json documents tests expect, written once. */
import { expect } from 'vitest';

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

/** What `delete <id> --json` prints when the emulator deleted the client. */
export function deletedDocument(id: string) {
  return {
    success: true,
    result: { id },
    errors: [],
    messages: [],
    id,
    outcome: 'deleted',
    status: 200,
  };
}

/** The `error` of a --json document for the emulator's 404 on a missing client, first attempt. */
export const NOT_FOUND_ERROR = {
  type: 'not_found',
  message: 'OAuth client not found (code 7003)',
  status: 404,
  cf_ray: expect.stringMatching(/-LHR$/),
  attempts: 1,
};

/** The body `create --name "Preview 42" --redirect-uri … --scope account.read` sends: the given
 * fields and the defaults from Cloudflare's guide. */
export const PREVIEW_CLIENT_BODY = {
  client_name: 'Preview 42',
  redirect_uris: ['https://pr-42.example.com/callback'],
  scopes: ['account.read'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
};
