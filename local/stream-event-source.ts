// The DynamoDB stream → Lambda event source mapping, run locally against DynamoDB Local's stream
// with the template's settings: filter pattern, batch size, ReportBatchItemFailures (resume from
// the lowest failed record), bisect on function error, bounded retries, then a dead letter kept
// as a JSON file in .cache/mirror-dlq/ (replay: npm run mirror:replay).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { LocalFunction } from './lambda-runtime';
import type { TemplateValue } from './template';

export interface EventSourceSettings {
  batchSize: number;
  filterPatterns: unknown[];
  reportBatchItemFailures: boolean;
  bisectOnError: boolean;
  maxRetryAttempts: number;
  maxRecordAgeSeconds: number;
}

/** The DynamoDB event of a function in template.yaml, as event source settings. */
export function eventSourceSettings(properties: Record<string, TemplateValue>): EventSourceSettings {
  const filters = ((properties.FilterCriteria as { Filters?: Array<{ Pattern: string }> } | undefined)?.Filters ?? []);
  return {
    batchSize: Number(properties.BatchSize ?? 100),
    filterPatterns: filters.map((f) => JSON.parse(f.Pattern) as unknown),
    reportBatchItemFailures: ((properties.FunctionResponseTypes as string[] | undefined) ?? []).includes('ReportBatchItemFailures'),
    bisectOnError: properties.BisectBatchOnFunctionError === true,
    maxRetryAttempts: Number(properties.MaximumRetryAttempts ?? -1),
    maxRecordAgeSeconds: Number(properties.MaximumRecordAgeInSeconds ?? -1),
  };
}

/**
 * Lambda event filtering: every key of the pattern must match; arrays list the allowed values,
 * each a literal or a {"prefix": "…"} rule.
 */
