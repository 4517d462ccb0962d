// The stream side of issuance: a redemption still pending after the redeem request's own try gets
// its code created here, with the client's retries; a transient failure throws, and the stream
// retries the record (bounded, then the dead-letter queue).
import type { DynamoDBRecord } from 'aws-lambda';
import { ScanCommand } from '../aws';
import { storeClient } from '../bigcommerce';
import { pointsTable } from '../ledger';
import { customerOfPk, REDEMPTION_PREFIX } from '../ledger/keys';
import { issueCoupon, IN_REQUEST_ISSUE_MS } from './issue-coupon';
import type { CouponStatus } from './model';
import { getRedemption } from './redeem-reward';

export interface RedemptionRef {
  storeHash: string;
  customerId: number;
  redemptionId: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The redemption a stream record is about, or undefined for any other item. */
export function redemptionRefOf(record: DynamoDBRecord): RedemptionRef | undefined {
  const keys = record.dynamodb?.Keys;
  const customer = customerOfPk(keys?.pk?.S ?? '');
  const sk = keys?.sk?.S ?? '';
  if (!customer || !sk.startsWith(REDEMPTION_PREFIX)) return undefined;
  return { ...customer, redemptionId: sk.slice(REDEMPTION_PREFIX.length) };
}

/** Issues the coupon of a pending redemption; 'skipped' when it is not pending (any more). */
export async function completeIssuance(ref: RedemptionRef): Promise<CouponStatus | 'skipped'> {
  let redemption = await getRedemption(ref, ref.redemptionId);
  if (redemption?.status !== 'pending') return 'skipped';
  // The redeem request may still be trying: let it, rather than send the same code twice at once.
  const wait = Date.parse(redemption.createdAt) + IN_REQUEST_ISSUE_MS - Date.now();
  if (wait > 0) {
    await sleep(wait);
    redemption = await getRedemption(ref, ref.redemptionId);
    if (redemption?.status !== 'pending') return 'skipped';
  }
  return issueCoupon(redemption, await storeClient(ref.storeHash));
}

/**
 * An operator's replay (after dead letters, or an outage longer than the stream's 24 h): completes
 * every redemption of the store still pending. A full table scan; returns the outcomes by status.
 */
export async function reissuePending(storeHash: string): Promise<Record<string, number>> {
  const { client, name } = pointsTable();
  const outcomes: Record<string, number> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: name,
        FilterExpression: 'begins_with(sk, :redemption) AND #status = :pending AND storeHash = :store',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':redemption': REDEMPTION_PREFIX, ':pending': 'pending', ':store': storeHash },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const status = await completeIssuance({
        storeHash,
        customerId: Number(item.customerId),
        redemptionId: String(item.id),
      });
      outcomes[status] = (outcomes[status] ?? 0) + 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return outcomes;
}
