// A merchant's adjustment of a customer's points: an `adjust` entry through the ledger's one way a
// balance changes, once per Idempotency-Key, with its audit item in the same transaction.
import { createHash } from 'node:crypto';
import type { AdminRef } from '../http';
import { applyPointsChange, type LedgerEntry, type PointsTable } from '../ledger';
import { auditorOf } from './audit';
import { customerOf } from './customers';

/** What an adjustment answers (and a retry with the same key gets again). */
export interface Adjusted {
  entry: LedgerEntry;
  balance: number;
}

/**
 * Adds (or takes, when negative) `points` to the customer's balance with the merchant's `reason`.
 *
 * @throws CustomerNotFound, InsufficientPoints (below zero), IdempotencyKeyReused, ConcurrentUpdate.
 */
export async function adjustPoints(
  table: PointsTable,
  admin: AdminRef,
  customerId: number,
  { points, reason }: { points: number; reason: string },
  idempotencyKey: string,
  deadline?: number,
): Promise<{ replayed: boolean; response: Adjusted }> {
  await customerOf(table, admin.storeHash, customerId);
  const audit = await auditorOf(table, admin);
  const requestHash = createHash('sha256')
    .update(JSON.stringify({ operation: 'adminAdjust', points, reason }))
    .digest('hex');
  const outcome = await applyPointsChange<Adjusted>(
    table,
    { storeHash: admin.storeHash, customerId },
    { type: 'adjust', points, reason },
    {
      // The admin's keys live apart from the shopper's in the account's partition.
      idempotency: {
        key: `admin:${admin.userId}:${idempotencyKey}`,
        requestHash,
        response: ({ entry, account }) => ({ entry, balance: account.balance }),
      },
      extraWrites: ({ entry, account }) => [
        audit('points.adjust', `customer:${customerId}`, {
          points,
          reason,
          entryId: entry.id,
          balanceAfter: account.balance,
        }),
      ],
      ...(deadline === undefined ? {} : { deadline }),
    },
  );
  return { replayed: outcome.replayed, response: outcome.response };
}
