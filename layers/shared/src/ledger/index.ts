// The points ledger (DESIGN §4): accounts, their entries, the one way a balance changes, and the
// PointsTable handle every data function of the layer takes.
export { type AccountsPage, getAccount, getAccounts, scanStoreAccounts, scanStoreAccountsPage } from './accounts';
export { type AuditFinding, type AuditReport, auditLedger } from './audit';
export { type HistoryPage, listHistory } from './history';
export type { CustomerRef, EntryType, LedgerEntry, PointsAccount } from './model';
export { type Page, pageNewestFirst } from './pages';
export {
  type AppliedChange,
  applyPointsChange,
  type ChangeOptions,
  ConditionOfExtraWriteFailed,
  type PointsChange,
  storedResponse,
  type TransactItem,
} from './points-change';
export { ledgerStats, readStoreStats, rebuildStats, type StoreStats, statsUpdate } from './stats';
export {
  batchWriteAll,
  conditionalWrite,
  getItem,
  openPointsTable,
  type PointsTable,
  pointsTable,
  queryAll,
  queryPages,
  scanPage,
  scanPages,
  type WriteRequest,
} from './table';
export { accountPk } from '../table-keys';
