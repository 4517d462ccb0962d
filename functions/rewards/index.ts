// GET /rewards — the store's active rewards, and whether the caller can afford each.
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { rewardsFor } from '@bc-loyalty/shared/rewards';
import { httpHandler, identityOf, ok } from '@bc-loyalty/shared/http';

const table = pointsTable();

export const handler = httpHandler(async (event) => ok(await rewardsFor(table, identityOf(event))));
