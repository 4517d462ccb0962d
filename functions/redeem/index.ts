// POST /points/redeem — spend points, once per Idempotency-Key.
import { redeemPoints } from '@bc-loyalty/shared/ledger';
import { countRedemption } from '@bc-loyalty/shared/metrics';
import { bodyOf, created, httpHandler, idempotencyKeyOf, identityOf, z } from '@bc-loyalty/shared/http';

const redeemRequest = z.strictObject({ points: z.int().check(z.minimum(1), z.maximum(1_000_000)) });

export const handler = httpHandler(async (event) => {
  const customer = identityOf(event);
  const idempotencyKey = idempotencyKeyOf(event);
  const { points } = bodyOf(event, redeemRequest);
  const { body, replayed } = await redeemPoints(customer, points, idempotencyKey);
  if (!replayed) countRedemption(points);
  return created(body, replayed ? { 'Idempotent-Replayed': 'true' } : {});
});
