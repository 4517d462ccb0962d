// POST /points/redeem — spend points, once per Idempotency-Key.
import { redeemPoints } from '@bc-loyalty/shared/ledger';
import { bodyOf, created, httpHandler, idempotencyKeyOf, identityOf, z } from '@bc-loyalty/shared/http';

const redeemRequest = z.object({ points: z.number().int().min(1).max(1_000_000) }).strict();

export const handler = httpHandler(async (event) => {
  const customer = identityOf(event);
  const idempotencyKey = idempotencyKeyOf(event);
  const { points } = bodyOf(event, redeemRequest);
  const { body, replayed } = await redeemPoints(customer, points, idempotencyKey);
  return created(body, replayed ? { 'Idempotent-Replayed': 'true' } : {});
});
