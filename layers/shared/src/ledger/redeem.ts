import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { CustomerRef } from './keys';
import { applyPointsChange } from './points-change';

export interface Redemption {
  redemption: { id: string; points: number; createdAt: string };
  balance: number;
}

export interface RedeemOutcome {
  body: Redemption;
  /** True when this is a retry of a redemption already made with the same key. */
  replayed: boolean;
}

/** Spends points: never below zero, once per Idempotency-Key, one transaction with its ledger entry. */
export async function redeemPoints(customer: CustomerRef, points: number, idempotencyKey: string): Promise<RedeemOutcome> {
  const redemptionId = ulid();
  const outcome = await applyPointsChange<Redemption>(
    customer,
    { type: 'redeem', points: -points, reason: 'Redeemed by customer', redemptionId },
    {
      idempotency: {
        key: idempotencyKey,
        requestHash: createHash('sha256').update(JSON.stringify({ route: 'redeem', points })).digest('hex'),
        response: ({ account, entry }) => ({
          redemption: { id: redemptionId, points, createdAt: entry.createdAt },
          balance: account.balance,
        }),
      },
    },
  );
  return { body: outcome.response, replayed: outcome.replayed };
}
