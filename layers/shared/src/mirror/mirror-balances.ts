// Mirrors balances into BigCommerce customer attribute values (DESIGN §7). The stream record only
// says *who* changed: we upsert each customer's *current* balance, read from the table, so a late,
// retried or replayed record can never put an older balance over a newer one.
import { settings } from '../config';
import { logger } from '../logger';
import { getAccounts, type PointsAccount, type PointsTable } from '../ledger';
import {
  BigCommerceError,
  ensureAttribute,
  forgetAttribute,
  MAX_VALUES_PER_UPSERT,
  storeClient,
  upsertAttributeValues,
  type BigCommerceClient,
  type BigCommerceClientOptions,
} from '../bigcommerce';
import { TokenVaultMissing } from '../stores';

/** One changed account, as found in a stream record. */
export interface AccountChange {
  storeHash: string;
  customerId: number;
  /** The stream record to report as failed if this customer's upsert fails. */
  recordId: string;
  /** When the change was written (epoch ms, from the stream record), for the mirror-lag metric. */
  changedAt?: number;
}

/** What one mirror run did. */
export interface MirrorOutcome {
  /** recordIds whose customers could not be mirrored (to be retried). */
  failedRecordIds: string[];
  mirroredCustomers: number;
  upsertCalls: number;
}

/**
 * Upserts the current balance of every changed customer into the store's points attribute (10
 * customers per call, the attribute created on first use). Never throws for a store's failure:
 * the records of customers not mirrored come back in `failedRecordIds`. `clientOptions` tunes the
 * BigCommerce client (a `deadline` bounds its retries by the invocation's time).
 */
export async function mirrorBalances(
  table: PointsTable,
  changes: AccountChange[],
  clientOptions: Partial<BigCommerceClientOptions> = {},
): Promise<MirrorOutcome> {
  const byStore = new Map<string, AccountChange[]>();
  for (const change of changes) byStore.set(change.storeHash, [...(byStore.get(change.storeHash) ?? []), change]);
  const outcomes = await Promise.all(
    [...byStore].map(async ([storeHash, storeChanges]) => {
      const outcome = await mirrorCustomers(
        table,
        storeHash,
        storeChanges.map((c) => c.customerId),
        clientOptions,
      );
      if (!outcome) logger.warn('mirror skipped: store not installed', { storeHash, records: storeChanges.length });
      const failed = new Set(outcome?.failedCustomerIds);
      return {
        ...outcome,
        failedRecordIds: storeChanges.filter((c) => failed.has(c.customerId)).map((c) => c.recordId),
      };
    }),
  );
  return {
    failedRecordIds: outcomes.flatMap((o) => o.failedRecordIds),
    mirroredCustomers: outcomes.reduce((n, o) => n + (o.written?.length ?? 0), 0),
    upsertCalls: outcomes.reduce((n, o) => n + (o.upsertCalls ?? 0), 0),
  };
}

/** What mirroring customers of one store did: the accounts written (as read just before), the customers not mirrored, the upserts. */
export interface StoreMirrorOutcome {
  written: PointsAccount[];
  failedCustomerIds: number[];
  upsertCalls: number;
}

/**
 * Reads the current accounts of the customers (consistent; or takes the accounts given, already
 * read) and upserts their balances, at the mirror's priority. Never throws for BigCommerce's failures (their customers come back in
 * `failedCustomerIds`); undefined when the store is not installed.
 *
 * @throws TokenVaultMissing when the store's token cannot be read here (TOKEN_KEY_ID unset).
 */
export async function mirrorCustomers(
  table: PointsTable,
  storeHash: string,
  customers: number[] | PointsAccount[],
  clientOptions: Partial<BigCommerceClientOptions> = {},
): Promise<StoreMirrorOutcome | undefined> {
  const { pointsAttribute } = settings();
  const outcome: StoreMirrorOutcome = { written: [], failedCustomerIds: [], upsertCalls: 0 };
  const read = customers.filter((c): c is PointsAccount => typeof c !== 'number');
  const ids = [...new Set(customers.map((c) => (typeof c === 'number' ? c : c.customerId)))];
  try {
    const client = await storeClient(
      storeHash,
      {
        priority: 'mirror',
        ...clientOptions,
        onRequest: (operation) => {
          if (operation === 'upsertCustomersAttributeValues') outcome.upsertCalls++;
          clientOptions.onRequest?.(operation);
        },
      },
      table,
    );
    if (!client) return undefined;
    const [, accounts] = await Promise.all([
      ensureAttribute(client, pointsAttribute, 'number'),
      read.length > 0 ? read : getAccounts(table, storeHash, ids),
    ]);
    const chunks: (typeof accounts)[] = [];
    for (let i = 0; i < accounts.length; i += MAX_VALUES_PER_UPSERT)
      chunks.push(accounts.slice(i, i + MAX_VALUES_PER_UPSERT));
    // The client keeps at most 3 requests in flight per store; the rest queue there.
    await Promise.all(
      chunks.map(async (chunk) => {
        try {
          await upsertBalances(client, pointsAttribute, chunk);
          outcome.written.push(...chunk);
        } catch (error) {
          logger.error('mirror upsert failed', { storeHash, customers: chunk.length, error: error as Error });
          outcome.failedCustomerIds.push(...chunk.map((a) => a.customerId));
        }
      }),
    );
  } catch (error) {
    // Not a failure of these customers: no customer of the store can be mirrored until it is set.
    if (error instanceof TokenVaultMissing) throw error;
    logger.error('mirror failed for store', { storeHash, error: error as Error });
    const written = new Set(outcome.written.map((a) => a.customerId));
    outcome.failedCustomerIds = ids.filter((id) => !written.has(id));
  }
  return outcome;
}

/**
 * Upserts balances under the points attribute. A merchant may delete the attribute (and
 * `mirror:rebuild` re-create it under a new id) while this container still holds the old id:
 * BigCommerce then refuses the values (422), so look the attribute up again and retry once.
 */
async function upsertBalances(
  client: BigCommerceClient,
  attributeName: string,
  accounts: Array<{ customerId: number; balance: number }>,
): Promise<void> {
  const upsert = (attributeId: number) =>
    upsertAttributeValues(
      client,
      accounts.map((a) => ({ attribute_id: attributeId, customer_id: a.customerId, value: String(a.balance) })),
    );
  const attributeId = await ensureAttribute(client, attributeName, 'number');
  try {
    await upsert(attributeId);
  } catch (error) {
    if (!(error instanceof BigCommerceError && error.status === 422)) throw error;
    forgetAttribute(client.storeHash, attributeName);
    const current = await ensureAttribute(client, attributeName, 'number');
    if (current === attributeId) throw error;
    logger.warn('points attribute was replaced; mirroring to the new one', {
      storeHash: client.storeHash,
      attributeId: current,
    });
    await upsert(current);
  }
}
