// The stream side of issuance: a redemption still pending after the redeem request's own try gets
// its code created here, with the client's retries; a transient failure throws, and the stream
// retries the record (bounded, then the dead-letter queue).
import type { DynamoDBRecord } from 'aws-lambda';
import { storeClient } from '../bigcommerce';
import { customerOfPk, REDEMPTION_PREFIX } from '../ledger/keys';
import { issueCoupon, IN_REQUEST_ISSUE_MS } from './issue-coupon';
import type { CouponStatus } from './model';
import { getRedemption } from './redeem-reward';

export interface RedemptionRef { storeHash: string; customerId: number; redemptionId: string }

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
