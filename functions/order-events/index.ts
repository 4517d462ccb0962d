// PointsTable stream (order events only) → fetch the order, award or reverse its points. Reports
// exactly the failed records, so a BigCommerce outage retries them instead of dropping them.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import { countOrderPoints } from '@bc-loyalty/shared/metrics';
import { orderEventOf, processOrderEvent } from '@bc-loyalty/shared/orders';
import { batchDeadline } from '@bc-loyalty/shared/retry';

const table = pointsTable();

export const handler = withLambdaContext(
  async (event: DynamoDBStreamEvent, context): Promise<DynamoDBBatchResponse> => {
    const deadline = batchDeadline(context);
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    // In order: events of one order must not race each other (the order record would make one retry).
    for (const record of event.Records) {
      const orderEvent = orderEventOf(record);
      if (!orderEvent) continue;
      try {
        const outcome = await processOrderEvent(table, orderEvent, { deadline });
        logger.info('order event processed', { ...orderEvent, outcome });
        if (outcome !== 'ignored') countOrderPoints(outcome);
      } catch (error) {
        logger.error('order event failed', { ...orderEvent, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
        break; // the stream resumes from here; later records are retried after it
      }
    }
    return { batchItemFailures };
  },
);
