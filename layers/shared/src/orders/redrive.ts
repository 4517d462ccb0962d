// Re-drives the order events the webhook stored (EVENT# items, kept 14 days) through the same
// batch processing the stream consumer runs: the way back after the stream gave up on them (its
// retries are bounded well within the stream's 24 h; see docs/operations.md). Safe to run any number
// of times: each order is reconciled against its order record, so points are awarded and reversed
// exactly once however often an event is processed.
import { type PointsTable, scanPages } from '../ledger';
import { TokenVaultMissing } from '../stores';
import { ORDER_EVENT_PREFIX, storeOrdersPrefix } from '../table-keys';
import type { OrderEvent } from './order-events';
import { processOrderBatch } from './process-order-batch';

/** An order event as the webhook stored it, with when it arrived. */
export interface StoredOrderEvent extends OrderEvent {
  receivedAt: string;
}
/** What a redrive did: events processed, points awarded and reversed, events ignored or failed. */
export interface RedriveReport {
  events: number;
  earned: number;
  reversed: number;
  ignored: number;
  failed: number;
}

/**
 * A store's stored order events received at or after `since` (ISO 8601), oldest first. A full-table
 * scan: meant for operations, not request paths.
 */
async function storedOrderEvents(table: PointsTable, storeHash: string, since?: string): Promise<StoredOrderEvent[]> {
  const events: StoredOrderEvent[] = [];
  const pages = scanPages(table, {
    FilterExpression: `begins_with(pk, :orders) AND begins_with(sk, :event)${since ? ' AND receivedAt >= :since' : ''}`,
    ExpressionAttributeValues: {
      ':orders': storeOrdersPrefix(storeHash),
      ':event': ORDER_EVENT_PREFIX,
      ...(since ? { ':since': since } : {}),
    },
  });
  for await (const items of pages) {
    for (const item of items) {
      events.push({
        storeHash,
        orderId: Number(item.orderId),
        scope: String(item.scope ?? ''),
        receivedAt: String(item.receivedAt ?? ''),
        ...(item.statusId !== undefined ? { statusId: Number(item.statusId) } : {}),
      });
    }
  }
  return events.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

/** Events re-driven per batch: one reconcile per order, orders fetched by id range (batch-order.ts). */
const REDRIVE_BATCH = 1_000;

/**
 * Processes the stored events in the order received, in batches; a failure is counted and the rest go on.
 *
 * @throws TokenVaultMissing when the store is an app's and this process cannot read its token.
 */
export async function redriveOrderEvents(
  table: PointsTable,
  storeHash: string,
  since?: string,
  onEvent: (event: StoredOrderEvent, outcome: string) => void = () => {},
): Promise<RedriveReport> {
  const report: RedriveReport = { events: 0, earned: 0, reversed: 0, ignored: 0, failed: 0 };
  const events = await storedOrderEvents(table, storeHash, since);
  for (let first = 0; first < events.length; first += REDRIVE_BATCH) {
    const batch = events.slice(first, first + REDRIVE_BATCH);
    // Without `createdAt`: old events are fetched by id, not by a long "modified since" listing.
    const { orders } = await processOrderBatch(
      table,
      batch.map(({ receivedAt: _, ...event }, i) => ({ id: String(i), event })),
    );
    // No event of the store can succeed without its token: stop, every event stays for the next run.
    const unreadable = orders.find((o) => o.outcome instanceof TokenVaultMissing)?.outcome;
    if (unreadable) throw unreadable;
    const outcomes = new Map(orders.map((o) => [o.orderId, o.outcome]));
    const counted = new Set<number>();
    for (const event of batch) {
      const outcome = outcomes.get(event.orderId);
      report.events += 1;
      if (outcome instanceof Error) report.failed += 1;
      else if (outcome === 'ignored' || outcome === undefined) report.ignored += 1;
      else if (!counted.has(event.orderId)) {
        report.earned += outcome.earned;
        report.reversed += outcome.reversed;
      }
      counted.add(event.orderId);
      onEvent(
        event,
        outcome instanceof Error
          ? `failed: ${outcome.message}`
          : typeof outcome === 'object'
            ? `earned ${outcome.earned}, reversed ${outcome.reversed}`
            : 'ignored',
      );
    }
  }
  return report;
}
