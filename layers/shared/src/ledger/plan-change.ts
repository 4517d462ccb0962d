// The ledger's rules, with no I/O: what a change does to an account, and what a stored idempotency
// record means for a retry. The DynamoDB adapter (points-change.ts) reads, asks these, and writes
// the plan in one transaction; the unit tier tests them in milliseconds.
import { ulid } from 'ulid';
import { IdempotencyKeyReused, InsufficientPoints } from '../errors';
import type { EntryType, LedgerEntry, PointsAccount } from './model';

/** One balance change, as a caller asks for it. */
export interface PointsChange {
  type: EntryType;
  /** Signed: positive credits, negative debits. A non-zero integer. */
  points: number;
  reason: string;
  orderId?: string;
  redemptionId?: string;
  rewardId?: string;
  /** Reversals may leave a negative balance; redemptions and adjustments never do. */
  allowNegativeBalance?: boolean;
}

/** The account after a change, and the ledger entry that records it. */
export interface PlannedChange {
  account: PointsAccount;
  entry: LedgerEntry;
}

/** Types of entry that count towards `lifetimeEarned` (an order's reversal takes its earning back). */
const EARNING_TYPES: ReadonlySet<EntryType> = new Set(['earn', 'reverse']);
/** …and `lifetimeRedeemed`: a restore gives back a redemption that bought nothing, so it was never spent. */
const REDEEMING_TYPES: ReadonlySet<EntryType> = new Set(['redeem', 'restore']);

/**
 * Plans `change` on the account as read (`before`) at time `nowMs`.
 *
 * @throws InsufficientPoints when a debit would take the balance below zero and the change does not
 *   allow it.
 * @throws Error when `points` is not a non-zero safe integer (a programming error, not user input).
 */
export function planChange(before: PointsAccount, change: PointsChange, nowMs: number): PlannedChange {
  if (!Number.isSafeInteger(change.points) || change.points === 0) throw new Error('points must be a non-zero integer');
  const balanceAfter = before.balance + change.points;
  if (change.points < 0 && balanceAfter < 0 && !change.allowNegativeBalance) {
    throw new InsufficientPoints(before.balance, -change.points);
  }
  const createdAt = new Date(nowMs).toISOString();
  const account: PointsAccount = {
    ...before,
    balance: balanceAfter,
    lifetimeEarned: before.lifetimeEarned + (EARNING_TYPES.has(change.type) ? change.points : 0),
    lifetimeRedeemed: before.lifetimeRedeemed + (REDEEMING_TYPES.has(change.type) ? -change.points : 0),
    updatedAt: createdAt,
    version: before.version + 1,
  };
  const entry: LedgerEntry = {
    id: ulid(nowMs),
    type: change.type,
    points: change.points,
    balanceAfter,
    reason: change.reason,
    createdAt,
    ...(change.orderId ? { orderId: change.orderId } : {}),
    ...(change.redemptionId ? { redemptionId: change.redemptionId } : {}),
    ...(change.rewardId ? { rewardId: change.rewardId } : {}),
  };
  return { account, entry };
}

/** An idempotency record as stored: the request's hash, the JSON answered, and its expiry (epoch s). */
export interface StoredIdempotency {
  requestHash: string;
  response: string;
  expiresAt: number;
}

/**
 * What a stored idempotency record means for a request with `requestHash` at `nowMs`: the answer to
 * replay, or undefined when there is no live record (the change is to be made).
 *
 * @throws IdempotencyKeyReused when a live record was made by a different request.
 */
export function replayOf<R>(
  stored: StoredIdempotency | undefined,
  requestHash: string,
  nowMs: number,
): { response: R } | undefined {
  // An expired record may linger until TTL deletes it; it no longer counts.
  if (!stored || stored.expiresAt * 1000 <= nowMs) return undefined;
  if (stored.requestHash !== requestHash) throw new IdempotencyKeyReused();
  // Kept as the JSON text sent the first time, so a replay is byte-for-byte the same.
  return { response: JSON.parse(stored.response) as R };
}
