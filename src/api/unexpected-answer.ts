import { ApiError } from '../errors.js';
import type { ApiResponse } from './http.js';

/** The API said yes, but not with what the command asked for: report it, never render it. */
export function unexpectedAnswer(response: ApiResponse<unknown>, expected: string): ApiError {
  return new ApiError(`the API did not answer with ${expected}`, {
    status: response.status,
    cfRay: response.cfRay,
  });
}
