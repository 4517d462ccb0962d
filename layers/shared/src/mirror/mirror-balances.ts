// Mirrors balances into BigCommerce customer attribute values (DESIGN §7). The stream record only
// says *who* changed: we upsert each customer's *current* balance, read from the table, so a late,
// retried or replayed record can never put an older balance over a newer one.
import { settings } from '../config';
import { logger } from '../logger';
import { getAccounts, type PointsTable } from '../ledger';
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
  const { pointsAttribute } = settings();
  const failed = new Set<string>();
  let mirroredCustomers = 0;
  let upsertCalls = 0;

  const byStore = new Map<string, AccountChange[]>();
  for (const change of changes) byStore.set(change.storeHash, [...(byStore.get(change.storeHash) ?? []), change]);

  await Promise.all(
    [...byStore].map(async ([storeHash, storeChanges]) => {
      const failAll = (ids: Set<number>) => {
        for (const c of storeChanges) if (ids.has(c.customerId)) failed.add(c.recordId);
      };
      const customerIds = [...new Set(storeChanges.map((c) => c.customerId))];
      try {
        const client = await storeClient(storeHash, {
          priority: 'mirror',
          ...clientOptions,
          onRequest: (operation) => {
            if (operation === 'upsertCustomersAttributeValues') upsertCalls++;
            clientOptions.onRequest?.(operation);
          },
        });
        if (!client) {
          logger.warn('mirror skipped: store not installed', { storeHash, records: storeChanges.length });
          return;
        }
        const [, accounts] = await Promise.all([
          ensureAttribute(client, pointsAttribute, 'number'),
          getAccounts(table, storeHash, customerIds),
        ]);
        const chunks: (typeof accounts)[] = [];
        for (let i = 0; i < accounts.length; i += MAX_VALUES_PER_UPSERT)
          chunks.push(accounts.slice(i, i + MAX_VALUES_PER_UPSERT));
        // The client keeps at most 3 requests in flight per store; the rest queue there.
        await Promise.all(
          chunks.map(async (chunk) => {
            try {
              await upsertBalances(client, pointsAttribute, chunk);
              mirroredCustomers += chunk.length;
            } catch (error) {
              logger.error('mirror upsert failed', { storeHash, customers: chunk.length, error: error as Error });
              failAll(new Set(chunk.map((a) => a.customerId)));
            }
          }),
        );
      } catch (error) {
        logger.error('mirror failed for store', { storeHash, error: error as Error });
        failAll(new Set(customerIds));
      }
    }),
  );
  return { failedRecordIds: [...failed], mirroredCustomers, upsertCalls };
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
