// Re-mirrors every account of a store from the ledger: the attribute values are a derived copy,
// so this repairs anything (a deleted value, a dead-lettered batch, a new attribute).
import { type PointsTable, scanStoreAccounts } from '../ledger';
import { mirrorBalances, type AccountChange } from './mirror-balances';

/** Accounts read, customers mirrored and failed, and upsert calls made so far. */
export interface RebuildProgress {
  accounts: number;
  mirrored: number;
  failed: number;
  upsertCalls: number;
}

/** Re-mirrors every account of the store, reporting progress after each page of accounts. */
export async function rebuildMirror(
  table: PointsTable,
  storeHash: string,
  onProgress: (p: RebuildProgress) => void = () => {},
): Promise<RebuildProgress> {
  const progress: RebuildProgress = { accounts: 0, mirrored: 0, failed: 0, upsertCalls: 0 };
  for await (const accounts of scanStoreAccounts(table, storeHash)) {
    const changes: AccountChange[] = accounts.map((a) => ({
      storeHash,
      customerId: a.customerId,
      recordId: String(a.customerId),
    }));
    const outcome = await mirrorBalances(table, changes);
    progress.accounts += accounts.length;
    progress.mirrored += outcome.mirroredCustomers;
    progress.failed += outcome.failedRecordIds.length;
    progress.upsertCalls += outcome.upsertCalls;
    onProgress({ ...progress });
  }
  return progress;
}
