// The key layout of PointsTable (DESIGN §4, §11), the one place it is written: every reader and
// writer of the table (ledger, orders, rewards, stream consumers) builds and parses keys here.
// Every partition key starts with its store, so store isolation is a property of the key, not of
// a filter — except the purge queue's, which names stores (stores/purge-stores.ts).
//
// | item              | pk                               | sk                      |
// | account           | STORE#{hash}#CUSTOMER#{id}       | ACCOUNT                 |
// | ledger entry      | STORE#{hash}#CUSTOMER#{id}       | TX#{version, 12 digits} |
// | idempotency       | STORE#{hash}#CUSTOMER#{id}       | IDEMPOTENCY#{key}       |
// | redemption        | STORE#{hash}#CUSTOMER#{id}       | REDEMPTION#{ulid}       |
// | reward            | STORE#{hash}                     | REWARD#{id}             |
// | coupon lookup     | STORE#{hash}#COUPON#{CODE}       | COUPON                  |
// | order record      | STORE#{hash}#ORDER#{id}          | ORDER                   |
// | order event       | STORE#{hash}#ORDER#{id}          | EVENT#{payload hash}    |
// | store stats shard | STORE#{hash}                     | STATS#{yyyy-mm|TOTAL}#{shard} |
// | admin audit item  | STORE#{hash}#AUDIT               | AUDIT#{ulid}            |
// | request budget    | STORE#{hash}                     | BUDGET#{window start}   |
// | rebuild checkpoint| STORE#{hash}                     | REBUILD                 |
// | purge queue entry | PURGE                            | {uninstalledAt ISO}#{hash} |
// | purge checkpoint  | PURGE                            | RUN                     |
import type { CustomerRef } from './ledger/model';

/** A DynamoDB primary key of PointsTable. */
// A type, not an interface: it is passed where the SDK expects a Record<string, unknown>.
export type TableKey = { pk: string; sk: string };

/** A store's own items (its reward catalog). */
export const storePk = (storeHash: string): string => `STORE#${storeHash}`;

/** The partition-key prefix of every customer of a store (a scan of its accounts). */
export const storeCustomersPrefix = (storeHash: string): string => `${storePk(storeHash)}#CUSTOMER#`;

/** A customer's partition: the account, its entries, idempotency records and redemptions. */
export const accountPk = ({ storeHash, customerId }: CustomerRef): string =>
  `${storeCustomersPrefix(storeHash)}${customerId}`;

/** The sort key of an account item (the stream filters of the mirror match on it). */
export const ACCOUNT_SK = 'ACCOUNT';
/** The key of a customer's account item. */
export const accountKey = (customer: CustomerRef): TableKey => ({ pk: accountPk(customer), sk: ACCOUNT_SK });

const ACCOUNT_PK = /^STORE#([a-z0-9]{1,32})#CUSTOMER#(\d{1,15})$/;
/** The customer a partition key belongs to, or undefined for any other partition. */
function customerOfPk(pk: string): CustomerRef | undefined {
  const match = ACCOUNT_PK.exec(pk);
  return match ? { storeHash: match[1]!, customerId: Number(match[2]) } : undefined;
}

/** The account a key names, or undefined for any other item (stream records carry keys). */
export function accountOfKey(key: Partial<TableKey>): CustomerRef | undefined {
  return key.sk === ACCOUNT_SK ? customerOfPk(key.pk ?? '') : undefined;
}

/**
 * Ledger entries sort by the account version they produced: strictly ordered per account, unlike
 * wall-clock ids from different containers.
 */
export const ENTRY_PREFIX = 'TX#';
/** The sort key of the entry that took the account to `version`. */
export const entrySk = (version: number): string => `${ENTRY_PREFIX}${String(version).padStart(12, '0')}`;
/** What a ledger entry's sort key looks like (a history cursor must match it). */
export const ENTRY_SK_PATTERN = /^TX#\d{12}$/;

/** The sort key of an idempotency record (beside the account it changed). */
export const idempotencySk = (key: string): string => `IDEMPOTENCY#${key}`;

/** The sort-key prefix of a store's rewards. */
export const REWARD_PREFIX = 'REWARD#';
/** The key of one reward of a store's catalog. */
export const rewardKey = (storeHash: string, rewardId: string): TableKey => ({
  pk: storePk(storeHash),
  sk: `${REWARD_PREFIX}${rewardId}`,
});

/** A redemption lives beside its account; ULID ids make `sk` sort oldest → newest. */
export const REDEMPTION_PREFIX = 'REDEMPTION#';
/** What a redemption's sort key looks like (a redemptions cursor must match it). */
export const REDEMPTION_SK_PATTERN = /^REDEMPTION#[0-9A-HJKMNP-TV-Z]{26}$/;
/** The key of a customer's redemption. */
export const redemptionKey = (customer: CustomerRef, redemptionId: string): TableKey => ({
  pk: accountPk(customer),
  sk: `${REDEMPTION_PREFIX}${redemptionId}`,
});

/** The redemption a key names (customer and id), or undefined for any other item. */
export function redemptionOfKey(key: Partial<TableKey>): (CustomerRef & { redemptionId: string }) | undefined {
  const customer = customerOfPk(key.pk ?? '');
  const sk = key.sk ?? '';
  if (!customer || !sk.startsWith(REDEMPTION_PREFIX)) return undefined;
  return { ...customer, redemptionId: sk.slice(REDEMPTION_PREFIX.length) };
}

/**
 * Which redemption a coupon code belongs to (an order names only the code): one item per code,
 * written in the redeem transaction, so a code can never point at two redemptions.
 */
