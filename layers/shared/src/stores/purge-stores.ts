// The retention job (docs/app.md, "Uninstall and retention"): deletes every item of the stores
// uninstalled `retentionDays` or more ago. A store's customer, order and coupon partitions cannot
// be queried by prefix, so one Scan (keys only, filtered to the due stores' partitions) serves
// every store due that run, and each page's items go in BatchWriteItem deletes.
// Resumable: after each page the scan's position and the stores being purged are saved in the
// checkpoint item, so a run stopped by its deadline (or killed) goes on from there next time; a
// store's record and its queue entry go last, after a completed scan, so a store is never left
// half-deleted and forgotten. Before a page's deletes each of its stores is read again: one
// reinstalled meanwhile is dropped from the run, and keeps what the purge had not reached.
import { batchWriteAll, getItem, type PointsTable, scanPage } from '../ledger';
import { DeleteCommand, PutCommand } from '../aws';
import { purgeCheckpointKey, storeKey, storeOfPk, storePartitionsPrefix, storePk, type TableKey } from '../table-keys';
import { deleteStoreRecord, dropQueueEntry, queuedUninstallsDue, stillDue } from './purge-queue';
import type { QueuedUninstall } from './retention';

/** A store of a purge run: the items deleted so far (`dryRun`: that would be) and where it stands. */
export interface PurgedStore extends QueuedUninstall {
  deleted: number;
  /** `cancelled`: reinstalled (or uninstalled again later) before its data was gone. */
  outcome: 'purging' | 'purged' | 'cancelled';
}

/** What a run did (with the runs before it, when it resumed a checkpoint). */
export interface PurgeReport {
  resumed: boolean;
  stores: PurgedStore[];
  /** Items the scan read so far: its share of the table's item count is the progress. */
  scanned: number;
  done: boolean;
}

/** How a run goes; see purgeDueStores. */
export interface PurgeOptions {
  retentionDays: number;
  now?: Date;
  /** Table items per scan page (DynamoDB's Limit; a page reads at most 1 MB anyway). */
  pageSize?: number;
  /** Stop after the page in progress once this epoch ms has passed; the checkpoint carries on. */
  stopAfter?: number;
  /** Count what would be deleted; delete and write nothing (a checkpoint is neither read nor written). */
  dryRun?: boolean;
}

type Checkpoint = { stores: PurgedStore[]; nextKey?: Record<string, unknown>; scanned: number };

/** Stores per run: the scan's filter names each (FilterExpression ≤ 4 KB); the rest wait for the next run. */
const MAX_STORES_PER_RUN = 25;
/** BatchWriteItem calls in flight: a 1 MB page of keys is thousands of deletes (a table on demand takes 4,000 WRU/s from the start). */
const DELETE_CONCURRENCY = 8;

/**
 * Purges the stores due at `now` (from the checkpoint of an unfinished run first), a scan page at
 * a time, until the scan completes or `stopAfter` passes (at least one page a run).
 *
 * @throws Error for a storage error (the checkpoint holds; the next run repeats at most one page).
 * @example
 * const report = await purgeDueStores(table, { retentionDays: 90, stopAfter: Date.now() + 600_000 });
 */
