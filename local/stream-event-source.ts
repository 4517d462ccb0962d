// The DynamoDB stream → Lambda event source mapping, run locally against DynamoDB Local's stream
// with the template's settings: filter pattern, batch size and batching window (records wait for
// a full batch or the window's end, per shard, as Lambda gathers them), ReportBatchItemFailures
// (resume from the lowest failed record), bisect on function error, bounded retries, then a dead
// letter kept as a JSON file in the consumer's own folder (the mirror's: .cache/mirror-dlq/,
// replayed by npm run mirror:replay). Like Lambda, it keeps its position (a checkpoint file under
// `npm start`), so a restart does not replay the stream.
// (~260 lines: the poll loop, the batching windows, the shard positions and the retry/bisect/
// dead-letter rules share the mapping's state and read best in one place; record selection is in
// stream-records.ts.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetRecordsCommandOutput,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { JsonFile } from './json-file';
import type { LocalFunction } from './lambda-runtime';
import { selectRecords, type EventSourceSettings } from './stream-records';

/** GetRecords' maximum page. Filtering happens after reading, so reading `batchSize` records per
 * poll (as this source once did) crawled through a backlog of records the filter drops. */
const PAGE_LIMIT = 1000;

interface Checkpoint {
  streamArn: string;
  lastRead: Record<string, string>;
}

interface StreamEventSourceOptions {
  endpoint: string;
  tableName: string;
  fn: LocalFunction;
  settings: EventSourceSettings;
  deadLetterDir: string;
  /** Where the position in the stream is kept between runs; without one, a start reads from TRIM_HORIZON. */
  checkpointFile?: string;
  /** Wait when a poll read nothing (Lambda polls each shard about four times a second). */
  pollMs?: number;
  /** Store time runs this many times faster (the sandbox's compressed quota window): the batching window shrinks alike. */
  timeScale?: number;
  /** Wait before retrying a failed batch; Lambda retries promptly, we back off a little. */
  retryDelayMs?: (attempt: number) => number;
  log?: (line: string) => void;
}

export class StreamEventSource {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly streams: DynamoDBStreamsClient;
  private readonly table: DynamoDBClient;
  private readonly iterators = new Map<string, string | undefined>();
  /** Last sequence number delivered per shard: where a new iterator (or the next run) resumes. */
  private lastRead = new Map<string, string>();
  /** Per shard: records read and waiting for their batch, since when, and the last record read. */
  private readonly waiting = new Map<string, { records: DynamoDBRecord[]; since: number; lastRaw: string }>();
  private readonly checkpoint: JsonFile<Checkpoint> | undefined;
  deadLetters = 0;
  /** Every invocation: how many records and distinct account keys it carried (for call counting). */
  readonly invocations: Array<{ records: number; accounts: number }> = [];

