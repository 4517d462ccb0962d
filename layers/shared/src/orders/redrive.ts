// Re-drives the order events the webhook stored (EVENT# items, kept 14 days) through the same
// processOrderEvent the stream consumer runs: the way back after the stream gave up on them (its
// retries are bounded well within the stream's 24 h; see docs/operations.md). Safe to run any number
// of times: each order is reconciled against its order record, so points are awarded and reversed
// exactly once however often an event is processed.
import type { ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '../aws';
import { pointsTable } from '../ledger';
import { EVENT_SK_PREFIX, type OrderEvent } from './order-events';
import { storeOrdersPrefix } from './order-record';
import { processOrderEvent } from './process-order-event';

export interface StoredOrderEvent extends OrderEvent {
  receivedAt: string;
}
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
export async function storedOrderEvents(storeHash: string, since?: string): Promise<StoredOrderEvent[]> {
  const { client, name } = pointsTable();
  const events: StoredOrderEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await client.send(
      new ScanCommand({
        TableName: name,
        FilterExpression: `begins_with(pk, :orders) AND begins_with(sk, :event)${since ? ' AND receivedAt >= :since' : ''}`,
        ExpressionAttributeValues: {
          ':orders': storeOrdersPrefix(storeHash),
          ':event': EVENT_SK_PREFIX,
          ...(since ? { ':since': since } : {}),
        },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      events.push({
        storeHash,
        orderId: Number(item.orderId),
        scope: String(item.scope ?? ''),
        receivedAt: String(item.receivedAt ?? ''),
        ...(item.statusId !== undefined ? { statusId: Number(item.statusId) } : {}),
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return events.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

/** Processes each stored event in the order received; a failure is counted and the rest go on. */
export async function redriveOrderEvents(
  storeHash: string,
  since?: string,
  onEvent: (event: StoredOrderEvent, outcome: string) => void = () => {},
): Promise<RedriveReport> {
  const report: RedriveReport = { events: 0, earned: 0, reversed: 0, ignored: 0, failed: 0 };
  for (const event of await storedOrderEvents(storeHash, since)) {
    report.events += 1;
    try {
      const outcome = await processOrderEvent(event);
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
