// GET /points/redemptions?limit=&cursor= — the caller's redemptions and their codes, newest first.
import { listRedemptions } from '@bc-loyalty/shared/rewards';
import { httpHandler, identityOf, ok, pageQuery } from '@bc-loyalty/shared/http';

export const handler = httpHandler(
  async (event, { limit, cursor }) => {
    const customer = identityOf(event);
    return ok(await listRedemptions(customer, limit, cursor));
  },
  { query: pageQuery },
);