export async function purgeDueStores(table: PointsTable, options: PurgeOptions): Promise<PurgeReport> {
  const { retentionDays, now = new Date(), pageSize, stopAfter, dryRun = false } = options;
  const { pk: _pk, sk: _sk, ...saved } = (dryRun ? undefined : await getItem(table, purgeCheckpointKey, true)) ?? {};
  const resumed = Array.isArray(saved.stores);
  let checkpoint: Checkpoint = resumed
    ? (saved as Checkpoint)
    : { stores: await storesDue(table, now, retentionDays, dryRun), scanned: 0 };
  const save = async () => {
    if (!dryRun)
      await table.client.send(
        new PutCommand({ TableName: table.name, Item: { ...purgeCheckpointKey, ...checkpoint } }),
      );
  };
  const purging = () => checkpoint.stores.filter((s) => s.outcome === 'purging');
  if (!resumed && purging().length > 0) await save();
  while (purging().length > 0) {
    const page = await scanPage(table, { ...filterOf(purging()), Limit: pageSize }, checkpoint.nextKey);
    const keys = page.items as TableKey[];
    const dropped = await cancelReinstalled(table, purging(), keys, now, retentionDays, dryRun);
    const doomed = keys.filter((k) => !dropped.has(storeOfPk(k.pk) ?? '') && !isStoreRecord(k));
    if (!dryRun)
      await batchWriteAll(
        table,
        doomed.map((Key) => ({ DeleteRequest: { Key } })),
        DELETE_CONCURRENCY,
      );
    const deletedOf = (hash: string) => doomed.filter((k) => storeOfPk(k.pk) === hash).length;
    checkpoint = {
      stores: checkpoint.stores.map((s) =>
        dropped.has(s.storeHash)
          ? { ...s, outcome: 'cancelled' }
          : { ...s, deleted: s.deleted + deletedOf(s.storeHash) },
      ),
      nextKey: page.nextKey,
      scanned: checkpoint.scanned + page.scanned,
    };
    if (page.nextKey === undefined) break;
    await save();
    if (stopAfter !== undefined && Date.now() >= stopAfter)
      return { stores: checkpoint.stores, scanned: checkpoint.scanned, resumed, done: false };
  }
  const stores = dryRun ? checkpoint.stores : await finish(table, checkpoint.stores);
  return { stores, scanned: checkpoint.scanned, resumed, done: true };
}

/** The queued uninstalls due at `now` whose stores are still uninstalled; the others leave the queue. */
async function storesDue(
  table: PointsTable,
  now: Date,
  retentionDays: number,
  dryRun: boolean,
): Promise<PurgedStore[]> {
  const queued = await queuedUninstallsDue(table, now, retentionDays);
  const stores: PurgedStore[] = [];
  for (const entry of queued) {
    if (await stillDue(table, entry, now, retentionDays)) {
      if (stores.filter((s) => s.outcome === 'purging').length < MAX_STORES_PER_RUN)
        stores.push({ ...entry, deleted: 0, outcome: 'purging' });
    } else {
      if (!dryRun) await dropQueueEntry(table, entry);
      stores.push({ ...entry, deleted: 0, outcome: 'cancelled' });
    }
  }
  return stores;
}

/** The stores of this page no longer due (reinstalled since the run began); their queue entries dropped. */
async function cancelReinstalled(
  table: PointsTable,
  stores: PurgedStore[],
  keys: TableKey[],
  now: Date,
  retentionDays: number,
  dryRun: boolean,
): Promise<Set<string>> {
  const inPage = new Set(keys.map((k) => storeOfPk(k.pk)));
  const checked = await Promise.all(
    stores
      .filter((s) => inPage.has(s.storeHash))
      .map(async (s) => ({ store: s, due: await stillDue(table, s, now, retentionDays) })),
  );
  const gone = checked.filter((c) => !c.due).map((c) => c.store);
  if (!dryRun) await Promise.all(gone.map((s) => dropQueueEntry(table, s)));
  return new Set(gone.map((s) => s.storeHash));
}

/** Each store's record and queue entry deleted (the record counted), then the checkpoint. */
async function finish(table: PointsTable, stores: PurgedStore[]): Promise<PurgedStore[]> {
  const finished: PurgedStore[] = [];
  for (const store of stores) {
    if (store.outcome !== 'purging') finished.push(store);
    else if (await deleteStoreRecord(table, store))
      finished.push({ ...store, deleted: store.deleted + 1, outcome: 'purged' });
    else finished.push({ ...store, outcome: 'cancelled' });
  }
  await table.client.send(new DeleteCommand({ TableName: table.name, Key: purgeCheckpointKey }));
  return finished;
}

/** The scan's keys-only filter: the partitions of `stores`, exactly (`STORE#abc` never matches `STORE#abcd…`). */
function filterOf(stores: QueuedUninstall[]) {
  const values: Record<string, string> = {};
  const terms = stores.map(({ storeHash }, i) => {
    values[`:own${i}`] = storePk(storeHash);
    values[`:under${i}`] = storePartitionsPrefix(storeHash);
    return `pk = :own${i} OR begins_with(pk, :under${i})`;
  });
  return { ProjectionExpression: 'pk, sk', FilterExpression: terms.join(' OR '), ExpressionAttributeValues: values };
}

/** The store's own record: deleted last, by finish. */
function isStoreRecord({ pk, sk }: TableKey): boolean {
  const record = storeKey(storeOfPk(pk) ?? '');
  return record.pk === pk && record.sk === sk;
}
