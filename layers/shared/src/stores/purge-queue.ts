// The purge queue (table-keys.ts: pk PURGE, one entry per uninstall, written in the uninstall's
// own transaction): which stores are due, and the last step of a purge — the store's record and
// its entry deleted once nothing else of the store is left.
import { DeleteCommand, PutCommand, TransactWriteCommand } from '../aws';
import { conditionalWrite, type PointsTable, queryAll, scanPages } from '../ledger';
import { PURGE_PK, purgeEntriesUpTo, purgeEntryKey, STORE_SK, storeKey } from '../table-keys';
import { isDueForPurge, purgeCutoff, type QueuedUninstall } from './retention';
import { getStoreRecord } from './store-record';

/** The queue entry of an uninstall (the item recordUninstall writes). */
export const purgeEntry = (queued: QueuedUninstall) => ({
  ...purgeEntryKey(queued.storeHash, queued.uninstalledAt),
  storeHash: queued.storeHash,
  uninstalledAt: queued.uninstalledAt,
});

/**
 * Queues every uninstalled store: once, after upgrading, for stores uninstalled before the
 * uninstall queued them (a scan of the table; a store already queued gets the same entry again).
 */
export async function queueUninstalledStores(table: PointsTable): Promise<QueuedUninstall[]> {
  const queued: QueuedUninstall[] = [];
  const pages = scanPages(table, {
    FilterExpression: 'sk = :record AND #status = :uninstalled AND attribute_exists(uninstalledAt)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':record': STORE_SK, ':uninstalled': 'uninstalled' },
    ProjectionExpression: 'storeHash, uninstalledAt',
  });
  for await (const page of pages) {
    for (const record of page) {
      const entry = { storeHash: String(record.storeHash), uninstalledAt: String(record.uninstalledAt) };
      await table.client.send(new PutCommand({ TableName: table.name, Item: purgeEntry(entry) }));
      queued.push(entry);
    }
  }
  return queued;
}

/** The queue's entries of stores uninstalled `retentionDays` or more before `now`, oldest first (one Query). */
export async function queuedUninstallsDue(
  table: PointsTable,
  now: Date,
  retentionDays: number,
): Promise<QueuedUninstall[]> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'pk = :pk AND sk <= :upTo',
    ExpressionAttributeValues: { ':pk': PURGE_PK, ':upTo': purgeEntriesUpTo(purgeCutoff(now, retentionDays)) },
    ConsistentRead: true,
  });
  return items.map((item) => ({ storeHash: String(item.storeHash), uninstalledAt: String(item.uninstalledAt) }));
}

/** Whether the queued uninstall still holds at `now` (a consistent read of the store's record). */
export async function stillDue(
  table: PointsTable,
  queued: QueuedUninstall,
  now: Date,
  retentionDays: number,
): Promise<boolean> {
  return isDueForPurge(await getStoreRecord(table, queued.storeHash, true), queued, now, retentionDays);
}

/** Drops a queue entry that no longer holds (the store was reinstalled, uninstalled again, or is gone). */
export async function dropQueueEntry(table: PointsTable, queued: QueuedUninstall): Promise<void> {
  await table.client.send(
    new DeleteCommand({ TableName: table.name, Key: purgeEntryKey(queued.storeHash, queued.uninstalledAt) }),
  );
}

/**
 * Deletes the store's record and its queue entry together, the record only if it still says
 * uninstalled at the queued time (a reinstall since keeps its record) or is already gone (a run
 * killed while finishing). True when the record went.
 */
export async function deleteStoreRecord(table: PointsTable, queued: QueuedUninstall): Promise<boolean> {
  const deleted = await conditionalWrite(
    table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: table.name,
              Key: storeKey(queued.storeHash),
              ConditionExpression: 'attribute_not_exists(pk) OR (#status = :uninstalled AND uninstalledAt = :at)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':uninstalled': 'uninstalled', ':at': queued.uninstalledAt },
            },
          },
          { Delete: { TableName: table.name, Key: purgeEntryKey(queued.storeHash, queued.uninstalledAt) } },
        ],
      }),
    ),
  );
  if (!deleted) await dropQueueEntry(table, queued);
  return deleted;
}
