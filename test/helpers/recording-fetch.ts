import type { FetchInit, FetchLike } from '../../src/context.js';

export interface SentRequest {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that records every request and answers as the API does for a delete. */
export function recordingFetch(sent: SentRequest[]): FetchLike {
  return async (url: string, init: FetchInit) => {
    sent.push({ url, headers: init.headers });
    const body = JSON.stringify({ success: true, errors: [], messages: [], result: null });
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/json' },
    }) as never;
  };
}
