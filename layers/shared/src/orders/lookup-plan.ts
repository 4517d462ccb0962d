// How to fetch a batch's orders with the fewest calls. BigCommerce numbers a store's orders in
// sequence, so the ids of one batch mostly sit close together: one `GET /v2/orders?min_id=&max_id=`
// whose range spans at most a page (250 ids) answers all of them at once, and can never need a
// second page. Ids far from the others (an old order refunded today) get their own
// `GET /v2/orders/{id}`: a range stretched to reach them would fetch pages of unrelated orders.

/** An id range fetched with one list call (inclusive bounds). */
export interface IdRange {
  minId: number;
  maxId: number;
}

/** The calls that fetch a set of order ids: list ranges, then single lookups. */
export interface LookupPlan {
  ranges: IdRange[];
  singles: number[];
}

/**
 * Splits `ids` into ranges of at most `span` consecutive ids (greedy from the lowest), each holding
 * at least two of the ids; an id alone in its span is a single lookup (the same one call, without
 * listing up to span − 1 unrelated orders).
 *
 * @example
 * planOrderLookups([101, 102, 180, 9000], 250) // → { ranges: [{ minId: 101, maxId: 180 }], singles: [9000] }
 */
export function planOrderLookups(ids: Iterable<number>, span: number): LookupPlan {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const plan: LookupPlan = { ranges: [], singles: [] };
  for (let start = 0; start < sorted.length; ) {
    const first = sorted[start]!;
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1]! - first < span) end++;
    if (end === start) plan.singles.push(first);
    else plan.ranges.push({ minId: first, maxId: sorted[end]! });
    start = end + 1;
  }
  return plan;
}
