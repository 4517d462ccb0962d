// GET /points/history?limit=&cursor= — the caller's ledger entries, newest first.
import { listHistory } from '@bc-loyalty/shared/ledger';
import { httpHandler, identityOf, ok, pageQuery } from '@bc-loyalty/shared/http';

export const handler = httpHandler(
  async (event, { limit, cursor }) => {
    const customer = identityOf(event);
    return ok(await listHistory(customer, limit, cursor));
  },
  { query: pageQuery },
);
