// The retention run on DynamoDB Local: every item of a store uninstalled longer than the retention
// ago goes (and nothing of a store whose hash merely starts the same), a reinstall cancels it, a
// run stopped half-way resumes to the same result, and a second run deletes nothing.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import type { PurgeReport } from '@bc-loyalty/shared/stores';
import {
  auditKey,
  budgetKey,
  couponKey,
  idempotencySk,
  accountPk,
  orderEventKey,
  orderKey,
  PURGE_PK,
  rebuildCheckpointKey,
  redemptionKey,
  rewardKey,
  storeKey,
  storeOfPk,
} from '../layers/shared/src/table-keys';
import { testTable, useTestTable } from './support/environment';

const NOW = new Date();
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const ULID = (n: number) => `01JD7X5Q9W2M3N4P5R6S7T8V${String(n).padStart(2, '0')}`;
let ledger: typeof import('@bc-loyalty/shared/ledger');
let stores: typeof import('@bc-loyalty/shared/stores');

beforeAll(async () => {
  await useTestTable();
  ledger = await import('@bc-loyalty/shared/ledger');
  stores = await import('@bc-loyalty/shared/stores');
});

/** A store with a bit of everything: ledger, redemptions, coupons, orders, users, audit, stats, budget. */
async function seedStore(table: PointsTable, storeHash: string, customers = 4): Promise<void> {
  await stores.recordInstall(
    table,
    { storeHash, scopes: 'store_v2_customers', encryptedAccessToken: 'sealed' },
    daysAgo(400),
  );
  await stores.upsertStoreUser(table, { storeHash, userId: 1, email: 'owner@example.com' });
  const puts: Record<string, unknown>[] = [
    rewardKey(storeHash, 'five-off'),
    budgetKey(storeHash, 1_700_000_000_000),
    rebuildCheckpointKey(storeHash),
    auditKey(storeHash, ULID(0)),
  ];
  for (let customerId = 1; customerId <= customers; customerId++) {
    const customer = { storeHash, customerId };
    await ledger.applyPointsChange(table, customer, {
      type: 'earn',
      points: 500,
      reason: 'order',
      orderId: `${customerId}`,
    });
    await ledger.applyPointsChange(table, customer, {
      type: 'redeem',
      points: -300,
      reason: 'reward',
      redemptionId: ULID(customerId),
    });
    puts.push(
      { ...redemptionKey(customer, ULID(customerId)), status: 'used' },
      { pk: accountPk(customer), sk: idempotencySk(`key-${customerId}`) },
      couponKey(storeHash, `PTS-${customerId}`),
      orderKey(storeHash, customerId),
      orderEventKey(storeHash, customerId, `hash${customerId}`),
    );
  }
  await ledger.batchWriteAll(
    table,
    puts.map((Item) => ({ PutRequest: { Item } })),
  );
}

/** Items per store (and `PURGE` for the queue), by a full scan. */
async function countItems(table: PointsTable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const page of ledger.scanPages(table, { ProjectionExpression: 'pk' })) {
    for (const { pk } of page) {
      const owner = storeOfPk(String(pk)) ?? String(pk);
      counts[owner] = (counts[owner] ?? 0) + 1;
    }
  }
  return counts;
}

/** Four stores: abc due, abcd installed, recent uninstalled 10 days ago, back reinstalled after 91. */
async function seedFourStores(): Promise<PointsTable> {
  const table = testTable(await useTestTable());
  for (const store of ['abc', 'abcd', 'recent', 'back']) await seedStore(table, store);
  const teardown = { at: NOW.toISOString(), failed: [] };
  await stores.recordUninstall(table, 'abc', teardown, daysAgo(91));
  await stores.recordUninstall(table, 'recent', teardown, daysAgo(10));
  await stores.recordUninstall(table, 'back', teardown, daysAgo(91));
  await stores.recordInstall(table, {
    storeHash: 'back',
    scopes: 'store_v2_customers',
    encryptedAccessToken: 'sealed',
  });
  return table;
}

const outcomes = (report: PurgeReport) => Object.fromEntries(report.stores.map((s) => [s.storeHash, s.outcome]));

