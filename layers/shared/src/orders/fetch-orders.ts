// A batch's orders from BigCommerce with as few calls as the lookup plan allows: the list call per
// range, then a single lookup for every id a range did not return (deleted or archived orders: a
// 404 there means BigCommerce has no such order). A failed call fails only the ids it was for.
import {
  type BigCommerceClient,
  type BigCommerceOrder,
  getOrder,
  listOrdersByIdRange,
  ORDERS_PAGE_LIMIT,
} from '../bigcommerce';
import { planOrderLookups } from './lookup-plan';

/** What BigCommerce said about each id: the order, missing (404), or the error that kept us from knowing. */
export interface FetchedOrders {
  found: Map<number, BigCommerceOrder>;
  missing: Set<number>;
  failed: Map<number, Error>;
}

/** Fetches every id once; never throws (a failed call is recorded against its ids). */
export async function fetchOrders(client: BigCommerceClient, ids: Iterable<number>): Promise<FetchedOrders> {
  const result: FetchedOrders = { found: new Map(), missing: new Set(), failed: new Map() };
  const unique = [...new Set(ids)];
  const plan = planOrderLookups(unique, ORDERS_PAGE_LIMIT);
  const stragglers = [...plan.singles];
  for (const { minId, maxId } of plan.ranges) {
    const wanted = unique.filter((id) => id >= minId && id <= maxId);
    try {
      const listed = new Map((await listOrdersByIdRange(client, minId, maxId)).map((o) => [o.id, o]));
      for (const id of wanted) {
        const order = listed.get(id);
        if (order) result.found.set(id, order);
        else stragglers.push(id);
      }
    } catch (error) {
      for (const id of wanted) result.failed.set(id, error as Error);
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