export function matchesPattern(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((allowed) => {
      const prefix = (allowed as { prefix?: unknown } | null)?.prefix;
      return typeof prefix === 'string' ? typeof value === 'string' && value.startsWith(prefix) : allowed === value;
    });
  }
  if (pattern && typeof pattern === 'object') {
    return Object.entries(pattern).every(([key, sub]) =>
      value !== null && typeof value === 'object' && matchesPattern(sub, (value as Record<string, unknown>)[key]));
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

export interface StreamEventSourceOptions {
  endpoint: string;
  tableName: string;
  fn: LocalFunction;
  settings: EventSourceSettings;
  deadLetterDir: string;
  pollMs?: number;
  /** Wait before retrying a failed batch; Lambda retries promptly, we back off a little. */
  retryDelayMs?: (attempt: number) => number;
  log?: (line: string) => void;
}

export class StreamEventSource {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly streams: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string | undefined>();
  /** Last sequence number read per shard, to resume exactly after it when an iterator goes bad. */
  private readonly lastRead = new Map<string, string>();
  deadLetters = 0;
  /** Every invocation: how many records and distinct account keys it carried (for call counting). */
  readonly invocations: Array<{ records: number; accounts: number }> = [];

  constructor(private readonly options: StreamEventSourceOptions) {
    const config = { endpoint: options.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    this.streams = new DynamoDBStreamsClient(config);
    this.table = new DynamoDBClient(config);
  }

  private readonly table: DynamoDBClient;

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop?.catch(() => {});
    this.streams.destroy();
    this.table.destroy();
  }

  private async run(): Promise<void> {
    const { pollMs = 250, log } = this.options;
    let streamArn: string | undefined;
    while (this.running) {
      try {
        if (!streamArn) {
          const description = await this.table.send(new DescribeTableCommand({ TableName: this.options.tableName }));
          streamArn = description.Table?.LatestStreamArn;
          if (!streamArn) throw new Error(`table ${this.options.tableName} has no stream`);
        }
        const delivered = await this.pollOnce(streamArn);
        if (!delivered) await new Promise((r) => setTimeout(r, pollMs));
      } catch (error) {
        if (this.running) log?.(`stream poller: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Reads each open shard once; returns whether any record was delivered. */
  private async pollOnce(streamArn: string): Promise<boolean> {
    const { Shards = [] } = (await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription ?? {};
    let delivered = false;
    for (const shard of Shards) {
      const shardId = shard.ShardId!;
      if (!this.iterators.has(shardId)) this.iterators.set(shardId, await this.iteratorFor(streamArn, shardId));
      const iterator = this.iterators.get(shardId);
      if (!iterator) continue; // closed and drained
      let page;
      try {
        page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.settings.batchSize }));
      } catch (error) {
        // DynamoDB Local sometimes refuses a good iterator (TrimmedDataAccessException on a fresh
        // shard, a known emulator bug) and iterators expire: start again right after the last read.
        if (['TrimmedDataAccessException', 'ExpiredIteratorException', 'ResourceNotFoundException'].includes((error as Error).name)) {
          this.iterators.delete(shardId);
          continue;
        }
        throw error;
      }
      this.iterators.set(shardId, page.NextShardIterator);
      const raw = page.Records ?? [];
      const readAtMs = Date.now();
      const records = raw.map((r) => toLambdaRecord(r, streamArn, readAtMs))
        .filter((r) => this.options.settings.filterPatterns.length === 0 || this.options.settings.filterPatterns.some((p) => matchesPattern(p, r)));
      if (records.length) {
        await this.deliver(records);
        delivered = true;
      }
      const last = raw[raw.length - 1]?.dynamodb?.SequenceNumber;
      if (last) this.lastRead.set(shardId, last);
    }
    return delivered;
  }

  private async iteratorFor(streamArn: string, shardId: string): Promise<string | undefined> {
    const after = this.lastRead.get(shardId);
    try {
      const { ShardIterator } = await this.streams.send(new GetShardIteratorCommand({
        StreamArn: streamArn, ShardId: shardId,
        ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }));
      return ShardIterator;
    } catch (error) {
      if (!after || (error as Error).name !== 'TrimmedDataAccessException') throw error;
      this.lastRead.delete(shardId);
      return this.iteratorFor(streamArn, shardId);
    }
  }

  /** Invokes the function until the batch is through, the retries are spent, or records are too old. */
  private async deliver(batch: DynamoDBRecord[]): Promise<void> {
    const { settings, fn, retryDelayMs = (n) => Math.min(10_000, 500 * 2 ** n), log } = this.options;
    let pending = batch;
    for (let attempt = 0; pending.length && this.running; attempt++) {
      let failedFrom: number;
      this.invocations.push({ records: pending.length, accounts: new Set(pending.map((r) => r.dynamodb?.Keys?.pk?.S)).size });
      try {
        const result = (await fn.invoke({ Records: pending })) as { batchItemFailures?: Array<{ itemIdentifier: string }> } | undefined;
        const failed = new Set((settings.reportBatchItemFailures ? result?.batchItemFailures ?? [] : []).map((f) => f.itemIdentifier));
        failedFrom = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
        if (failedFrom < 0) return;
      } catch (error) {
        log?.(`mirror invocation failed: ${(error as Error).message}`);
        if (settings.bisectOnError && pending.length > 1) {
          const half = Math.ceil(pending.length / 2);
          await this.deliver(pending.slice(0, half));
          await this.deliver(pending.slice(half));
          return;
        }
        failedFrom = 0;
      }
      pending = pending.slice(failedFrom);
      const oldest = pending[0]?.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000;
      const tooOld = settings.maxRecordAgeSeconds >= 0 && Date.now() / 1000 - oldest > settings.maxRecordAgeSeconds;
      if ((settings.maxRetryAttempts >= 0 && attempt >= settings.maxRetryAttempts) || tooOld) {
        this.deadLetter(pending, tooOld ? 'record age exceeded' : `retries exhausted (${attempt})`);
        return;
      }
      await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
    }
  }

  private deadLetter(records: DynamoDBRecord[], reason: string): void {
    mkdirSync(this.options.deadLetterDir, { recursive: true });
    const first = records[0]?.dynamodb?.SequenceNumber ?? 'unknown';
    const file = join(this.options.deadLetterDir, `${Date.now()}-${first}.json`);
    writeFileSync(file, `${JSON.stringify({ failedAt: new Date().toISOString(), reason, records }, null, 2)}\n`);
    this.deadLetters++;
    this.options.log?.(`mirror: ${records.length} record(s) dead-lettered to ${file} (${reason}); replay with npm run mirror:replay`);
  }
}
