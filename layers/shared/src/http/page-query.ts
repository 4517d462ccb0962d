// `?limit=1..100&cursor=` of the paged shopper routes (history, redemptions).
import { z } from '../config';

const limit = z.pipe(z.string().check(z.regex(/^\d{1,3}$/, 'an integer from 1 to 100')), z.transform(Number));

/** The query of the paged routes: `limit` 1–100 (default 20) and an optional opaque `cursor`. */
export const pageQuery = z.strictObject({
  limit: z._default(limit.check(z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
});
