/**
 * Request bodies checked against the OpenAPI request schemas with ajv. The schemas declare no
 * `additionalProperties: false`, but the API refuses unknown fields, so the check wraps each
 * in `unevaluatedProperties: false` (JSON Schema 2019-09).
 */
import { Ajv2019 } from 'ajv/dist/2019.js';
import { openApi } from './openapi.js';

const ajv = new Ajv2019({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'oauth-clients', components: openApi.components });

function closed(name: string) {
  return ajv.compile({
    $ref: `oauth-clients#/components/schemas/${name}`,
    unevaluatedProperties: false,
  });
}

const CREATE = closed('iam_oauth_client_create_request');
const UPDATE = closed('iam_oauth_client_update_request');

const COLLECTION = /\/accounts\/[^/]+\/oauth_clients$/;
const ITEM = /\/accounts\/[^/]+\/oauth_clients\/[^/]+$/;
const ROTATE = /\/accounts\/[^/]+\/oauth_clients\/[^/]+\/rotate_secret$/;

/** The schema errors of one request's body; [] when it is valid. Throws for unknown routes. */
export function requestBodyErrors(
  method: string,
  rawPath: string,
  body: string | undefined,
): string[] {
  const pathname = rawPath.split('?')[0] ?? '';
  let validate: typeof CREATE | undefined;
  if (method === 'POST' && COLLECTION.test(pathname)) validate = CREATE;
  else if (method === 'PATCH' && ITEM.test(pathname)) validate = UPDATE;
  else if (method === 'POST' && ROTATE.test(pathname)) {
    // rotate_secret declares no request body.
    return body === undefined || body === '' ? [] : [`a body was sent: ${body}`];
  } else throw new Error(`no request schema for ${method} ${pathname}`);
  if (validate(JSON.parse(body ?? 'null'))) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
  );
}