describe('the retention run', () => {
  let before: Record<string, number>;
  let table: PointsTable;

  beforeAll(async () => {
    table = await seedFourStores();
    before = await countItems(table);
  }, 60_000);

  it('deletes every item of the store due, and nothing of abcd, of a recent uninstall or of a reinstalled store', async () => {
    // 4 customers × (account, 2 entries, idempotency, redemption, coupon, order, event) + record,
    // user, reward, budget, checkpoint, audit, stats shards (random: 1 to 4 per period).
    expect(before.abc).toBeGreaterThanOrEqual(4 * 8 + 6 + 2);
    expect(before.PURGE).toBe(3);
    const report = await stores.purgeDueStores(table, { retentionDays: 90, now: NOW });
    expect(report).toMatchObject({ done: true, resumed: false });
    expect(outcomes(report)).toEqual({ abc: 'purged', back: 'cancelled' });
    expect(report.stores.find((s) => s.storeHash === 'abc')?.deleted).toBe(before.abc);
    const after = await countItems(table);
    expect(after).toEqual({ abcd: before.abcd, recent: before.recent, back: before.back, PURGE: 1 });
    // the queue keeps the recent uninstall only; the reinstalled store's entry went
    const queue = await ledger.queryAll(table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PURGE_PK },
    });
    expect(queue.map((e) => e.storeHash)).toEqual(['recent']);
  });

  it('deletes nothing on a second run', async () => {
    const again = await stores.purgeDueStores(table, { retentionDays: 90, now: NOW });
    expect(again).toEqual({ stores: [], scanned: 0, resumed: false, done: true });
    expect((await countItems(table)).abcd).toBe(before.abcd);
  });

  it('purges the recent uninstall once its own retention has passed', async () => {
    const report = await stores.purgeDueStores(table, { retentionDays: 9, now: NOW });
    expect(outcomes(report)).toEqual({ recent: 'purged' });
    expect(await countItems(table)).toEqual({ abcd: before.abcd, back: before.back });
  });
});

describe('stores uninstalled before the uninstall queued them', () => {
  it('are queued once by queueUninstalledStores, then purged by the run', async () => {
    const table = testTable(await useTestTable());
    await seedStore(table, 'old', 2);
    await seedStore(table, 'live', 2);
    // as an uninstall before this release left it: the record only, no queue entry
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: storeKey('old'),
        UpdateExpression: 'SET #status = :uninstalled, uninstalledAt = :at REMOVE encryptedAccessToken',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':uninstalled': 'uninstalled', ':at': daysAgo(200).toISOString() },
      }),
    );
    expect((await stores.purgeDueStores(table, { retentionDays: 90, now: NOW })).stores).toEqual([]);
    expect(await stores.queueUninstalledStores(table)).toEqual([
      { storeHash: 'old', uninstalledAt: daysAgo(200).toISOString() },
    ]);
    const before = await countItems(table);
    expect(outcomes(await stores.purgeDueStores(table, { retentionDays: 90, now: NOW }))).toEqual({ old: 'purged' });
    expect(await countItems(table)).toEqual({ live: before.live });
  }, 60_000);
});

describe('a retention run stopped half-way', () => {
  it('resumes from its checkpoint, a page at a time, to the same result as one run', async () => {
    const table = await seedFourStores();
    const before = await countItems(table);
    const dry = await stores.purgeDueStores(table, { retentionDays: 90, now: NOW, dryRun: true });
    expect(dry.stores.find((s) => s.storeHash === 'abc')?.deleted).toBe(before.abc! - 1); // the record goes last
    expect(await countItems(table)).toEqual(before);
    const legs: PurgeReport[] = [];
    do {
      // a deadline already past: each run stops after its first page of 10 items
      legs.push(await stores.purgeDueStores(table, { retentionDays: 90, now: NOW, pageSize: 10, stopAfter: 0 }));
    } while (!legs.at(-1)!.done);
    expect(legs.length).toBeGreaterThan(5);
    expect(legs[0]).toMatchObject({ resumed: false, done: false });
    expect(legs.slice(1).every((leg) => leg.resumed)).toBe(true);
    const last = legs.at(-1)!;
    expect(last.stores.find((s) => s.storeHash === 'abc')).toMatchObject({ outcome: 'purged', deleted: before.abc });
    expect(last.scanned).toBeGreaterThanOrEqual(Object.values(before).reduce((a, b) => a + b, 0));
    expect(await countItems(table)).toEqual({ abcd: before.abcd, recent: before.recent, back: before.back, PURGE: 1 });
  }, 60_000);
});
