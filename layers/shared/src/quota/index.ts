export { type CallPriority, PRIORITIES, PRIORITY_SHARE, type RateLimit } from './policy';
export { type BudgetGrant, type BudgetOptions, type BudgetWrites, type CallBudget, storeBudget } from './store-budget';
export { budgetOf } from './container-budgets';
