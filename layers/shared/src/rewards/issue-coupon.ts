// Creating a redemption's coupon code in BigCommerce, exactly once: the code is fixed at redeem time,
// so every attempt sends the same one and a code that already exists counts as created. A refusal
// for good (promotion deleted, store gone) gives the points back: the restore entry and the
// redemption turning `failed` are one transaction, conditioned on the redemption still pending.
import { UpdateCommand } from '../aws';
import { createCouponCode, storeClient, type BigCommerceClient } from '../bigcommerce';
import { logger } from '../logger';
import { applyPointsChange, ConditionOfExtraWriteFailed, conditionalWrite, type PointsTable } from '../ledger';
import { TokenVaultMissing } from '../stores';
import { redemptionKey } from '../table-keys';
import type { CouponStatus, Redemption } from './model';

/**
 * How long the redeem request itself may spend issuing (ms). The stream consumer leaves a pending
 * redemption alone until this long after its creation, so the two never send the same code at once.
 */
export const IN_REQUEST_ISSUE_MS = 3_000;

const STATUS = { '#status': 'status' };

/** pending → issued (a no-op when another attempt got there first, or an order already used it). */
async function markIssued({ client, name }: PointsTable, redemption: Redemption): Promise<void> {
  await conditionalWrite(
    client.send(
      new UpdateCommand({
        TableName: name,
        Key: redemptionKey(redemption, redemption.id),
        UpdateExpression: 'SET #status = :issued, updatedAt = :now',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: STATUS,
        ExpressionAttributeValues: { ':issued': 'issued', ':pending': 'pending', ':now': new Date().toISOString() },
      }),
    ),
  );
}

/** pending → failed with the points given back, in one transaction; a no-op if no longer pending. */
async function restorePoints(table: PointsTable, redemption: Redemption, reason: string): Promise<void> {
  logger.warn('coupon refused for good: restoring the points', {
    redemptionId: redemption.id,
    rewardId: redemption.rewardId,
    reason,
  });
  try {
    await applyPointsChange(
      table,
      redemption,
      {
        type: 'restore',
        points: redemption.points,
        reason: 'Reward could not be issued: points returned',
        redemptionId: redemption.id,
        rewardId: redemption.rewardId,
      },
      {
        extraWrites: [
          {
            Update: {
              TableName: table.name,
              Key: redemptionKey(redemption, redemption.id),
              UpdateExpression: 'SET #status = :failed, updatedAt = :now, failure = :reason',
              ConditionExpression: '#status = :pending',
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: {
                ':failed': 'failed',
                ':pending': 'pending',
                ':now': new Date().toISOString(),
                ':reason': reason.slice(0, 500),
              },
            },
          },
        ],
      },
    );
  } catch (error) {
    if (!(error instanceof ConditionOfExtraWriteFailed)) throw error;
  }
}

/**
 * Creates the code under the reward's promotion (`max_uses` 1) and records the outcome: `issued`,
 * or `failed` with the points given back when BigCommerce refuses for good or the store (no
 * `client`) is not installed.
 *
 * @throws BigCommerceError for transient failures (429/5xx/timeouts after the client's retries),
 *   leaving the redemption pending for the next try.
 */
export async function issueCoupon(
  table: PointsTable,
  redemption: Redemption,
  client: BigCommerceClient | undefined,
): Promise<CouponStatus> {
  if (!client) {
    await restorePoints(table, redemption, `store ${redemption.storeHash} is not installed`);
    return 'failed';
  }
  const result = await createCouponCode(client, redemption.promotionId, redemption.code);
  if (result.outcome === 'refused') {
    await restorePoints(table, redemption, result.reason);
    return 'failed';
  }
  await markIssued(table, redemption);
  return 'issued';
}

/**
 * The redeem request's one try, before `deadline` (epoch ms) and within IN_REQUEST_ISSUE_MS: one
 * attempt, no retries. Anything but success leaves the redemption pending for the stream consumer,
 * which retries and decides refusals. Never throws.
 */
export async function tryIssueInRequest(
  table: PointsTable,
  redemption: Redemption,
  deadline: number,
): Promise<CouponStatus> {
  const budgetMs = deadline - Date.now();
  if (budgetMs < 200) return 'pending';
  try {
    const client = await storeClient(
      redemption.storeHash,
      {
        priority: 'reward',
        deadline,
        maxAttempts: 1,
        timeoutMs: Math.min(budgetMs, IN_REQUEST_ISSUE_MS),
      },
      table,
    );
    const result = client && (await createCouponCode(client, redemption.promotionId, redemption.code));
    if (result?.outcome !== 'created' && result?.outcome !== 'exists') return 'pending';
    await markIssued(table, redemption);
    return 'issued';
  } catch (error) {
    // Shopper-facing functions have no token vault by design: an app store's code is the issuer's.
    if (!(error instanceof TokenVaultMissing))
      logger.info('coupon not issued within the request; the stream will complete it', {
        redemptionId: redemption.id,
        error: (error as Error).message,
      });
    return 'pending';
  }
}
