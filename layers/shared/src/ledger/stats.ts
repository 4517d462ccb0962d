// A store's running figures for the admin overview (members, points outstanding, this month's flow,
// rewards issued and used), kept exact without scanning: every balance change adds its delta to one
// random shard of its month and of the store's totals in the change's own TransactWriteItems
// (points-change.ts), so a figure can never miss or double a change; a read sums the shards
// (2 queries of ≤ STATS_SHARDS small items). The shards keep concurrent changes of different
// customers from contending on one item. `ledgerStats` recomputes the same figures from the ledger
// (operations: check and rebuild).
import {
  ACCOUNT_SK,
  ENTRY_PREFIX,
  REDEMPTION_PREFIX,
  STATS_PREFIX,
  STATS_SHARDS,
  type StatsPeriod,
  statsKey,
  statsPrefix,
  storeCustomersPrefix,
  storePk,
} from '../table-keys';
import type { EntryType, PointsAccount } from './model';
import type { PlannedChange } from './plan-change';
import { batchWriteAll, type PointsTable, queryAll, scanPages, type TransactItem } from './table';

/** The figures of a store: all-time totals and one month's flow by entry type (signed sums). */
export interface StoreStats {
  /** Accounts with a balance above zero. */
  members: number;
  pointsOutstanding: number;
  /** Rewards bought (redemptions) and codes an order used, all time. */
  rewardsIssued: number;
  rewardsUsed: number;
  /** The month's signed sum of points per entry type (earn > 0, redeem < 0, …). */
  month: Record<EntryType, number>;
  /** The newest change any shard saw: which customer, when (for the mirror's lag). */
  lastChange: { customerId: number; at: string } | null;
}

const ENTRY_TYPES: EntryType[] = ['earn', 'redeem', 'reverse', 'adjust', 'expire', 'restore'];
const monthOf = (iso: string): StatsPeriod => iso.slice(0, 7) as StatsPeriod;
const randomShard = () => Math.floor(Math.random() * STATS_SHARDS);

/** An ADD of `values` to one random shard of `period` (and SETs of `set`), as a transaction item. */
export function statsUpdate(
  tableName: string,
  storeHash: string,
  period: StatsPeriod,
  values: Record<string, number>,
  set: Record<string, string | number> = {},
): TransactItem {
  const names: Record<string, string> = {};
  const attributeValues: Record<string, string | number> = {};
  const adds = Object.entries(values).map(([name, value], i) => {
    names[`#a${i}`] = name;
    attributeValues[`:a${i}`] = value;
    return `#a${i} :a${i}`;
  });
  const sets = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    attributeValues[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: statsKey(storeHash, period, randomShard()),
      UpdateExpression: `ADD ${adds.join(', ')}${sets.length ? ` SET ${sets.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: attributeValues,
    },
  };
}

/** What one balance change adds to the store's totals (pure: the unit tier tests it). */
export function totalsDelta(before: PointsAccount, { account, entry }: PlannedChange): Record<string, number> {
  return {
    pointsOutstanding: entry.points,
    members: Number(account.balance > 0) - Number(before.balance > 0),
    rewardsIssued: entry.type === 'redeem' ? 1 : 0,
  };
}

/** The two stats writes of a balance change: its month's flow and the store's totals. */
export function statsWrites(tableName: string, before: PointsAccount, change: PlannedChange): TransactItem[] {
  const { account, entry } = change;
  return [
    statsUpdate(tableName, account.storeHash, monthOf(entry.createdAt), { [entry.type]: entry.points }),
    statsUpdate(tableName, account.storeHash, 'TOTAL', totalsDelta(before, change), {
      lastCustomerId: account.customerId,
      lastChangeAt: entry.createdAt,
    }),
  ];
}

const emptyMonth = (): Record<EntryType, number> =>
  Object.fromEntries(ENTRY_TYPES.map((t) => [t, 0])) as Record<EntryType, number>;

