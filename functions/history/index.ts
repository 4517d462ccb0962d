// GET /points/history?limit=&cursor= — the caller's ledger entries, newest first.
import { listHistory, pointsTable } from '@bc-loyalty/shared/ledger';
import { pagedRoute } from '@bc-loyalty/shared/http';

const table = pointsTable();

export const handler = pagedRoute((customer, limit, cursor) => listHistory(table, customer, limit, cursor));
