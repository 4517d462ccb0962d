// Redeeming a reward (DESIGN §11): one TransactWriteItems debits the reward's cost with its ledger
// entry, stores the idempotency record and writes the redemption (status pending, its code) and the
// code's lookup item. The coupon is created in BigCommerce afterwards (issue-coupon.ts).
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { GetCommand } from '../aws';
import { RewardNotFound } from '../errors';
import { applyPointsChange, pointsTable, type CustomerRef } from '../ledger';
import { accountPk, couponKey, redemptionSk } from '../ledger/keys';
import { appCredentials } from '../secrets';
import { getReward } from './catalog-store';
import { couponCodeFor } from './coupon-code';
import { toRedemption, viewOf, type Redemption, type RedemptionView } from './model';

export interface RedeemedReward {
  redemption: RedemptionView;
  balance: number;
}

export interface RedeemOutcome {
  body: RedeemedReward;
  /** The redemption as written (absent on a replay). */
  created?: Redemption;
  replayed: boolean;
}

/** The redemption record, or undefined. */
export async function getRedemption(customer: CustomerRef, redemptionId: string): Promise<Redemption | undefined> {
  const { client, name } = pointsTable();
  const { Item } = await client.send(
    new GetCommand({
      TableName: name,
      Key: { pk: accountPk(customer), sk: redemptionSk(redemptionId) },
      ConsistentRead: true,
    }),
  );
  return Item ? toRedemption(Item) : undefined;
}

/**
 * Spends the reward's points, once per Idempotency-Key, never below zero. A replay answers the
 * first response with the coupon's current status. Throws RewardNotFound (unknown or inactive),
 * InsufficientPoints, IdempotencyKeyReused, ConcurrentUpdate.
 */
export async function redeemReward(
  customer: CustomerRef,
  rewardId: string,
  idempotencyKey: string,
): Promise<RedeemOutcome> {
  const reward = await getReward(customer.storeHash, rewardId);
  if (!reward?.active) throw new RewardNotFound(rewardId);
  const { name } = pointsTable();
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
    customer,
    { type: 'redeem', points: -reward.pointsCost, reason: `Reward: ${reward.name}`, redemptionId: id, rewardId },
    {
      idempotency: {
        key: idempotencyKey,
        requestHash: createHash('sha256')
          .update(JSON.stringify({ route: 'redeem', rewardId }))
          .digest('hex'),
        response: ({ account, entry }) => ({
          redemption: viewOf(redemptionAt(entry.createdAt)),
          balance: account.balance,
        }),
      },
      extraWrites: ({ entry }) => [
        {
          Put: {
            TableName: name,
            Item: { pk: accountPk(customer), sk: redemptionSk(id), ...redemptionAt(entry.createdAt) },
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
    },
  );
  if (!outcome.replayed)
    return { body: outcome.response, created: redemptionAt(outcome.result.entry.createdAt), replayed: false };
  const current = await getRedemption(customer, outcome.response.redemption.id);
  const body = current ? { ...outcome.response, redemption: viewOf(current) } : outcome.response;
  return { body, replayed: true };
}
