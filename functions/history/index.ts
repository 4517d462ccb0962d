// GET /points/history?limit=&cursor= — the caller's ledger entries, newest first.
import { listHistory } from '@bc-loyalty/shared/ledger';
import { httpHandler, identityOf, ok, z } from '@bc-loyalty/shared/http';

const limit = z.pipe(z.string().check(z.regex(/^\d{1,3}$/, 'an integer from 1 to 100')), z.transform(Number));
const historyQuery = z.strictObject({
  limit: z._default(limit.check(z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
});

export const handler = httpHandler(async (event, { limit, cursor }) => {
  const customer = identityOf(event);
  return ok(await listHistory(customer, limit, cursor));
}, { query: historyQuery });
