// POST /points/redeem — buy a reward with points, once per Idempotency-Key; the answer carries the
// coupon code, issued in BigCommerce within the request when it can be (else from the stream).
import { countRedemption } from '@bc-loyalty/shared/metrics';
import { IN_REQUEST_ISSUE_MS, redeemReward, tryIssueInRequest } from '@bc-loyalty/shared/rewards';
import { bodyOf, created, httpHandler, idempotencyKeyOf, identityOf, z } from '@bc-loyalty/shared/http';

const RETIRED_BODY = 'Points are spent on a reward now: send {"rewardId": "…"} (GET /rewards lists them).';
const redeemRequest = z.pipe(
  z.looseObject({}).check(z.refine((body) => !('points' in body), RETIRED_BODY)),
  z.strictObject({ rewardId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a reward id')) }),
);
/** Leave this much of the function's time for answering after the coupon try. */
const ANSWER_MARGIN_MS = 1_500;

export const handler = httpHandler(async (event, _query, context) => {
  const customer = identityOf(event);
  const idempotencyKey = idempotencyKeyOf(event);
  const { rewardId } = bodyOf(event, redeemRequest);
  const { body, created: redemption, replayed } = await redeemReward(customer, rewardId, idempotencyKey);
  if (replayed || !redemption) return created(body, { 'Idempotent-Replayed': 'true' });
  countRedemption(redemption.points);
  const remainingMs =
    typeof context?.getRemainingTimeInMillis === 'function'
      ? context.getRemainingTimeInMillis()
      : IN_REQUEST_ISSUE_MS + ANSWER_MARGIN_MS;
  const status = await tryIssueInRequest(redemption, remainingMs - ANSWER_MARGIN_MS);
  return created({ ...body, redemption: { ...body.redemption, coupon: { ...body.redemption.coupon, status } } });
});
