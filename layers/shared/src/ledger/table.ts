// The table handle the data functions take (as Powertools' persistence layer takes its client):
// each function opens it once at cold start from its settings, tests open their own, and nothing
// below reads process.env. Paging loops over queries and scans live here too, written once.
import type { QueryCommandInput, ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  BatchWriteCommand,
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactionCanceledException,
  type TransactWriteCommand,
} from '../aws';
import { settings } from '../config';
import { backoffMs, sleep } from '../retry';

/** PointsTable: a DynamoDB document client and the table's name. */
export interface PointsTable {
  client: DynamoDBDocumentClient;
  name: string;
}

/**
 * A handle on the table `name` through `client` (its region, endpoint and credentials), with the
 * document mapping the layer relies on. Open it once, not per call.
 *
 * @example
 * const table = openPointsTable('test-1', new DynamoDBClient({ endpoint: 'http://127.0.0.1:8000', region, credentials }));
 */
export function openPointsTable(name: string, client: DynamoDBClient): PointsTable {
  return {
    client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    name,
  };
}

let containerTable: PointsTable | undefined;
/**
 * This container's handle, opened from `settings()` (TABLE_NAME, DYNAMODB_ENDPOINT) on first use:
 * a function calls it once at cold start and passes it to the data functions.
 */
export function pointsTable(): PointsTable {
  const { tableName, dynamodbEndpoint } = settings();
  containerTable ??= openPointsTable(tableName, new DynamoDBClient({ endpoint: dynamodbEndpoint }));
  return containerTable;
}

/** One write of a TransactWriteItems call (a change's extra writes, stats and audit items are these). */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

type Item = Record<string, unknown>;
type Page = { Items?: Item[]; LastEvaluatedKey?: Item };
type PageInput<T> = Omit<T, 'TableName' | 'ExclusiveStartKey'>;

const from = (start: Item | undefined) => (start ? { ExclusiveStartKey: start } : {});

async function* pages(read: (start: Item | undefined) => Promise<Page>): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const page = await read(start);
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** The item under `key`, or undefined; `consistent` where a write is conditioned on what was read. */
export async function getItem(table: PointsTable, key: Item, consistent = false): Promise<Item | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.name, Key: key, ConsistentRead: consistent }),
  );
  return Item;
}

/** Every page of a query, following LastEvaluatedKey (a page may be empty). */
export function queryPages(table: PointsTable, input: PageInput<QueryCommandInput>): AsyncGenerator<Item[]> {
  return pages((start) => table.client.send(new QueryCommand({ ...input, TableName: table.name, ...from(start) })));
}

/** Every page of a scan (a full-table read: for operations, never for request paths). */
export function scanPages(table: PointsTable, input: PageInput<ScanCommandInput>): AsyncGenerator<Item[]> {
  return pages((start) => table.client.send(new ScanCommand({ ...input, TableName: table.name, ...from(start) })));
}

/** One scan page from `startKey`: its items, where the next starts (undefined: the scan is done), items read. */
export async function scanPage(
  table: PointsTable,
  input: PageInput<ScanCommandInput>,
  startKey: Item | undefined,
): Promise<{ items: Item[]; nextKey: Item | undefined; scanned: number }> {
  const page = await table.client.send(new ScanCommand({ ...input, TableName: table.name, ...from(startKey) }));
  return { items: page.Items ?? [], nextKey: page.LastEvaluatedKey, scanned: page.ScannedCount ?? 0 };
}

/** A put or a delete of a BatchWriteItem call. */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

/**
 * Writes every request, 25 a BatchWriteItem (DynamoDB's limit), `concurrency` calls at a time,
 * retrying with backoff what DynamoDB leaves unprocessed (it does under throttling). Not atomic:
 * for rebuilds and purges, not balances.
 */
export async function batchWriteAll(table: PointsTable, requests: WriteRequest[], concurrency = 1): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  const write = async (first: WriteRequest[]) => {
    let batch = first;
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt > 0) await sleep(backoffMs(attempt, 50, 1_000));
      const out = await table.client.send(new BatchWriteCommand({ RequestItems: { [table.name]: batch } }));
      batch = (out.UnprocessedItems?.[table.name] ?? []) as WriteRequest[];
    }
  };
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) await write(batch);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
}

/** Every item a query finds, in key order. */
export async function queryAll(table: PointsTable, input: PageInput<QueryCommandInput>): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(table, input)) items.push(...page);
  return items;
}

/**
 * Awaits a conditional write (or a transaction): true when it was written, false when its (or one
 * of its items') condition did not hold (an item already there, a status already moved on); any
 * other error throws.
 *
 * @example
 * const stored = await conditionalWrite(client.send(new PutCommand({ …, ConditionExpression: 'attribute_not_exists(pk)' })));
 */
export async function conditionalWrite(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}