export const couponKey = (storeHash: string, code: string): TableKey => ({
  pk: `${storePk(storeHash)}#COUPON#${code.toUpperCase()}`,
  sk: 'COUPON',
});

/** The partition-key prefix of every order of a store (its record and its stored events). */
export const storeOrdersPrefix = (storeHash: string): string => `${storePk(storeHash)}#ORDER#`;
const orderPk = (storeHash: string, orderId: number): string => `${storeOrdersPrefix(storeHash)}${orderId}`;

/** The order record: what the ledger has done for one order. */
export const orderKey = (storeHash: string, orderId: number): TableKey => ({
  pk: orderPk(storeHash, orderId),
  sk: 'ORDER',
});

/** A stored order webhook, keyed by BigCommerce's payload hash (a repeated delivery collapses). */
export const ORDER_EVENT_PREFIX = 'EVENT#';
/** The key of a stored order event. */
export const orderEventKey = (storeHash: string, orderId: number, payloadHash: string): TableKey => ({
  pk: orderPk(storeHash, orderId),
  sk: `${ORDER_EVENT_PREFIX}${payloadHash}`,
});

/** A store's own record (DESIGN §12): installed or not, scopes, settings, its encrypted token. */
export const storeKey = (storeHash: string): TableKey => ({ pk: storePk(storeHash), sk: STORE_SK });
/** The sort key of a store's record (a scan for every store's record filters on it). */
export const STORE_SK = 'STORE';

/** The sort-key prefix of a store's control-panel users (one item per user who opened the app). */
export const STORE_USER_PREFIX = 'USER#';
/** A control-panel user of a store: admin sessions are valid only while this item exists. */
export const storeUserKey = (storeHash: string, userId: number): TableKey => ({
  pk: storePk(storeHash),
  sk: `${STORE_USER_PREFIX}${userId}`,
});

/**
 * A store's running figures (the admin overview), split over shards so no single item is hot: each
 * balance change adds to one random shard of its month (`STATS#{yyyy-mm}#{shard}`) and of the
 * store's totals (`STATS#TOTAL#{shard}`), in the change's own transaction; a read sums the shards.
 */
export const STATS_PREFIX = 'STATS#';
/** How many shards each figure is split over (a read queries them all; a write touches one). */
export const STATS_SHARDS = 64;
/** `TOTAL` or a UTC month `yyyy-mm`. */
export type StatsPeriod = 'TOTAL' | `${number}-${number}`;
/** The key of one shard of a store's figures for `period`. */
export const statsKey = (storeHash: string, period: StatsPeriod, shard: number): TableKey => ({
  pk: storePk(storeHash),
  sk: `${STATS_PREFIX}${period}#${String(shard).padStart(2, '0')}`,
});
/** The sort-key prefix of every shard of `period`. */
export const statsPrefix = (period: StatsPeriod): string => `${STATS_PREFIX}${period}#`;

/** A store's audit trail of admin writes: its own partition, newest first by a ULID sort key. */
export const auditPk = (storeHash: string): string => `${storePk(storeHash)}#AUDIT`;
/** The sort-key prefix of audit items. */
export const AUDIT_PREFIX = 'AUDIT#';
/** What an audit item's sort key looks like (an audit cursor must match it). */
export const AUDIT_SK_PATTERN = /^AUDIT#[0-9A-HJKMNP-TV-Z]{26}$/;
/** The key of one audit item. */
export const auditKey = (storeHash: string, id: string): TableKey => ({
  pk: auditPk(storeHash),
  sk: `${AUDIT_PREFIX}${id}`,
});

/**
 * A store's BigCommerce request budget for one rate-limit window (quota/store-budget.ts): every
 * function of the store counts its calls here, so the budget holds across Lambda environments.
 */
export const budgetKey = (storeHash: string, windowStart: number): TableKey => ({
  pk: storePk(storeHash),
  sk: `BUDGET#${String(windowStart).padStart(15, '0')}`,
});

/** A store's mirror-rebuild checkpoint: the scan position after the last completed page, and its run. */
export const rebuildCheckpointKey = (storeHash: string): TableKey => ({ pk: storePk(storeHash), sk: 'REBUILD' });

/** The partition-key prefix of every partition of a store but its own (`STORE#{hash}#…`). */
export const storePartitionsPrefix = (storeHash: string): string => `${storePk(storeHash)}#`;
const STORE_PK = /^STORE#([a-z0-9]{1,32})(?:#|$)/;
/**
 * The store a partition key belongs to: `STORE#{hash}` or `STORE#{hash}#…`, never a longer hash
 * (`STORE#abcd` is not `abc`'s). Undefined for the partitions that belong to no store.
 */
export function storeOfPk(pk: string): string | undefined {
  return STORE_PK.exec(pk)?.[1];
}

/**
 * The purge queue: one entry per uninstall, written with it (stores/store-writes.ts), sorted by
 * when the store was uninstalled, so the retention job finds the stores due with one Query, and a
 * changed retention applies to stores already uninstalled too.
 */
export const PURGE_PK = 'PURGE';
/** The queue entry of the uninstall of `storeHash` at `uninstalledAt` (an ISO time). */
export const purgeEntryKey = (storeHash: string, uninstalledAt: string): TableKey => ({
  pk: PURGE_PK,
  sk: `${uninstalledAt}#${storeHash}`,
});
/** The highest queue sort key of a store uninstalled at or before `cutoff` (`~` sorts after every hash). */
export const purgeEntriesUpTo = (cutoff: Date): string => `${cutoff.toISOString()}#~`;
/** The retention job's checkpoint: the stores being purged and its scan's position (sorts after every entry). */
export const purgeCheckpointKey: TableKey = { pk: PURGE_PK, sk: 'RUN' };
