// Brings the ledger in line with an order's state: award once, reverse what is due, each change one
// transaction with the order record (conditioned on its version, so concurrent deliveries of the
// same order cannot both award).
import { applyPointsChange, ConditionOfExtraWriteFailed, type PointsTable } from '../ledger';
import { decide, type EarningRule, type OrderSnapshot } from './earning-rule';
import { orderRecordWrite, readOrderRecord } from './order-record';

/** Points awarded and taken back by one reconciliation (both 0 when nothing was due). */
export interface ReconcileOutcome {
  earned: number;
  reversed: number;
}

/**
 * Applies what the earning rule says is due for `order` now, exactly once however often it runs.
 *
 * @throws Error when other deliveries of the same order kept changing it (20 rounds): retry later.
 */
export async function reconcileOrder(
  table: PointsTable,
  storeHash: string,
  order: OrderSnapshot,
  rule: EarningRule,
  reportedStatusId?: number,
): Promise<ReconcileOutcome> {
  const outcome = { earned: 0, reversed: 0 };
  for (let attempt = 0; attempt < 20; attempt++) {
    const record = await readOrderRecord(table, storeHash, order.id);
    const done = record ?? { pointsEarned: 0, pointsReversed: 0, closed: false };
    const decision = decide(rule, order, done, reportedStatusId);
    if (decision.earn === 0 && decision.reverse === 0) return outcome;
    const customer = { storeHash, customerId: record?.customerId ?? order.customerId };
    const orderId = String(order.id);
    try {
      if (decision.earn > 0) {
        await applyPointsChange(
          table,
          customer,
          { type: 'earn', points: decision.earn, reason: `Order #${order.id}`, orderId },
          {
            extraWrites: [
              orderRecordWrite(table, storeHash, order.id, record, {
                customerId: customer.customerId,
                pointsEarned: decision.earn,
                pointsReversed: done.pointsReversed,
                closed: false,
                lastStatusId: order.statusId,
              }),
            ],
          },
        );
        outcome.earned += decision.earn;
        if (decision.reverse === 0) return outcome; // nothing left to do: skip the re-read
      } else {
        await applyPointsChange(
          table,
          customer,
          {
            type: 'reverse',
            points: -decision.reverse,
            reason: `Order #${order.id} ${decision.closed ? 'refunded or cancelled' : 'partially refunded'}`,
            orderId,
            allowNegativeBalance: true,
          },
          {
            extraWrites: [
              orderRecordWrite(table, storeHash, order.id, record, {
                customerId: customer.customerId,
                pointsEarned: done.pointsEarned,
                pointsReversed: done.pointsReversed + decision.reverse,
                closed: decision.closed,
                lastStatusId: order.statusId,
              }),
            ],
          },
        );
        outcome.reversed += decision.reverse;
        return outcome; // a reversal is the last step the rule can take
      }
    } catch (error) {
      if (!(error instanceof ConditionOfExtraWriteFailed)) throw error;
      // another delivery of this order changed it first: read again and decide again
    }
  }
  throw new Error(`order ${order.id}: too many concurrent changes`);
}
