// How long an uninstalled store's data is kept (docs/app.md, "Uninstall and retention"), as pure
// rules: the retention job (purge-stores.ts) and its tests share them.
import type { StoreRecord } from './store-record';

const DAY_MS = 86_400_000;

/** An uninstall waiting in the purge queue: the store, and when it was uninstalled (ISO time). */
export interface QueuedUninstall {
  storeHash: string;
  uninstalledAt: string;
}

/**
 * The latest uninstall time whose store is due at `now`: `retentionDays` before it.
 *
 * @throws RangeError for a retention below one whole day (a store is never deleted the day it leaves).
 */
export function purgeCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new RangeError(`the retention must be at least 1 whole day, not ${retentionDays}`);
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Whether a store's data is due for deletion at `now` for the queued uninstall: its record still
 * says uninstalled at that very time (a reinstall removes `uninstalledAt`; a later uninstall
 * changes it and comes due on its own) and `retentionDays` have passed since.
 *
 * @example
 * isDueForPurge(record, { storeHash: 'abc', uninstalledAt: record.uninstalledAt }, new Date(), 90);
 */
export function isDueForPurge(
  record: StoreRecord | undefined,
  queued: QueuedUninstall,
  now: Date,
  retentionDays: number,
): boolean {
  return (
    record?.status === 'uninstalled' &&
    record.uninstalledAt === queued.uninstalledAt &&
    Date.parse(queued.uninstalledAt) <= purgeCutoff(now, retentionDays).getTime()
  );
}
