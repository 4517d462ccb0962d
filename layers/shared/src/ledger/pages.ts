// Paging a customer's items newest first (history, redemptions). A cursor carries only a sort key,
// checked against the pattern of the items being paged; the partition always comes from the
// verified identity, so a cursor can never reach another customer's items.
import { QueryCommand } from '../aws';
import { ValidationError } from '../errors';
import type { PointsTable } from './table';

/** One page of items and the cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const encodeCursor = (sk: string): string => Buffer.from(sk, 'utf8').toString('base64url');

function decodeCursor(cursor: string, skPattern: RegExp): string {
  const sk = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!skPattern.test(sk)) throw new ValidationError('cursor is not one this API returned');
  return sk;
}

/**
 * Items of `pk` whose sort key starts with `prefix`, newest (highest key) first, `limit` at a time.
 *
 * @throws ValidationError for a cursor that does not decode to a key matching `skPattern`.
 */
export async function pageNewestFirst(
  { client, name }: PointsTable,
  pk: string,
  prefix: string,
  skPattern: RegExp,
  limit: number,
  cursor?: string,
): Promise<Page<Record<string, unknown>>> {
  const startSk = cursor === undefined ? undefined : decodeCursor(cursor, skPattern);
  const page = await client.send(
    new QueryCommand({
      TableName: name,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ScanIndexForward: false,
      Limit: limit,
      ...(startSk ? { ExclusiveStartKey: { pk, sk: startSk } } : {}),
    }),
  );
  const lastSk = page.LastEvaluatedKey?.sk;
  return { items: page.Items ?? [], nextCursor: typeof lastSk === 'string' ? encodeCursor(lastSk) : null };
}
