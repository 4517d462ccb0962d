export { ALONE_SHARE, type CallPriority, PRIORITIES, PRIORITY_SHARE, type RateLimit } from './policy';
export type { BudgetGrant, BudgetOptions, BudgetWrites, CallBudget } from './call-budget';
export { storeBudget } from './store-budget';
export { budgetOf } from './container-budgets';
