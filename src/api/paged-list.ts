/**
 * Reading a Cloudflare list whole. Lists come in pages: `result_info` says how many items exist
 * (`total_count`) or how many pages (`total_pages`), and `page`/`per_page` ask for the next ones.
 * A list is believed complete only when `result_info` agrees (or is absent); one that changes
 * while it is read, repeats items, or stops short is an error, never a partial result, because
 * cf-oauth acts on what the list says (a name, an account, a client that is not there).
 */

import { ApiError } from '../errors.js';
import type { ApiResponse, HttpClient, RequestOptions } from './http.js';
import { unexpectedAnswer } from './unexpected-answer.js';

export interface ListRequest<T> {
  /** The list's path, e.g. ['accounts']. */
  segments: readonly string[];
  /** For messages: "a list of accounts". */
  what: string;
  /** Page size to ask for; without it the first request is sent as the API documents it (no query). */
  perPage?: number;
  /** Whether a value is an item of this list (the API's answer is checked, not trusted). */
  isItem: (value: unknown) => value is T;
  /** An item's identity, to notice an API that repeats items instead of paging. */
  keyOf: (item: T) => string;
  /** Options of every page's request (e.g. the bounded interrupts of a check after Ctrl-C). */
  requestOptions?: Omit<RequestOptions, 'query'>;
  /** Called with each page's answer (e.g. to read the server's Date header). */
  onPage?: (response: ApiResponse<unknown>) => void;
}

/** More pages than this means the API is not paging as it says. */
const MAX_PAGES = 10_000;

interface ResultInfo {
  perPage: number | undefined;
  totalCount: number | undefined;
  totalPages: number | undefined;
}

export async function readWholeList<T>(http: HttpClient, list: ListRequest<T>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let first: ResultInfo | undefined;
  let perPage = list.perPage;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = page === 1 ? perPageQuery(perPage) : { page, ...perPageQuery(perPage) };
    const response = await http.request<unknown>('GET', list.segments, {
      ...list.requestOptions,
      query,
    });
    list.onPage?.(response);
    const { result } = response;
    if (!Array.isArray(result) || !result.every(list.isItem)) {
      throw unexpectedAnswer(response, list.what);
    }
    const info = resultInfoOf(response.envelope.result_info);
    const incomplete = (detail: string) =>
      new ApiError(`the API's ${list.what.replace(/^an? /, '')} is not complete: ${detail}`, {
        status: response.status,
        cfRay: response.cfRay,
        hint: 'nothing was done with a partial list; run the command again',
      });
    for (const item of result) {
      const key = list.keyOf(item);
      if (seen.has(key)) throw incomplete(`page ${page} repeats ${key}`);
      seen.add(key);
      items.push(item);
    }
    // No result_info on the only page: the API says nothing of more pages.
    if (info === undefined && page === 1) return items;
    if (info === undefined) throw incomplete(`page ${page} has no result_info`);
    first ??= info;
    if (info.totalCount !== first.totalCount || info.totalPages !== first.totalPages) {
      throw incomplete(`it changed while it was read (page ${page} counts differently)`);
    }
    perPage ??= info.perPage || result.length || undefined;
    const { totalCount, totalPages } = first;
    if (totalCount !== undefined && items.length > totalCount) {
      throw incomplete(`${items.length} items read, but result_info says ${totalCount}`);
    }
    const more =
      totalCount !== undefined
        ? items.length < totalCount
        : totalPages !== undefined
          ? page < totalPages
          : info.perPage !== undefined && result.length > 0 && result.length >= info.perPage;
    if (!more) return items;
    if (result.length === 0 || (totalPages !== undefined && page >= totalPages)) {
      throw incomplete(`${items.length} of ${totalCount ?? '?'} items after page ${page}`);
    }
  }
  throw new ApiError(`the API's ${list.what} has more than ${MAX_PAGES} pages`, { status: null });
}

function perPageQuery(perPage: number | undefined): Record<string, number> {
  return perPage === undefined ? {} : { per_page: perPage };
}

/** The numbers of `result_info` that say how much there is; anything else counts as absent. */
function resultInfoOf(value: unknown): ResultInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const info = value as Record<string, unknown>;
  return {
    perPage: count(info.per_page),
    totalCount: count(info.total_count),
    totalPages: count(info.total_pages),
  };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A JSON object (not null, not an array): what a list item must be before its fields are read. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
