// Redeeming a reward (DESIGN §11): one TransactWriteItems debits the reward's cost with its ledger
// entry, stores the idempotency record and writes the redemption (status pending, its code) and the
// code's lookup item. The coupon is created in BigCommerce afterwards (issue-coupon.ts).
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { RewardNotFound } from '../errors';
import { applyPointsChange, type CustomerRef, getItem, type PointsTable, storedResponse } from '../ledger';
import { couponKey, redemptionKey } from '../table-keys';
import { appCredentials } from '../secrets';
import { getReward } from './catalog-store';
import { couponCodeFor } from './coupon-code';
import { toRedemption, viewOf, type Redemption, type RedemptionView } from './model';

/** What a redemption bought: the redemption as the shopper sees it, and the balance left. */
export interface RedeemedReward {
  redemption: RedemptionView;
  balance: number;
}

/**
 * A redemption made now (`created`: the record as written, to issue its coupon), or the one an
 * earlier request with the same key made (`replayed`, with its coupon's current status).
 */
export type RedeemOutcome =
  | { replayed: false; redeemed: RedeemedReward; created: Redemption }
  | { replayed: true; redeemed: RedeemedReward };

/** The redemption record, or undefined. */
export async function getRedemption(
  table: PointsTable,
  customer: CustomerRef,
  redemptionId: string,
): Promise<Redemption | undefined> {
  const item = await getItem(table, redemptionKey(customer, redemptionId), true);
  return item ? toRedemption(item) : undefined;
}

/**
 * Spends the reward's points, once per idempotency key, never below zero. A replay gives the
 * first outcome again, with the coupon's current status. Retries of concurrent writes stop at
 * `deadline` (epoch ms; see applyPointsChange).
 *
 * @throws RewardNotFound when the reward is unknown or inactive.
 * @throws InsufficientPoints, IdempotencyKeyReused, ConcurrentUpdate (see applyPointsChange).
 */
export async function redeemReward(
  table: PointsTable,
  customer: CustomerRef,
  rewardId: string,
  idempotencyKey: string,
  { deadline }: { deadline?: number } = {},
): Promise<RedeemOutcome> {
  const requestHash = createHash('sha256')
    .update(JSON.stringify({ operation: 'redeemReward', rewardId }))
    .digest('hex');
  const reward = await getReward(table, customer.storeHash, rewardId);
  if (!reward?.active) {
    // A retry of a redemption made before the reward was disabled still gets its answer.
    const earlier = await storedResponse<RedeemedReward>(table, customer, { key: idempotencyKey, requestHash });
    if (!earlier) throw new RewardNotFound(rewardId);
    return replayOf(table, customer, earlier);
  }
  const { name } = table;
  const id = ulid();
  const code = couponCodeFor((await appCredentials()).clientSecret, customer.storeHash, id);
  const redemptionAt = (createdAt: string): Redemption => ({
    ...customer,
    id,
    rewardId,
    points: reward.pointsCost,
    promotionId: reward.promotionId,
    code,
    status: 'pending',
    createdAt,
    updatedAt: createdAt,
  });
  const outcome = await applyPointsChange<RedeemedReward>(
    table,
    customer,
    { type: 'redeem', points: -reward.pointsCost, reason: `Reward: ${reward.name}`, redemptionId: id, rewardId },
    {
      idempotency: {
        key: idempotencyKey,
        requestHash,
        response: ({ account, entry }) => ({
          redemption: viewOf(redemptionAt(entry.createdAt)),
          balance: account.balance,
        }),
      },
      extraWrites: ({ entry }) => [
        {
          Put: {
            TableName: name,
            Item: { ...redemptionKey(customer, id), ...redemptionAt(entry.createdAt) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: name,
            Item: { ...couponKey(customer.storeHash, code), ...customer, redemptionId: id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      ...(deadline === undefined ? {} : { deadline }),
    },
  );
  if (!outcome.replayed)
    return { replayed: false, redeemed: outcome.response, created: redemptionAt(outcome.result.entry.createdAt) };
  return replayOf(table, customer, outcome.response);
}

/** A replay: the first answer, with the coupon's current status. */
async function replayOf(table: PointsTable, customer: CustomerRef, first: RedeemedReward): Promise<RedeemOutcome> {
  const current = await getRedemption(table, customer, first.redemption.id);
  return { replayed: true, redeemed: current ? { ...first, redemption: viewOf(current) } : first };
}
