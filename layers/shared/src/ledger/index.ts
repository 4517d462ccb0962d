export { getAccount, getAccounts, scanStoreAccounts } from './accounts';
export { listHistory, type HistoryPage } from './history';
export type { CustomerRef } from './keys';
export { accountPk } from './keys';
export type { EntryType, LedgerEntry, PointsAccount } from './model';
export { pageNewestFirst, type Page } from './pages';
export { applyPointsChange, ConditionOfExtraWriteFailed, type PointsChange, type TransactItem } from './points-change';
export { pointsTable } from './table';
export { auditLedger, type AuditFinding, type AuditReport } from './audit';
