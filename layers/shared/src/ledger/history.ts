import { accountPk, ENTRY_PREFIX, ENTRY_SK_PATTERN, type CustomerRef } from './keys';
import { toEntry, type LedgerEntry } from './model';
import { pageNewestFirst, type Page } from './pages';

export type HistoryPage = Page<LedgerEntry>;

/** Ledger entries, newest first. Throws ValidationError for a cursor this API did not return. */
export async function listHistory(customer: CustomerRef, limit: number, cursor?: string): Promise<HistoryPage> {
  const page = await pageNewestFirst(accountPk(customer), ENTRY_PREFIX, ENTRY_SK_PATTERN, limit, cursor);
  return { items: page.items.map(toEntry), nextCursor: page.nextCursor };
}
