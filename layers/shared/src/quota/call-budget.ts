// What the BigCommerce client draws from (bigcommerce/client.ts), and how a store's budget
// starts: the contract of store-budget.ts.
import type { CallPriority, RateLimit } from './policy';

/**
 * One call's unit of the budget: its window, our calls granted in it so far (this one included), and
 * when it was handed out (the request is sent at once: BigCommerce answered after it).
 */
export interface BudgetGrant {
  windowStart: number;
  used: number;
  at: number;
}

/** What the BigCommerce client draws from; see storeBudget. */
export interface CallBudget {
  /**
   * Waits for a unit of the store's budget; undefined when none comes before `deadline` (epoch ms).
   * `wanted`: calls queued behind this one, so one write may lease units for them too.
   */
  acquire(priority: CallPriority, deadline?: number, wanted?: number): Promise<BudgetGrant | undefined>;
  /** Learns from an answer's X-Rate-Limit-* headers (sent under `grant`; not a 429's). */
  observe(limit: RateLimit | undefined, grant: BudgetGrant): void;
}

/** How a store's budget starts, before any answer told the real figures. */
export interface BudgetOptions {
  /** The fraction of the quota left to other apps (BC_QUOTA_RESERVE). */
  reserve: number;
  /** Until an answer tells: Standard's 150, the smallest plan's. */
  quota?: number;
  /** Until an answer tells: BigCommerce's 30 s (BC_QUOTA_WINDOW_MS). */
  windowMs?: number;
}

/** DynamoDB writes a handle made (granted leases, refused attempts, demand markers) and the units granted. */
export interface BudgetWrites {
  granted: number;
  refused: number;
  demand: number;
  units: number;
}
