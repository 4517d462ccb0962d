// GET /rewards — the store's active rewards, and whether the caller can afford each.
import { rewardsFor } from '@bc-loyalty/shared/rewards';
import { httpHandler, identityOf, ok } from '@bc-loyalty/shared/http';

export const handler = httpHandler(async (event) => ok(await rewardsFor(identityOf(event))));
