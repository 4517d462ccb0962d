import { QueryCommand } from '../aws';
import { ValidationError } from '../errors';
import { accountPk, ENTRY_PREFIX, ENTRY_SK_PATTERN, type CustomerRef } from './keys';
import { toEntry, type LedgerEntry } from './model';
import { pointsTable } from './table';

export interface HistoryPage {
  items: LedgerEntry[];
  nextCursor: string | null;
}

// The cursor carries only the sort key; the partition always comes from the verified identity,
// so a cursor can never reach another customer's entries.
const encodeCursor = (sk: string) => Buffer.from(sk, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const sk = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!ENTRY_SK_PATTERN.test(sk)) throw new ValidationError('cursor is not one this API returned');
  return sk;
}

/** Ledger entries, newest first. */
export async function listHistory(customer: CustomerRef, limit: number, cursor?: string): Promise<HistoryPage> {
  const { client, name } = pointsTable();
  const pk = accountPk(customer);
  const startSk = cursor === undefined ? undefined : decodeCursor(cursor);
  const page = await client.send(new QueryCommand({
    TableName: name,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tx)',
    ExpressionAttributeValues: { ':pk': pk, ':tx': ENTRY_PREFIX },
    ScanIndexForward: false,
    Limit: limit,
    ...(startSk ? { ExclusiveStartKey: { pk, sk: startSk } } : {}),
  }));
  const items = (page.Items ?? []).map(toEntry);
  const lastSk = page.LastEvaluatedKey?.sk;
  return { items, nextCursor: typeof lastSk === 'string' ? encodeCursor(lastSk) : null };
}
