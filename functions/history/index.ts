// GET /points/history?limit=&cursor= — the caller's ledger entries, newest first.
import { listHistory } from '@bc-loyalty/shared/ledger';
import { httpHandler, identityOf, ok, queryOf, z } from '@bc-loyalty/shared/http';

const historyQuery = z.object({
  limit: z.string().regex(/^\d{1,3}$/, 'an integer from 1 to 100').transform(Number)
    .pipe(z.number().int().min(1).max(100)).default(20),
  cursor: z.string().min(1).max(256).optional(),
}).strict();

export const handler = httpHandler(async (event) => {
  const customer = identityOf(event);
  const { limit, cursor } = queryOf(event, historyQuery);
  return ok(await listHistory(customer, limit, cursor));
});
