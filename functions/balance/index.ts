// GET /points — the caller's balance.
import { getAccount, pointsTable } from '@bc-loyalty/shared/ledger';
import { httpHandler, identityOf, ok } from '@bc-loyalty/shared/http';

const table = pointsTable();

export const handler = httpHandler(async (event) => {
  const customer = identityOf(event);
  const account = await getAccount(table, customer);
  return ok({
    storeHash: account.storeHash,
    customerId: account.customerId,
    balance: account.balance,
    lifetimeEarned: account.lifetimeEarned,
    lifetimeRedeemed: account.lifetimeRedeemed,
    updatedAt: account.updatedAt,
  });
});
