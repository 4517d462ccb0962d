// What every Management API handler of the sandbox is and answers, BigCommerce's error shapes, and
// writing an answer. The API modules import this; it imports only the store's state.
import type { ServerResponse } from 'node:http';
import type { StoreState } from './store-state';

/** A handler's answer: the status and the JSON body (none for a 204). */
export interface ApiResult {
  status: number;
  body?: unknown;
}

/**
 * One Management API operation. The request arrives already validated against the spec; the
 * handler adds what the spec's text says and its schemas cannot, and changes the store's state.
 */
export type Handler = (
  state: StoreState,
  query: Record<string, unknown>,
  body: unknown,
  params: Record<string, string>,
  storeHash: string,
) => ApiResult;

const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

/** BigCommerce's error body (status, title, type, and per-field errors when there are some). */
export function problem(status: number, title: string, errors?: Record<string, string>): ApiResult {
  return { status, body: { status, title, type: ERROR_TYPE, ...(errors ? { errors } : {}) } };
}

/** 422: what BigCommerce answers for a request its rules refuse. */
export const unprocessable = (title: string, errors: Record<string, string> = {}): ApiResult =>
  problem(422, title, errors);

/** A v3 collection of one page (`data` and `meta.pagination`). */
export const collection = <T>(data: T[]): ApiResult => ({
  status: 200,
  body: {
    data,
    meta: {
      pagination: {
        total: data.length,
        count: data.length,
        per_page: Math.max(data.length, 50),
        current_page: 1,
        total_pages: 1,
      },
    },
  },
});

/** The ids of a filter such as `id:in=1,2,3`. */
export const ids = (value: unknown): number[] =>
  String(value ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number);

/** Writes an answer as JSON (no body and no Content-Type when it has none), with these headers. */
export function sendResult(
  res: ServerResponse,
  { status, body }: ApiResult,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
