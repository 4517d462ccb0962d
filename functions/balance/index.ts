// GET /points — the caller's balance.
import { getAccount } from '@bc-loyalty/shared/ledger';
import { httpHandler, identityOf, ok, queryOf, z } from '@bc-loyalty/shared/http';

const noQuery = z.strictObject({});

export const handler = httpHandler(async (event) => {
  const customer = identityOf(event);
  queryOf(event, noQuery);
  const account = await getAccount(customer);
  return ok({
    storeHash: account.storeHash,
    customerId: account.customerId,
    balance: account.balance,
    lifetimeEarned: account.lifetimeEarned,
    lifetimeRedeemed: account.lifetimeRedeemed,
    updatedAt: account.updatedAt,
  });
});
