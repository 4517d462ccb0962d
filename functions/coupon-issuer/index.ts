// PointsTable stream (redemptions still pending) → create their coupon codes in BigCommerce.
// Reports exactly the records that failed for now, so only they are retried; a refusal for good
// is not a failure: the points came back and the redemption is `failed`.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { completeIssuance, redemptionRefOf } from '@bc-loyalty/shared/rewards';
import { logger } from '@bc-loyalty/shared/logger';

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const outcomes = await Promise.all(
    event.Records.map(async (record) => {
      const ref = redemptionRefOf(record);
      if (!ref) return undefined;
      try {
        const status = await completeIssuance(ref);
        logger.info('redemption coupon', { ...ref, status });
        return undefined;
      } catch (error) {
        logger.error('coupon issuance failed; the stream retries it', { ...ref, error: error as Error });
        return record.dynamodb?.SequenceNumber ?? '';
      }
    }),
  );
  return { batchItemFailures: outcomes.filter((id) => id !== undefined).map((itemIdentifier) => ({ itemIdentifier })) };
}
