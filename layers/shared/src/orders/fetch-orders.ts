// A batch's orders from BigCommerce with as few calls as it allows. Every event of a batch was
// caused by a change to its order, so first `GET /v2/orders?min_date_modified=` (the batch's oldest
// event, less 2 s) lists them all at once while the store is busy: one page holds 250
// orders, i.e. several seconds of a sale-day burst, created, completed and refunded alike. What
// that misses (a page cap reached, an old event retried) is fetched by id: a list call per range of
// the lookup plan, then a single lookup for the rest; a 404 there means BigCommerce has no such
// order. A failed call fails only the ids it was for.
import {
  type BigCommerceClient,
  type BigCommerceOrder,
  getOrder,
  listOrdersPage,
  ORDERS_PAGE_LIMIT,
} from '../bigcommerce';
import { planOrderLookups } from './lookup-plan';

/** What BigCommerce said about each id: the order, missing (404), or the error that kept us from knowing. */
export interface FetchedOrders {
  found: Map<number, BigCommerceOrder>;
  missing: Set<number>;
  failed: Map<number, Error>;
}

/** Pages of "modified since" read at most: past that, the remaining ids cost fewer calls by id. */
const MAX_MODIFIED_PAGES = 4;
/**
 * How long before its webhook's `created_at` the change behind it may have happened: both are
 * BigCommerce's clock in whole seconds, and the callback is created with the change, so 2 s covers
 * the rounding; an order changed earlier still is found by id. More slack lists more orders.
 */
const MODIFIED_SLACK_MS = 2_000;

/**
 * Fetches every id once; never throws (a failed call is recorded against its ids).
 * `oldestEventAt` (epoch s, the batch's oldest webhook) enables the modified-since listing.
 */
export async function fetchOrders(
  client: BigCommerceClient,
  ids: Iterable<number>,
  oldestEventAt?: number,
): Promise<FetchedOrders> {
  const result: FetchedOrders = { found: new Map(), missing: new Set(), failed: new Map() };
  const wanted = new Set(ids);
  const take = (orders: BigCommerceOrder[]) => {
    for (const order of orders) if (wanted.delete(order.id)) result.found.set(order.id, order);
  };
  const fail = (which: Iterable<number>, error: unknown) => {
    for (const id of which) result.failed.set(id, error as Error);
  };
  if (oldestEventAt !== undefined) {
    const modifiedSince = new Date(oldestEventAt * 1000 - MODIFIED_SLACK_MS);
    try {
      for (let page = 1; page <= MAX_MODIFIED_PAGES && wanted.size > 0; page++) {
        const orders = await listOrdersPage(client, { modifiedSince }, page);
        take(orders);
        if (orders.length < ORDERS_PAGE_LIMIT) break;
      }
    } catch (error) {
      fail(wanted, error); // the lookups by id would meet the same outage
      return result;
    }
  }
  const plan = planOrderLookups(wanted, ORDERS_PAGE_LIMIT);
  const stragglers = [...plan.singles];
  for (const range of plan.ranges) {
    const inRange = [...wanted].filter((id) => id >= range.minId && id <= range.maxId);
    try {
      // A range spans at most one page of ids, so one page holds all of its orders.
      take(await listOrdersPage(client, range, 1));
      stragglers.push(...inRange.filter((id) => wanted.has(id)));
    } catch (error) {
      fail(inRange, error);
    }
  }
  for (const id of stragglers) {
    try {
      const order = await getOrder(client, id);
      if (order) result.found.set(id, order);
      else result.missing.add(id);
    } catch (error) {
      result.failed.set(id, error as Error);
    }
  }
  return result;
}
