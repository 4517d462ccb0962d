// The earning rule (DESIGN §6): points = floor(subtotal_ex_tax × EARN_POINTS_PER_UNIT), awarded once
// per order when it reaches an EARN status; on a REVERSE status everything it earned is taken back;
// a partial refund takes back the refunded share (rounded up, never more than was earned).
// An order earns at most once: after its points were fully reversed it never earns again, even if
// it returns to completed (the merchant can adjust by hand) — this closes award/refund loops.
import { ceilShare, floorProduct } from './decimal';

/** The store's earning settings (EARN_POINTS_PER_UNIT, EARN_STATUS_IDS, REVERSE_STATUS_IDS). */
export interface EarningRule {
  pointsPerUnit: string;
  earnStatusIds: number[];
  reverseStatusIds: number[];
}

/** What BigCommerce says about the order now (GET /v2/orders/{id}). */
export interface OrderSnapshot {
  id: number;
  customerId: number;
  statusId: number;
  subtotalExTax: string;
  totalIncTax: string;
  refundedAmount: string;
}

/** What the ledger has done for the order so far (the order record). */
export interface OrderProgress {
  pointsEarned: number;
  pointsReversed: number;
  closed: boolean;
}

/** Points to award and to take back now, and whether the order is done earning for good. */
export interface OrderDecision {
  earn: number;
  reverse: number;
  closed: boolean;
}

/**
 * What to change now. `reportedStatusId` is the status a webhook said the order moved to: an order
 * that reached an EARN status earns even if it has moved on by the time we look (deliveries are late
 * and out of order), and the current state then decides what must be reversed.
 */
export function decide(
  rule: EarningRule,
  order: OrderSnapshot,
  done: OrderProgress,
  reportedStatusId?: number,
): OrderDecision {
  const none = { earn: 0, reverse: 0, closed: done.closed };
  if (order.customerId === 0) return none; // guest checkout: nobody to award
  let earned = done.pointsEarned;
  let earn = 0;
  const reachedEarn =
    rule.earnStatusIds.includes(order.statusId) ||
    (reportedStatusId !== undefined && rule.earnStatusIds.includes(reportedStatusId));
  if (earned === 0 && !done.closed && reachedEarn) {
    earn = floorProduct(order.subtotalExTax, rule.pointsPerUnit);
    earned = earn;
  }
  if (earned === 0) return { ...none, earn };
  let due = done.pointsReversed;
  let closed = done.closed;
  if (rule.reverseStatusIds.includes(order.statusId)) {
    due = earned;
    closed = true;
  } else {
    due = Math.max(due, ceilShare(earned, order.refundedAmount, order.totalIncTax));
    if (due >= earned) closed = true;
  }
  return { earn, reverse: Math.max(0, due - done.pointsReversed), closed };
}
