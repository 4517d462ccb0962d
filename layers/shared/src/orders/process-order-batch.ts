// A stream batch of order events → each order reconciled once against its current state. The
// events are grouped per store and per order (duplicates and disorder collapse: the order's state
// now is what counts), each store's orders fetched with as few calls as fetchOrders can make, and
// the store's earning rule read once. A failure fails exactly the events of the orders it touched.
import { storeClient } from '../bigcommerce';
import { logger } from '../logger';
import type { PointsTable } from '../ledger';
import { fetchOrders } from './fetch-orders';
import type { OrderEvent } from './order-events';
import { earningRuleOf, markUsedCoupons, type OrderEvents, settleOrder } from './settle-order';
import type { ReconcileOutcome } from './reconcile-order';

/** An order event with the id its stream record is reported by (the sequence number). */
export interface BatchEvent {
  id: string;
  event: OrderEvent;
}

/** What a batch did for one order: its outcome, or the error that failed its events. */
export interface OrderResult {
  storeHash: string;
  orderId: number;
  outcome: ReconcileOutcome | 'ignored' | Error;
}

/** Per order of the batch, and the ids of the events that failed (to be delivered again). */
export interface BatchResult {
  orders: OrderResult[];
  failedIds: string[];
}

/** Orders reconciled at once: independent orders, bounded so a batch does not flood the table. */
const RECONCILE_CONCURRENCY = 8;

interface OrderGroup extends OrderEvents {
  ids: string[];
  /** The earliest `createdAt` of the order's events (epoch s), when they carry one. */
  oldestAt?: number;
}

function groupByStoreAndOrder(events: BatchEvent[]): Map<string, Map<number, OrderGroup>> {
  const stores = new Map<string, Map<number, OrderGroup>>();
  for (const { id, event } of events) {
    const orders = stores.get(event.storeHash) ?? new Map<number, OrderGroup>();
    stores.set(event.storeHash, orders);
    const group = orders.get(event.orderId) ?? { ids: [], scopes: [], statusIds: [] };
    orders.set(event.orderId, group);
    group.ids.push(id);
    group.scopes.push(event.scope);
    if (event.statusId !== undefined) group.statusIds.push(event.statusId);
    if (event.createdAt !== undefined) group.oldestAt = Math.min(group.oldestAt ?? event.createdAt, event.createdAt);
  }
  return stores;
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function processStore(
  table: PointsTable,
  storeHash: string,
  orders: Map<number, OrderGroup>,
  deadline: number | undefined,
): Promise<OrderResult[]> {
  const client = await storeClient(storeHash, { priority: 'earning', deadline }, table);
  if (!client) {
    logger.warn('order events of a store that is not installed', { storeHash });
    return [...orders.keys()].map((orderId) => ({ storeHash, orderId, outcome: 'ignored' }));
  }
  const rule = await earningRuleOf(table, storeHash);
  const times = [...orders.values()].flatMap((o) => (o.oldestAt === undefined ? [] : [o.oldestAt]));
  const fetched = await fetchOrders(client, orders.keys(), times.length ? Math.min(...times) : undefined);
  const results = new Map<number, OrderResult>();
  // Points first: the codes' lookups (one call each, and quota they may wait for) come after.
  await eachLimited([...orders], RECONCILE_CONCURRENCY, async ([orderId, events]) => {
    const order = fetched.found.get(orderId);
    let outcome: OrderResult['outcome'] = fetched.failed.get(orderId) ?? 'ignored';
    if (fetched.missing.has(orderId)) logger.warn('order not found in BigCommerce', { storeHash, orderId });
    if (order) outcome = await settleOrder(table, client, order, rule, events).catch((error: Error) => error);
    results.set(orderId, { storeHash, orderId, outcome });
  });
  const settled = [...fetched.found.values()].filter((o) => !(results.get(o.id)?.outcome instanceof Error));
  await eachLimited(settled, RECONCILE_CONCURRENCY, async (order) => {
    await markUsedCoupons(table, client, order, orders.get(order.id)!).catch((error: Error) => {
      results.get(order.id)!.outcome = error; // its events come again: reconciled again, harmlessly
    });
  });
  return [...results.values()];
}

/**
 * Processes a batch of order events: one reconciliation per order, whatever the number, order and
 * duplication of its events. BigCommerce retries stop at `deadline` (epoch ms). Never throws: a
 * store's rule or client that cannot be read fails that store's events.
 */
export async function processOrderBatch(
  table: PointsTable,
  events: BatchEvent[],
  { deadline }: { deadline?: number } = {},
): Promise<BatchResult> {
  const result: BatchResult = { orders: [], failedIds: [] };
  for (const [storeHash, orders] of groupByStoreAndOrder(events)) {
    const done = await processStore(table, storeHash, orders, deadline).catch((error: Error) =>
      [...orders.keys()].map((orderId): OrderResult => ({ storeHash, orderId, outcome: error })),
    );
    for (const order of done) {
      result.orders.push(order);
      if (order.outcome instanceof Error) result.failedIds.push(...orders.get(order.orderId)!.ids);
    }
  }
  return result;
}
