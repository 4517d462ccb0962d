// What Lambda's event source mapping does to DynamoDB stream records before a function sees them:
// the template's settings, event filtering, and the record shape of a DynamoDB stream event.
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { TemplateValue } from './template';

export interface EventSourceSettings {
  batchSize: number;
  /** MaximumBatchingWindowInSeconds: how long records wait for a fuller batch (0: none). */
  batchingWindowSeconds: number;
  filterPatterns: unknown[];
  reportBatchItemFailures: boolean;
  bisectOnError: boolean;
  maxRetryAttempts: number;
  maxRecordAgeSeconds: number;
}

/** The DynamoDB event of a function in template.yaml, as event source settings. */
export function eventSourceSettings(properties: Record<string, TemplateValue>): EventSourceSettings {
  const filters = (properties.FilterCriteria as { Filters?: Array<{ Pattern: string }> } | undefined)?.Filters ?? [];
  return {
    batchSize: Number(properties.BatchSize ?? 100),
    batchingWindowSeconds: Number(properties.MaximumBatchingWindowInSeconds ?? 0),
    filterPatterns: filters.map((f) => JSON.parse(f.Pattern) as unknown),
    reportBatchItemFailures: ((properties.FunctionResponseTypes as string[] | undefined) ?? []).includes(
      'ReportBatchItemFailures',
    ),
    bisectOnError: properties.BisectBatchOnFunctionError === true,
    maxRetryAttempts: Number(properties.MaximumRetryAttempts ?? -1),
    maxRecordAgeSeconds: Number(properties.MaximumRecordAgeInSeconds ?? -1),
  };
}

/**
 * Lambda event filtering: every key of the pattern must match; arrays list the allowed values,
 * each a literal or a {"prefix": "…"} rule.
 */
function matchesPattern(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((allowed) => {
      const prefix = (allowed as { prefix?: unknown } | null)?.prefix;
      return typeof prefix === 'string' ? typeof value === 'string' && value.startsWith(prefix) : allowed === value;
    });
  }
  if (pattern && typeof pattern === 'object') {
    return Object.entries(pattern).every(
      ([key, sub]) =>
        value !== null && typeof value === 'object' && matchesPattern(sub, (value as Record<string, unknown>)[key]),
    );
  }
  return pattern === value;
}

/**
 * AWS gives the creation time rounded down to the second; DynamoDB Local rounds it down to the
 * minute. The record was created within that minute and before we read it: the earlier of the two
 * bounds is within a poll interval of what AWS would say (the mirror-lag metric depends on it) while
 * the poller keeps up; a record read late (a backlog, a re-read after re-acquiring the iterator) may
 * look up to 59 s younger than it is.
 */
function creationSeconds(created: Date | undefined, readAtMs: number): number | undefined {
  if (!created) return undefined;
  const seconds = Math.floor(created.getTime() / 1000);
  return seconds % 60 === 0 ? Math.min(Math.floor(readAtMs / 1000), seconds + 59) : seconds;
}

function toLambdaRecord(record: _Record, streamArn: string, readAtMs: number): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: creationSeconds(created ? new Date(created) : undefined, readAtMs),
    },
  } as DynamoDBRecord;
}

/** A page of stream records as the function would see them: converted, then filtered (before batching, as Lambda does). */
export function selectRecords(
  page: _Record[],
  streamArn: string,
  settings: EventSourceSettings,
  readAtMs = Date.now(),
): DynamoDBRecord[] {
  const records = page.map((r) => toLambdaRecord(r, streamArn, readAtMs));
  if (settings.filterPatterns.length === 0) return records;
  return records.filter((r) => settings.filterPatterns.some((p) => matchesPattern(p, r)));
}
