/** Rotating a client's secret: the new secret, checked to be there. */

import type { ApiResponse, RequestOptions } from '../api/http.js';
import { rotateOAuthClientSecret } from '../api/oauth-clients.js';
import { unexpectedAnswer } from '../api/unexpected-answer.js';
import type { ApiSession } from '../session/api-session.js';

export interface Rotated {
  secret: string;
  response: ApiResponse<unknown>;
}

/** POST .../rotate_secret; an answer without a secret is an error (nothing to hand over). */
export async function rotateSecret(
  session: ApiSession,
  clientId: string,
  options?: RequestOptions,
): Promise<Rotated> {
  const response = await rotateOAuthClientSecret(
    session.http,
    session.accountId,
    clientId,
    options,
  );
  const secret = response.result?.client_secret;
  if (typeof secret !== 'string' || secret === '') {
    throw unexpectedAnswer(response, 'a new client secret');
  }
  return { secret, response };
}
