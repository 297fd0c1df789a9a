/** readWholeList: every page, or an error — never a partial list taken for the whole. */
import { describe, expect, it } from 'vitest';
import { listOAuthClients } from '../../src/api/oauth-clients.js';
import { ApiError } from '../../src/errors.js';
import { ACCOUNT, failure, json, makeClient, rejectionOf, scriptedFetch } from './api-test-kit.js';

const LIST_URL = `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/oauth_clients`;
const clients = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({
    client_id: (from + i).toString(16).padStart(32, '0'),
  }));

function page(result: unknown[], resultInfo?: Record<string, number>) {
  return json(200, {
    success: true,
    errors: [],
    messages: [],
    result,
    ...(resultInfo === undefined ? {} : { result_info: resultInfo }),
  });
}

describe('readWholeList (through listOAuthClients)', () => {
  it('follows page while result_info says more exist, keeping the page size of the first answer', async () => {
    const fetch = scriptedFetch(
      page(clients(0, 20), { page: 1, per_page: 20, count: 20, total_count: 57, total_pages: 3 }),
      page(clients(20, 40), { page: 2, per_page: 20, count: 20, total_count: 57, total_pages: 3 }),
      page(clients(40, 57), { page: 3, per_page: 20, count: 17, total_count: 57, total_pages: 3 }),
    );
    const all = await listOAuthClients(makeClient(fetch).http, ACCOUNT);
    expect(all).toEqual(clients(0, 57));
    expect(fetch.calls.map((c) => c.url)).toEqual([
      LIST_URL,
      `${LIST_URL}?page=2&per_page=20`,
      `${LIST_URL}?page=3&per_page=20`,
    ]);
  });

  it('takes one page as complete when result_info is absent or agrees', async () => {
    for (const info of [undefined, { page: 1, per_page: 2, count: 2, total_count: 2 }]) {
      const fetch = scriptedFetch(page(clients(0, 2), info));
      expect(await listOAuthClients(makeClient(fetch).http, ACCOUNT)).toHaveLength(2);
      expect(fetch.calls).toHaveLength(1);
    }
  });

  it('follows total_pages when there is no total_count', async () => {
    const fetch = scriptedFetch(
      page(clients(0, 5), { page: 1, per_page: 5, total_pages: 2 }),
      page(clients(5, 7), { page: 2, per_page: 5, total_pages: 2 }),
    );
    expect(await listOAuthClients(makeClient(fetch).http, ACCOUNT)).toHaveLength(7);
  });

  it.each([
    [
      'the total changes between pages',
      [
        page(clients(0, 20), { per_page: 20, total_count: 57 }),
        page(clients(20, 40), { per_page: 20, total_count: 56 }),
      ],
      /changed while it was read/,
    ],
    [
      'a page comes back empty before the total is reached',
      [
        page(clients(0, 20), { per_page: 20, total_count: 57 }),
        page([], { per_page: 20, total_count: 57 }),
      ],
      /20 of 57 items after page 2/,
    ],
    [
      'the API ignores page and repeats the first page',
      [page(clients(0, 20), { per_page: 20, total_count: 57 })],
      /page 2 repeats 0{32}/,
    ],
    [
      'a later page has no result_info',
      [page(clients(0, 20), { per_page: 20, total_count: 57 }), page(clients(20, 40))],
      /page 2 has no result_info/,
    ],
    [
      'total_pages runs out before total_count',
      [page(clients(0, 20), { per_page: 20, total_count: 57, total_pages: 1 })],
      /20 of 57 items after page 1/,
    ],
  ])('is an error, not a partial list, when %s', async (_, steps, message) => {
    const error = await rejectionOf(
      listOAuthClients(makeClient(scriptedFetch(...steps)).http, ACCOUNT),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(/^the API's list of OAuth clients is not complete: /);
    expect(error.message).toMatch(message);
    expect((error as ApiError).hint).toBe(
      'nothing was done with a partial list; run the command again',
    );
  });

  it('a page that fails fails the whole list', async () => {
    const fetch = scriptedFetch(
      page(clients(0, 20), { per_page: 20, total_count: 57 }),
      failure(403, [{ code: 10000, message: 'Authentication error' }]),
    );
    const error = await rejectionOf(listOAuthClients(makeClient(fetch).http, ACCOUNT));
    expect(error.message).toBe('Authentication error (code 10000)');
  });
});
