// The audit trail of admin writes (who, when, what): one item per write in the store's audit
// partition (keys: table-keys.ts), written in the same TransactWriteItems as the change it records,
// so a change is never without its audit item nor an audit item without its change.
import { ulid } from 'ulid';
import { type Page, type PointsTable, pageNewestFirst, type TransactItem } from '../ledger';
import { getStoreUser } from '../stores';
import { AUDIT_PREFIX, AUDIT_SK_PATTERN, auditKey, auditPk } from '../table-keys';
import type { AdminRef } from '../http';

/** One audited admin write, as the audit route lists it. */
export interface AuditItem {
  at: string;
  userId: number;
  email: string | null;
  /** What was done: `points.adjust`, `settings.earning`, `reward.add`, `reward.update`, … */
  action: string;
  /** What it was done to: `customer:42`, `reward:five-off`, `settings:earning`. */
  target: string;
  details: Record<string, unknown>;
}

/** Builds the audit item of a write by `admin` (who, from the StoreUser record: the e-mail too). */
export type Auditor = (action: string, target: string, details: Record<string, unknown>) => TransactItem;

/** The auditor of `admin`'s writes: one read of the user's record for the e-mail kept with each item. */
export async function auditorOf(table: PointsTable, admin: AdminRef): Promise<Auditor> {
  const email = (await getStoreUser(table, admin.storeHash, admin.userId))?.email ?? null;
  return (action, target, details) => {
    const now = Date.now();
    const item: AuditItem = { at: new Date(now).toISOString(), userId: admin.userId, email, action, target, details };
    return {
      Put: {
        TableName: table.name,
        Item: { ...auditKey(admin.storeHash, ulid(now)), ...item },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  };
}

/**
 * The store's audit trail, newest first, `limit` at a time.
 *
 * @throws ValidationError for a cursor this API did not return.
 */
export async function listAudit(
  table: PointsTable,
  storeHash: string,
  limit: number,
  cursor?: string,
): Promise<Page<AuditItem>> {
  const page = await pageNewestFirst(table, auditPk(storeHash), AUDIT_PREFIX, AUDIT_SK_PATTERN, limit, cursor);
  const items = page.items.map((i) => ({
    at: String(i.at),
    userId: Number(i.userId),
    email: typeof i.email === 'string' ? i.email : null,
    action: String(i.action),
    target: String(i.target),
    details: (i.details ?? {}) as Record<string, unknown>,
  }));
  return { items, nextCursor: page.nextCursor };
}