  constructor(private readonly options: StreamEventSourceOptions) {
    const config = {
      endpoint: options.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    this.streams = new DynamoDBStreamsClient(config);
    this.table = new DynamoDBClient(config);
    this.checkpoint = options.checkpointFile ? new JsonFile<Checkpoint>(options.checkpointFile) : undefined;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop?.catch(() => {});
    this.checkpoint?.flush();
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
          const saved = this.checkpoint?.load();
          if (saved?.streamArn === streamArn) this.lastRead = new Map(Object.entries(saved.lastRead));
        }
        // A backlog is read page after page without pausing; only an idle stream is polled.
        const read = await this.pollOnce(streamArn);
        if (!read) await new Promise((r) => setTimeout(r, Math.max(1, Math.min(pollMs, this.msUntilDue()))));
      } catch (error) {
        if (this.running) log?.(`stream poller: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Reads one page of each open shard and delivers what passes the filter; returns whether any record was read. */
  private async pollOnce(streamArn: string): Promise<boolean> {
    const { Shards = [] } =
      (await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription ?? {};
    let read = false;
    for (const shard of Shards) {
      const shardId = shard.ShardId!;
      if (!this.iterators.has(shardId)) this.iterators.set(shardId, await this.iteratorFor(streamArn, shardId));
      const iterator = this.iterators.get(shardId);
      if (!iterator) continue; // closed and drained
      let page: GetRecordsCommandOutput;
      try {
        page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: PAGE_LIMIT }));
      } catch (error) {
        // DynamoDB Local sometimes refuses a good iterator (TrimmedDataAccessException on a fresh
        // shard, a known emulator bug) and iterators expire: start again right after the last read.
        if (
          ['TrimmedDataAccessException', 'ExpiredIteratorException', 'ResourceNotFoundException'].includes(
            (error as Error).name,
          )
        ) {
          this.iterators.delete(shardId);
          this.waiting.delete(shardId); // read again from the last position kept
          continue;
        }
        throw error;
      }
      this.iterators.set(shardId, page.NextShardIterator);
      const raw = page.Records ?? [];
      if (!raw.length) continue;
      read = true;
      const records = selectRecords(raw, streamArn, this.options.settings);
      const waiting = this.waiting.get(shardId) ?? { records: [], since: Date.now(), lastRaw: '' };
      if (!waiting.records.length) waiting.since = Date.now();
      waiting.records.push(...records);
      waiting.lastRaw = raw[raw.length - 1]!.dynamodb!.SequenceNumber!;
      this.waiting.set(shardId, waiting);
    }
    for (const shardId of this.waiting.keys()) await this.deliverDue(streamArn, shardId);
    return read;
  }

  private get windowMs(): number {
    return (this.options.settings.batchingWindowSeconds * 1000) / (this.options.timeScale ?? 1);
  }

  /** How long until some shard's waiting records are due (their window's end). */
  private msUntilDue(): number {
    const starts = [...this.waiting.values()].filter((w) => w.records.length).map((w) => w.since);
    return starts.length ? Math.min(...starts) + this.windowMs - Date.now() : Number.POSITIVE_INFINITY;
  }

  /**
   * Delivers a shard's waiting records in full batches, and the rest once the window has passed;
   * the position kept is the last record delivered (or read, when none waits), so a restart reads
   * the undelivered ones again.
   */
  private async deliverDue(streamArn: string, shardId: string): Promise<void> {
    const waiting = this.waiting.get(shardId)!;
    const { batchSize } = this.options.settings;
    const due = () =>
      waiting.records.length >= batchSize ||
      (waiting.records.length > 0 && Date.now() - waiting.since >= this.windowMs);
    let delivered: string | undefined;
    while (this.running && due()) {
      const batch = waiting.records.slice(0, batchSize);
      await this.deliver(batch);
      if (!this.running) break; // not through: the next run reads it again
      waiting.records = waiting.records.slice(batch.length);
      delivered = batch[batch.length - 1]!.dynamodb!.SequenceNumber!;
    }
    const position = waiting.records.length ? delivered : waiting.lastRaw;
    if (!position || position === this.lastRead.get(shardId)) return;
    this.lastRead.set(shardId, position);
    this.checkpoint?.save(() => ({ streamArn, lastRead: Object.fromEntries(this.lastRead) }));
  }

  private async iteratorFor(streamArn: string, shardId: string): Promise<string | undefined> {
    const after = this.lastRead.get(shardId);
    try {
      const { ShardIterator } = await this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
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
      this.invocations.push({
        records: pending.length,
        accounts: new Set(pending.map((r) => r.dynamodb?.Keys?.pk?.S)).size,
      });
      try {
        const result = (await fn.invoke({ Records: pending })) as
          | { batchItemFailures?: Array<{ itemIdentifier: string }> }
          | undefined;
        const failed = new Set(
          (settings.reportBatchItemFailures ? (result?.batchItemFailures ?? []) : []).map((f) => f.itemIdentifier),
        );
        failedFrom = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
        if (failedFrom < 0) return;
      } catch (error) {
        log?.(`${fn.model.logicalId} invocation failed: ${(error as Error).message}`);
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
    this.options.log?.(
      `${this.options.fn.model.logicalId}: ${records.length} record(s) dead-lettered to ${file} (${reason})`,
    );
  }
}
