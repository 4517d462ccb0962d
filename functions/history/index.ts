// GET /points/history?limit=&cursor= — the caller's ledger entries, newest first.
import { listHistory } from '@bc-loyalty/shared/ledger';
import { httpHandler, identityOf, ok, pageQuery, queryOf } from '@bc-loyalty/shared/http';

export const handler = httpHandler(async (event) => {
  const customer = identityOf(event);
  const { limit, cursor } = queryOf(event, pageQuery);
  return ok(await listHistory(customer, limit, cursor));
});
