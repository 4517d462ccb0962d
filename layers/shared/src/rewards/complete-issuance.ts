// The stream side of issuance: a redemption still pending after the redeem request's own try gets
// its code created here, with the client's retries; a transient failure throws, and the stream
// retries the record (bounded, then the dead-letter queue).
import type { DynamoDBRecord } from 'aws-lambda';
import { storeClient } from '../bigcommerce';
import { type PointsTable, scanPages } from '../ledger';
import { sleep } from '../retry';
import { REDEMPTION_PREFIX, redemptionOfKey } from '../table-keys';
import { IN_REQUEST_ISSUE_MS, issueCoupon } from './issue-coupon';
import type { CouponStatus } from './model';
import { getRedemption } from './redeem-reward';

/** Which redemption a stream record is about. */
export interface RedemptionRef {
  storeHash: string;
  customerId: number;
  redemptionId: string;
}

/** The redemption a stream record is about, or undefined for any other item. */
export function redemptionRefOf(record: DynamoDBRecord): RedemptionRef | undefined {
  const keys = record.dynamodb?.Keys;
  return redemptionOfKey({ pk: keys?.pk?.S, sk: keys?.sk?.S });
}

/**
 * Issues the coupon of a pending redemption; 'skipped' when it is not pending (any more).
 * BigCommerce retries stop at `deadline` (epoch ms; the invocation's end in the stream consumer).
 *
 * @throws BigCommerceError for a transient failure: the redemption stays pending, retry the record.
 * @throws TokenVaultMissing when the store's token cannot be read here: it stays pending too.
 */
export async function completeIssuance(
  table: PointsTable,
  ref: RedemptionRef,
  { deadline }: { deadline?: number } = {},
): Promise<CouponStatus | 'skipped'> {
  let redemption = await getRedemption(table, ref, ref.redemptionId);
  if (redemption?.status !== 'pending') return 'skipped';
  // The redeem request may still be trying: let it, rather than send the same code twice at once.
  const wait = Date.parse(redemption.createdAt) + IN_REQUEST_ISSUE_MS - Date.now();
  if (wait > 0) {
    await sleep(wait);
    redemption = await getRedemption(table, ref, ref.redemptionId);
    if (redemption?.status !== 'pending') return 'skipped';
  }
  const client = await storeClient(ref.storeHash, { priority: 'reward', deadline }, table);
  return issueCoupon(table, redemption, client);
}

/**
 * An operator's replay (after dead letters, or an outage longer than the stream's 24 h): completes
 * every redemption of the store still pending. A full table scan; returns the outcomes by status.
 */
export async function reissuePending(table: PointsTable, storeHash: string): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  const pages = scanPages(table, {
    FilterExpression: 'begins_with(sk, :redemption) AND #status = :pending AND storeHash = :store',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':redemption': REDEMPTION_PREFIX, ':pending': 'pending', ':store': storeHash },
  });
  for await (const items of pages) {
    for (const item of items) {
      const ref = { storeHash, customerId: Number(item.customerId), redemptionId: String(item.id) };
      const status = await completeIssuance(table, ref);
      outcomes[status] = (outcomes[status] ?? 0) + 1;
    }
  }
  return outcomes;
}
