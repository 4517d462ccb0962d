// GET /rewards — the store's active rewards, and whether the caller can afford each.
import { rewardsFor } from '@bc-loyalty/shared/rewards';
import { httpHandler, identityOf, ok, queryOf, z } from '@bc-loyalty/shared/http';

export const handler = httpHandler(async (event) => {
  const customer = identityOf(event);
  queryOf(event, z.strictObject({}));
  return ok(await rewardsFor(customer));
});
