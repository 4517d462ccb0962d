// PointsTable stream (order events only) → each order of the batch fetched (batched lookups) and
// reconciled once. Reports exactly the failed records, so a BigCommerce outage retries them
// instead of dropping them; Lambda resumes the shard from the first one reported.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import { countOrderPoints } from '@bc-loyalty/shared/metrics';
import { type BatchEvent, orderEventOf, processOrderBatch } from '@bc-loyalty/shared/orders';
import { batchDeadline } from '@bc-loyalty/shared/retry';

const table = pointsTable();

export const handler = withLambdaContext(
  async (event: DynamoDBStreamEvent, context): Promise<DynamoDBBatchResponse> => {
    const events = event.Records.flatMap((record): BatchEvent[] => {
      const orderEvent = orderEventOf(record);
      return orderEvent ? [{ id: record.dynamodb?.SequenceNumber ?? '', event: orderEvent }] : [];
    });
    const { orders, failedIds } = await processOrderBatch(table, events, { deadline: batchDeadline(context) });
    for (const { outcome, ...order } of orders) {
      if (outcome instanceof Error) logger.error('order failed', { ...order, error: outcome });
      else logger.info('order processed', { ...order, outcome });
      if (typeof outcome === 'object' && !(outcome instanceof Error)) countOrderPoints(outcome);
    }
    logger.info('order batch', { events: events.length, orders: orders.length, failed: failedIds.length });
    return { batchItemFailures: failedIds.map((itemIdentifier) => ({ itemIdentifier })) };
  },
);
