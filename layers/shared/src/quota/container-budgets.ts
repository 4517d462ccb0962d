// This container's budget handle per store: what the headers taught it lives as long as the
// container, as the table handle does.
import { settings } from '../config';
import { pointsTable } from '../ledger/table';
import type { BudgetWrites, CallBudget } from './call-budget';
import { storeBudget } from './store-budget';

const budgets = new Map<string, CallBudget & { writes: BudgetWrites }>();

/** The store's budget as this container draws from it (PointsTable, BC_QUOTA_RESERVE, BC_QUOTA_WINDOW_MS). */
export function budgetOf(storeHash: string): CallBudget & { writes: BudgetWrites } {
  let budget = budgets.get(storeHash);
  if (!budget) {
    const { quotaReserve, quotaWindowMs } = settings();
    budget = storeBudget(pointsTable(), storeHash, { reserve: quotaReserve, windowMs: quotaWindowMs });
    budgets.set(storeHash, budget);
  }
  return budget;
}