/** The store's figures now, with the flow of `month` (`yyyy-mm`, UTC; none: zeros): the shards summed. */
export async function readStoreStats(table: PointsTable, storeHash: string, month?: string): Promise<StoreStats> {
  const shardsOf = (period: string) =>
    queryAll(table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': storePk(storeHash), ':prefix': statsPrefix(period as StatsPeriod) },
    });
  const [totals, months] = await Promise.all([shardsOf('TOTAL'), month ? shardsOf(month) : []]);
  const sum = (items: Record<string, unknown>[], name: string) => items.reduce((s, i) => s + Number(i[name] ?? 0), 0);
  const newest = totals
    .filter((i) => typeof i.lastChangeAt === 'string')
    .sort((a, b) => String(b.lastChangeAt).localeCompare(String(a.lastChangeAt)))[0];
  const monthFlow = emptyMonth();
  for (const type of ENTRY_TYPES) monthFlow[type] = sum(months, type);
  return {
    members: sum(totals, 'members'),
    pointsOutstanding: sum(totals, 'pointsOutstanding'),
    rewardsIssued: sum(totals, 'rewardsIssued'),
    rewardsUsed: sum(totals, 'rewardsUsed'),
    month: monthFlow,
    lastChange: newest ? { customerId: Number(newest.lastCustomerId), at: String(newest.lastChangeAt) } : null,
  };
}

/** The figures recomputed from the ledger itself, every month at once (a full scan: operations only). */
export async function ledgerStats(
  table: PointsTable,
  storeHash: string,
): Promise<{ totals: Omit<StoreStats, 'month' | 'lastChange'>; months: Map<string, Record<EntryType, number>> }> {
  const totals = { members: 0, pointsOutstanding: 0, rewardsIssued: 0, rewardsUsed: 0 };
  const months = new Map<string, Record<EntryType, number>>();
  const pages = scanPages(table, {
    FilterExpression: 'begins_with(pk, :prefix) AND sk = :account',
    ExpressionAttributeValues: { ':prefix': storeCustomersPrefix(storeHash), ':account': ACCOUNT_SK },
  });
  const itemsOf = (pk: string, prefix: string) =>
    queryAll(table, {
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    });
  for await (const accounts of pages) {
    for (const account of accounts) {
      const pk = String(account.pk);
      if (Number(account.balance) > 0) totals.members++;
      totals.pointsOutstanding += Number(account.balance);
      for (const entry of await itemsOf(pk, ENTRY_PREFIX)) {
        const month = monthOf(String(entry.createdAt));
        const flow = months.get(month) ?? emptyMonth();
        flow[entry.type as EntryType] += Number(entry.points);
        months.set(month, flow);
        if (entry.type === 'redeem') totals.rewardsIssued++;
      }
      for (const redemption of await itemsOf(pk, REDEMPTION_PREFIX))
        if (redemption.status === 'used') totals.rewardsUsed++;
    }
  }
  return { totals, months };
}

/**
 * Rewrites a store's figures from its ledger (stats kept before this feature, or repaired after a
 * finding): shard 0 of each period gets the recomputed figures, the other shards are deleted. Run
 * it while no balance of the store changes (a change landing meanwhile may be lost from the figures).
 */
export async function rebuildStats(table: PointsTable, storeHash: string): Promise<{ periods: number }> {
  const { totals, months } = await ledgerStats(table, storeHash);
  const old = await queryAll(table, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': storePk(storeHash), ':prefix': STATS_PREFIX },
  });
  const puts = [
    { ...statsKey(storeHash, 'TOTAL', 0), ...totals },
    ...[...months].map(([month, flow]) => ({ ...statsKey(storeHash, month as StatsPeriod, 0), ...flow })),
  ];
  const kept = new Set(puts.map((p) => p.sk));
  const requests = [
    ...old.filter((i) => !kept.has(String(i.sk))).map((i) => ({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } })),
    ...puts.map((Item) => ({ PutRequest: { Item } })),
  ];
  await batchWriteAll(table, requests);
  return { periods: puts.length };
}
