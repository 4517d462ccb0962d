// GET /points/redemptions?limit=&cursor= — the caller's redemptions and their codes, newest first.
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { listRedemptions } from '@bc-loyalty/shared/rewards';
import { httpHandler, identityOf, ok, pageQuery } from '@bc-loyalty/shared/http';

const table = pointsTable();

export const handler = httpHandler(
  async (event, { limit, cursor }) => {
    const customer = identityOf(event);
    return ok(await listRedemptions(table, customer, limit, cursor));
  },
  { query: pageQuery },
);
