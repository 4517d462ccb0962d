// GET /app/remove-user — the store owner revoked a user's access to the app
// (apps-guide/callbacks.mdx): the user's record is deleted, so the admin authorizer refuses
// every session issued to them.
import { signedPayloadQuery, verifiedCallback } from '@bc-loyalty/shared/app';
import { Unauthorized } from '@bc-loyalty/shared/errors';
import { httpHandler, ok } from '@bc-loyalty/shared/http';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { getStoreRecord, removeStoreUser } from '@bc-loyalty/shared/stores';

const table = pointsTable();

export const handler = httpHandler(
  async (_event, query) => {
    const { storeHash, user } = await verifiedCallback(query.signed_payload_jwt);
    if (!(await getStoreRecord(table, storeHash))) throw new Unauthorized();
    await removeStoreUser(table, storeHash, user.id);
    return ok({ removed: true });
  },
  { query: signedPayloadQuery },
);
