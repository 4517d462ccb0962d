// GET /points/redemptions?limit=&cursor= — the caller's redemptions and their codes, newest first.
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { listRedemptions } from '@bc-loyalty/shared/rewards';
import { pagedRoute } from '@bc-loyalty/shared/http';

const table = pointsTable();

export const handler = pagedRoute((customer, limit, cursor) => listRedemptions(table, customer, limit, cursor));
