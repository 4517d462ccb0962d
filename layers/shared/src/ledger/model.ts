/** Who an account belongs to: a customer of one store. Identity comes only from the verified token. */
export interface CustomerRef {
  storeHash: string;
  customerId: number;
}

/** `restore` gives a redemption's points back when its coupon could never be issued (DESIGN §11). */
export type EntryType = 'earn' | 'redeem' | 'reverse' | 'adjust' | 'expire' | 'restore';

/** A customer's points account. */
export interface PointsAccount extends CustomerRef {
  balance: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  /** ISO time of the last change; null for a customer who never had one. */
  updatedAt: string | null;
  /** Number of changes so far; the optimistic-concurrency token. */
  version: number;
}

/** One balance change as the ledger records it (immutable). */
export interface LedgerEntry {
  id: string;
  type: EntryType;
  points: number;
  balanceAfter: number;
  reason: string;
  createdAt: string;
  orderId?: string;
  redemptionId?: string;
  rewardId?: string;
}

/** The account of a customer who never had a change. */
export const emptyAccount = (customer: CustomerRef): PointsAccount => ({
  storeHash: customer.storeHash,
  customerId: customer.customerId,
  balance: 0,
  lifetimeEarned: 0,
  lifetimeRedeemed: 0,
  updatedAt: null,
  version: 0,
});

/** An account from its table item (or the empty account when there is none). */
export function toAccount(customer: CustomerRef, item: Record<string, unknown> | undefined): PointsAccount {
  if (!item) return emptyAccount(customer);
  return {
    storeHash: customer.storeHash,
    customerId: customer.customerId,
    balance: Number(item.balance),
    lifetimeEarned: Number(item.lifetimeEarned),
    lifetimeRedeemed: Number(item.lifetimeRedeemed),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
  };
}

/** A ledger entry from its table item. */
export function toEntry(item: Record<string, unknown>): LedgerEntry {
  const entry: LedgerEntry = {
    id: String(item.id),
    type: item.type as EntryType,
    points: Number(item.points),
    balanceAfter: Number(item.balanceAfter),
    reason: String(item.reason),
    createdAt: String(item.createdAt),
  };
  if (typeof item.orderId === 'string') entry.orderId = item.orderId;
  if (typeof item.redemptionId === 'string') entry.redemptionId = item.redemptionId;
  if (typeof item.rewardId === 'string') entry.rewardId = item.rewardId;
  return entry;
}
