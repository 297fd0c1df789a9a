/** cf-oauth's field lists and enums are the OpenAPI document's, not a hand-made guess. */
import { describe, expect, it } from 'vitest';
import {
  AUTH_METHODS,
  FIELD_SPECS,
  GRANT_TYPES,
  READ_ONLY_FIELDS,
  RESPONSE_TYPES,
  VISIBILITIES,
} from '../../src/clients/fields.js';
import { enumOf, propertiesOf } from './openapi.js';

const CREATE = 'iam_oauth_client_create_request';
const UPDATE = 'iam_oauth_client_update_request';

const sorted = (values: readonly string[]) => [...values].sort();

describe('the OpenAPI slice and src/clients/fields.ts', () => {
  it('agree on every enum', () => {
    expect(sorted(GRANT_TYPES)).toEqual(sorted(enumOf(CREATE, 'grant_types')));
    expect(sorted(RESPONSE_TYPES)).toEqual(sorted(enumOf(CREATE, 'response_types')));
    expect(sorted(AUTH_METHODS)).toEqual(sorted(enumOf(CREATE, 'token_endpoint_auth_method')));
    expect(sorted(VISIBILITIES)).toEqual(sorted(enumOf(UPDATE, 'visibility')));
    for (const spec of FIELD_SPECS.filter((s) => s.values)) {
      expect(sorted(spec.values ?? [])).toEqual(sorted(enumOf(CREATE, spec.field)));
    }
  });

  it('agree on the writable fields: one flag for each field of the create request', () => {
    expect(sorted(FIELD_SPECS.map((spec) => spec.field))).toEqual(
      sorted(Object.keys(propertiesOf(CREATE))),
    );
  });

  it('ignore exactly the fields a client object has that no request may send', () => {
    const response = Object.keys({ ...propertiesOf('iam_oauth_client_with_secret') });
    const writable = Object.keys(propertiesOf(CREATE));
    expect(sorted(READ_ONLY_FIELDS)).toEqual(sorted(response.filter((f) => !writable.includes(f))));
  });
});
