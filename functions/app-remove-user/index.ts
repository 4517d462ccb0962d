// GET /app/remove-user — the store owner revoked a user's access to the app
// (apps-guide/callbacks.mdx): the payload spent and the user marked removed, so the admin
// authorizer refuses every session issued to them and /app/load every payload signed before.
import { signedPayloadQuery, spendCallback, verifiedCallback } from '@bc-loyalty/shared/app';
import { Unauthorized } from '@bc-loyalty/shared/errors';
import { httpHandler, ok } from '@bc-loyalty/shared/http';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { getStoreRecord, removeStoreUser } from '@bc-loyalty/shared/stores';

const table = pointsTable();

export const handler = httpHandler(
  async (_event, query) => {
    const payload = await verifiedCallback(query.signed_payload_jwt);
    if (!(await getStoreRecord(table, payload.storeHash))) throw new Unauthorized();
    await spendCallback(table, payload);
    await removeStoreUser(table, payload.storeHash, payload.user.id);
    return ok({ removed: true });
  },
  { query: signedPayloadQuery },
);
