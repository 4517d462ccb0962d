// A shopper's redemptions, newest first, and the codes orders used (DESIGN §11).
import { TransactWriteCommand } from '../aws';
import {
  type CustomerRef,
  conditionalWrite,
  getItem,
  type Page,
  type PointsTable,
  pageNewestFirst,
  statsUpdate,
} from '../ledger';
import { accountPk, couponKey, REDEMPTION_PREFIX, REDEMPTION_SK_PATTERN, redemptionKey } from '../table-keys';
import { toRedemption, viewOf, type RedemptionView } from './model';

/**
 * A customer's redemptions with their codes, newest first, `limit` at a time.
 *
 * @throws ValidationError for a cursor this API did not return.
 */
export async function listRedemptions(
  table: PointsTable,
  customer: CustomerRef,
  limit: number,
  cursor?: string,
): Promise<Page<RedemptionView>> {
  const page = await pageNewestFirst(
    table,
    accountPk(customer),
    REDEMPTION_PREFIX,
    REDEMPTION_SK_PATTERN,
    limit,
    cursor,
  );
  return { items: page.items.map((item) => viewOf(toRedemption(item))), nextCursor: page.nextCursor };
}

/**
 * Marks the redemptions whose codes an order used as `used` with the order id. Codes that are not
 * ours (the merchant's own coupons) are skipped; a code already marked stays as it is. Returns how
 * many redemptions changed.
 */
export async function markCouponsUsed(
  table: PointsTable,
  storeHash: string,
  orderId: number,
  codes: string[],
): Promise<number> {
  let marked = 0;
  for (const code of codes) {
    const coupon = await getItem(table, couponKey(storeHash, code));
    if (!coupon) continue;
    const customer = { storeHash, customerId: Number(coupon.customerId) };
    const markUsed = {
      TableName: table.name,
      Key: redemptionKey(customer, String(coupon.redemptionId)),
      UpdateExpression: 'SET #status = :used, orderId = :order, updatedAt = :now',
      // pending too: the code exists if an order used it, the issuer's mark may simply be late.
      ConditionExpression: '#status IN (:pending, :issued)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':used': 'used',
        ':order': orderId,
        ':now': new Date().toISOString(),
        ':pending': 'pending',
        ':issued': 'issued',
      },
    };
    // With the store's count of used rewards, in one transaction: the figure is exact.
    const used = await conditionalWrite(
      table.client.send(
        new TransactWriteCommand({
          TransactItems: [{ Update: markUsed }, statsUpdate(table.name, storeHash, 'TOTAL', { rewardsUsed: 1 })],
        }),
      ),
    );
    if (used) marked++;
  }
  return marked;
}
