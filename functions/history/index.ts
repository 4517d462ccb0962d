// GET /points/history?limit=&cursor= — the caller's ledger entries, newest first.
import { listHistory, pointsTable } from '@bc-loyalty/shared/ledger';
import { httpHandler, identityOf, ok, pageQuery } from '@bc-loyalty/shared/http';

const table = pointsTable();

export const handler = httpHandler(
  async (event, { limit, cursor }) => {
    const customer = identityOf(event);
    return ok(await listHistory(table, customer, limit, cursor));
  },
  { query: pageQuery },
);
