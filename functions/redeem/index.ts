// POST /points/redeem — buy a reward with points, once per Idempotency-Key; the answer carries the
// coupon code, issued in BigCommerce within the request when it can be (else from the stream).
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { countRedemption } from '@bc-loyalty/shared/metrics';
import { deadlineOf } from '@bc-loyalty/shared/retry';
import { IN_REQUEST_ISSUE_MS, redeemReward, tryIssueInRequest } from '@bc-loyalty/shared/rewards';
import { bodyOf, created, httpHandler, idempotencyKeyOf, identityOf, z } from '@bc-loyalty/shared/http';

const RETIRED_BODY = 'Points are spent on a reward now: send {"rewardId": "…"} (GET /rewards lists them).';
const redeemRequest = z.pipe(
  z.looseObject({}).check(z.refine((body) => !('points' in body), RETIRED_BODY)),
  z.strictObject({ rewardId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a reward id')) }),
);
/** Leave this much of the function's time for answering after the coupon try. */
const ANSWER_MARGIN_MS = 1_500;
/** Without a Lambda context (CLIs, tests): the ledger's retries get 4 s, as in a 10 s function. */
const FALLBACK_LEDGER_MS = 4_000;

const table = pointsTable();

export const handler = httpHandler(async (event, _query, context) => {
  const customer = identityOf(event);
  const idempotencyKey = idempotencyKeyOf(event);
  const { rewardId } = bodyOf(event, redeemRequest);
  // Concurrent writers are retried until only the coupon try and the answer are left of the time.
  const ledgerDeadline = deadlineOf(context, ANSWER_MARGIN_MS + IN_REQUEST_ISSUE_MS, FALLBACK_LEDGER_MS);
  const outcome = await redeemReward(table, customer, rewardId, idempotencyKey, { deadline: ledgerDeadline });
  if (outcome.replayed) return created(outcome.redeemed, { 'Idempotent-Replayed': 'true' });
  const { redeemed, created: redemption } = outcome;
  countRedemption(redemption.points);
  const issueDeadline = deadlineOf(context, ANSWER_MARGIN_MS, IN_REQUEST_ISSUE_MS);
  const status = await tryIssueInRequest(table, redemption, issueDeadline);
  return created({
    ...redeemed,
    redemption: { ...redeemed.redemption, coupon: { ...redeemed.redemption.coupon, status } },
  });
});
