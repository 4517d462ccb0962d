// PointsTable stream (redemptions still pending) → create their coupon codes in BigCommerce.
// Reports exactly the records that failed for now, so only they are retried; a refusal for good
// is not a failure: the points came back and the redemption is `failed`.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import { batchDeadline } from '@bc-loyalty/shared/retry';
import { completeIssuance, redemptionRefOf } from '@bc-loyalty/shared/rewards';

const table = pointsTable();

export const handler = withLambdaContext(
  async (event: DynamoDBStreamEvent, context): Promise<DynamoDBBatchResponse> => {
    const deadline = batchDeadline(context);
    const outcomes = await Promise.all(
      event.Records.map(async (record) => {
        const ref = redemptionRefOf(record);
        if (!ref) return undefined;
        try {
          const status = await completeIssuance(table, ref, { deadline });
          logger.info('redemption coupon', { ...ref, status });
          return undefined;
        } catch (error) {
          logger.error('coupon issuance failed; the stream retries it', { ...ref, error: error as Error });
          return record.dynamodb?.SequenceNumber ?? '';
        }
      }),
    );
    const failed = outcomes.filter((id) => id !== undefined);
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  },
);
