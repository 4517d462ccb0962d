// An app-installed store's token read by a process without the token vault (TOKEN_KEY_ID unset: an
// ops CLI run in AWS without it, or a function the template forgot): a configuration error, never
// "not installed". Order events fail (kept for the next redrive), redemptions stay pending with
// their points, the mirror rebuild stops at its checkpoint: nothing is dropped or refunded.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { putTestReward, setAppEnvironment, TEST_STORE, testTable, useTestTable } from './support/environment';

const APP_STORE = 'vaultless';
const customer = { storeHash: APP_STORE, customerId: 71 };
let table: PointsTable;
let TokenVaultMissing: typeof import('@bc-loyalty/shared/stores').TokenVaultMissing;

beforeAll(async () => {
  const tableName = await useTestTable();
  // Single-store mode serves another store only: APP_STORE's token is on its record, sealed.
  setAppEnvironment({ stores: TEST_STORE });
  delete process.env.TOKEN_KEY_ID;
  table = testTable(tableName);
  const stores = await import('@bc-loyalty/shared/stores');
  TokenVaultMissing = stores.TokenVaultMissing;
  await stores.recordInstall(table, {
    storeHash: APP_STORE,
    scopes: 'store_v2_orders store_v2_customers store_v2_marketing',
    encryptedAccessToken: 'sealed-by-the-kms-key',
  });
  const ledger = await import('@bc-loyalty/shared/ledger');
  await ledger.applyPointsChange(table, customer, { type: 'adjust', points: 50, reason: 'test' });
});

describe('an app store whose token this process cannot read', () => {
  it('fails its order events (the stream or the next redrive retries them) instead of ignoring them', async () => {
    const { processOrderBatch } = await import('@bc-loyalty/shared/orders');
    const events = [101, 102].map((orderId, i) => ({
      id: `seq-${i}`,
      event: { storeHash: APP_STORE, orderId, scope: 'store/order/statusUpdated', statusId: 10 },
    }));
    const result = await processOrderBatch(table, events);
    expect(result.failedIds.sort()).toEqual(['seq-0', 'seq-1']);
    for (const order of result.orders) expect(order.outcome).toBeInstanceOf(TokenVaultMissing);
  });

  it('stops orders:redrive with an error naming TOKEN_KEY_ID, the stored events left for the next run', async () => {
    const orders = await import('@bc-loyalty/shared/orders');
    const callback = {
      scope: 'store/order/statusUpdated',
      store_id: '1',
      producer: `stores/${APP_STORE}`,
      hash: 'abc123',
      created_at: Math.floor(Date.now() / 1000),
      data: { type: 'order', id: 103, status: { previous_status_id: 1, new_status_id: 10 } },
    };
    expect(await orders.recordOrderEvent(table, callback)).toBe(true);
    const redrive = orders.redriveOrderEvents(table, APP_STORE);
    await expect(redrive).rejects.toBeInstanceOf(TokenVaultMissing);
    await expect(redrive).rejects.toThrow(/TOKEN_KEY_ID/);
    expect(await orders.recordOrderEvent(table, callback)).toBe(false); // still stored
  });

  it('leaves a redemption pending, its points debited, when rewards reissue cannot issue its code', async () => {
    const rewards = await import('@bc-loyalty/shared/rewards');
    const ledger = await import('@bc-loyalty/shared/ledger');
    await putTestReward(table, 20, APP_STORE);
    const outcome = await rewards.redeemReward(table, customer, 'cost-20', 'vaultless-1');
    const { id } = outcome.redeemed.redemption;
    // Past the redeem request's own try, so the reissue does not wait for it.
    await new Promise((resolve) => setTimeout(resolve, rewards.IN_REQUEST_ISSUE_MS));
    await expect(rewards.reissuePending(table, APP_STORE)).rejects.toBeInstanceOf(TokenVaultMissing);
    expect(await rewards.getRedemption(table, customer, id)).toMatchObject({ status: 'pending' });
    expect((await ledger.getAccount(table, customer)).balance).toBe(30);
  }, 15_000);

  it('stops the mirror rebuild (its legs are retried; the checkpoint holds)', async () => {
    const { rebuildMirror } = await import('@bc-loyalty/shared/mirror');
    await expect(rebuildMirror(table, APP_STORE)).rejects.toBeInstanceOf(TokenVaultMissing);
  });
});
