// GET /points/redemptions?limit=&cursor= — the caller's redemptions and their codes, newest first.
import { listRedemptions } from '@bc-loyalty/shared/rewards';
import { httpHandler, identityOf, ok, pageQuery, queryOf } from '@bc-loyalty/shared/http';

export const handler = httpHandler(async (event) => {
  const customer = identityOf(event);
  const { limit, cursor } = queryOf(event, pageQuery);
  return ok(await listRedemptions(customer, limit, cursor));
});
