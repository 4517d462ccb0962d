export { getAccount, getAccounts, scanStoreAccounts } from './accounts';
export { listHistory, type HistoryPage } from './history';
export type { CustomerRef } from './keys';
export { accountPk } from './keys';
export type { EntryType, LedgerEntry, PointsAccount } from './model';
export { applyPointsChange, ConditionOfExtraWriteFailed, type PointsChange } from './points-change';
export { redeemPoints, type Redemption } from './redeem';
export { pointsTable } from './table';
export { auditLedger, type AuditFinding, type AuditReport } from './audit';
