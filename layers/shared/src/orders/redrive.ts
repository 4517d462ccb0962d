// Re-drives the order events the webhook stored (EVENT# items, kept 14 days) through the same
// processOrderEvent the stream consumer runs: the way back after the stream gave up on them (its
// retries are bounded well within the stream's 24 h; see docs/operations.md). Safe to run any number
// of times: each order is reconciled against its order record, so points are awarded and reversed
// exactly once however often an event is processed.
import { type PointsTable, scanPages } from '../ledger';
import { ORDER_EVENT_PREFIX, storeOrdersPrefix } from '../table-keys';
import type { OrderEvent } from './order-events';
import { processOrderEvent } from './process-order-event';

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

/** Processes each stored event in the order received; a failure is counted and the rest go on. */
export async function redriveOrderEvents(
  table: PointsTable,
  storeHash: string,
  since?: string,
  onEvent: (event: StoredOrderEvent, outcome: string) => void = () => {},
): Promise<RedriveReport> {
  const report: RedriveReport = { events: 0, earned: 0, reversed: 0, ignored: 0, failed: 0 };
  for (const event of await storedOrderEvents(table, storeHash, since)) {
    report.events += 1;
    try {
      const outcome = await processOrderEvent(table, event);
      if (outcome === 'ignored') report.ignored += 1;
      else {
        report.earned += outcome.earned;
        report.reversed += outcome.reversed;
      }
      onEvent(event, outcome === 'ignored' ? 'ignored' : `earned ${outcome.earned}, reversed ${outcome.reversed}`);
    } catch (error) {
      report.failed += 1;
      onEvent(event, `failed: ${(error as Error).message}`);
    }
  }
  return report;
}
