// DynamoDB stream (account items only) → BigCommerce customer attribute values. Reports exactly
// the records whose customers failed, so only they are retried (ReportBatchItemFailures).
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import { recordMirrorBatch } from '@bc-loyalty/shared/metrics';
import { accountChangesOf, mirrorBalances } from '@bc-loyalty/shared/mirror';
import { batchDeadline } from '@bc-loyalty/shared/retry';

const table = pointsTable();

export const handler = withLambdaContext(
  async (event: DynamoDBStreamEvent, context): Promise<DynamoDBBatchResponse> => {
    const changes = accountChangesOf(event.Records);
    const deadline = batchDeadline(context);
    const outcome = await mirrorBalances(table, changes, { deadline });
    logger.info('mirrored', {
      records: event.Records.length,
      customers: outcome.mirroredCustomers,
      upsertCalls: outcome.upsertCalls,
      failed: outcome.failedRecordIds.length,
    });
    const oldestChange = Math.min(...changes.map((c) => c.changedAt ?? Infinity));
    recordMirrorBatch({
      mirrored: outcome.mirroredCustomers,
      failed: outcome.failedRecordIds.length,
      lagMs: Number.isFinite(oldestChange) ? Date.now() - oldestChange : undefined,
    });
    return { batchItemFailures: outcome.failedRecordIds.map((itemIdentifier) => ({ itemIdentifier })) };
  },
);
