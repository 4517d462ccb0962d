// `?limit=1..100&cursor=` of the paged shopper routes (history, redemptions), and their handler.
import { z } from '../config';
import type { CustomerRef } from '../ledger/model';
import { type HttpFunction, httpHandler } from './handler';
import { identityOf } from './request';
import { ok } from './response';

const limit = z.pipe(z.string().check(z.regex(/^\d{1,3}$/, 'an integer from 1 to 100')), z.transform(Number));

/** The query of the paged routes: `limit` 1–100 (default 20) and an optional opaque `cursor`. */
export const pageQuery = z.strictObject({
  limit: z._default(limit.check(z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
});

/** A paged shopper route: 200 with the page `list` returns for the verified caller and the query's limit and cursor. */
export const pagedRoute = (
  list: (customer: CustomerRef, limit: number, cursor: string | undefined) => Promise<unknown>,
): HttpFunction =>
  httpHandler(async (event, { limit, cursor }) => ok(await list(identityOf(event), limit, cursor)), {
    query: pageQuery,
  });
