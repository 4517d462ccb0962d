import { accountPk, ENTRY_PREFIX, ENTRY_SK_PATTERN } from '../table-keys';
import { type CustomerRef, type LedgerEntry, toEntry } from './model';
import { type Page, pageNewestFirst } from './pages';
import type { PointsTable } from './table';

/** One page of a customer's ledger entries. */
export type HistoryPage = Page<LedgerEntry>;

/**
 * A customer's ledger entries, newest first, `limit` at a time.
 *
 * @throws ValidationError for a cursor this API did not return.
 * @example
 * const first = await listHistory(table, customer, 20);
 * const next = first.nextCursor ? await listHistory(table, customer, 20, first.nextCursor) : undefined;
 */
export async function listHistory(
  table: PointsTable,
  customer: CustomerRef,
  limit: number,
  cursor?: string,
): Promise<HistoryPage> {
  const page = await pageNewestFirst(table, accountPk(customer), ENTRY_PREFIX, ENTRY_SK_PATTERN, limit, cursor);
  return { items: page.items.map(toEntry), nextCursor: page.nextCursor };
}
