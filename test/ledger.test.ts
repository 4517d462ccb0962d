// The points ledger against DynamoDB Local: atomic changes, no overdraft under concurrency,
// idempotent redemptions of rewards, history that always adds up to the balance.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { retryingConcurrentUpdates } from './support/client-retries';
import { putTestReward, setAppEnvironment, TEST_STORE, useTestTable, testTable } from './support/environment';

let ledger: typeof import('@bc-loyalty/shared/ledger');
let rewards: typeof import('@bc-loyalty/shared/rewards');
let tableName: string;
let table: PointsTable;
let customerSeq = 1000;
const newCustomer = () => ({ storeHash: TEST_STORE, customerId: customerSeq++ });

beforeAll(async () => {
  tableName = await useTestTable();
  table = testTable(tableName);
  setAppEnvironment({ stores: TEST_STORE });
  ledger = await import('@bc-loyalty/shared/ledger');
  rewards = await import('@bc-loyalty/shared/rewards');
});

/** Redeems the `cost-<n>` reward (written on first use; its promotion is never called here). */
const offered = new Map<number, Promise<string>>();
async function redeem(customer: { storeHash: string; customerId: number }, cost: number, key: string) {
  if (!offered.has(cost)) offered.set(cost, putTestReward(table, cost));
  return rewards.redeemReward(table, customer, await offered.get(cost)!, key);
}

async function fund(customer: { storeHash: string; customerId: number }, points: number) {
  await ledger.applyPointsChange(table, customer, { type: 'adjust', points, reason: 'test funding' });
}

async function fullHistory(customer: { storeHash: string; customerId: number }) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await ledger.listHistory(table, customer, 7, cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('points ledger', () => {
  it('gives a customer who never earned a zero account', async () => {
    const customer = newCustomer();
    expect(await ledger.getAccount(table, customer)).toEqual({
      ...customer,
      balance: 0,
      lifetimeEarned: 0,
      lifetimeRedeemed: 0,
      updatedAt: null,
      version: 0,
    });
  });

  it('lets exactly 10 of 50 concurrent redeems of 100 through on a balance of 1000', async () => {
    const customer = newCustomer();
    await fund(customer, 1000);
    // A redeem that loses the race for too long answers CONCURRENT_UPDATE (nothing written); these
    // callers send it again with the same key, as a client does.
    const redeemLikeAClient = (key: string) => retryingConcurrentUpdates(() => redeem(customer, 100, key));
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => redeemLikeAClient(randomUUID())));
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(succeeded).toHaveLength(10);
    expect(failed.map((f) => (f.reason as { code?: string }).code)).toEqual(Array(40).fill('INSUFFICIENT_POINTS'));

    const account = await ledger.getAccount(table, customer);
    expect(account.balance).toBe(0);
    expect(account.lifetimeRedeemed).toBe(1000);
    const history = await fullHistory(customer);
    expect(history).toHaveLength(11);
    expect(history.reduce((sum, e) => sum + e.points, 0)).toBe(account.balance);
    // newest first, and each entry's balanceAfter follows from the one before it
    const chronological = [...history].reverse();
    chronological.reduce((before, e) => {
      expect(e.balanceAfter).toBe(before + e.points);
      return e.balanceAfter;
    }, 0);
  });

  it('debits once when a redemption is retried with the same key, and replays the same body', async () => {
    const customer = newCustomer();
    await fund(customer, 500);
    const key = `order-${randomUUID()}`;
    const first = await redeem(customer, 120, key);
    const again = await Promise.all([1, 2, 3].map(() => redeem(customer, 120, key)));
    expect(first.replayed).toBe(false);
    for (const retry of again) {
      expect(retry.replayed).toBe(true);
      expect(JSON.stringify(retry.redeemed)).toBe(JSON.stringify(first.redeemed));
    }
    expect((await ledger.getAccount(table, customer)).balance).toBe(380);
    expect(await fullHistory(customer)).toHaveLength(2);
  });

  it('makes exactly one debit when the same key races itself', async () => {
    const customer = newCustomer();
    await fund(customer, 1000);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => redeem(customer, 100, key)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.redeemed.redemption.id)).size).toBe(1);
    expect((await ledger.getAccount(table, customer)).balance).toBe(900);
  });

  it('refuses the same key for another reward (IDEMPOTENCY_KEY_REUSED) and writes nothing', async () => {
    const customer = newCustomer();
    await fund(customer, 500);
    const key = randomUUID();
    await redeem(customer, 100, key);
    await expect(redeem(customer, 200, key)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await ledger.getAccount(table, customer)).balance).toBe(400);
  });

  it('keys idempotency per customer: two customers may use the same key', async () => {
    const [a, b] = [newCustomer(), newCustomer()];
    await fund(a, 100);
    await fund(b, 100);
    await redeem(a, 10, 'shared-key');
    const forB = await redeem(b, 10, 'shared-key');
    expect(forB.replayed).toBe(false);
    expect(forB.redeemed.balance).toBe(90);
  });

  it('never redeems below zero, and an insufficient redeem writes nothing', async () => {
    const customer = newCustomer();
    await fund(customer, 50);
    await expect(redeem(customer, 51, randomUUID())).rejects.toMatchObject({
      code: 'INSUFFICIENT_POINTS',
      balance: 50,
    });
    expect(await fullHistory(customer)).toHaveLength(1);
    // the key of a refused request stays free for a later, valid one
  });

  it('lets a reversal take the balance below zero, and adjustments not', async () => {
    const customer = newCustomer();
    await ledger.applyPointsChange(table, customer, { type: 'earn', points: 100, reason: 'order 1', orderId: '1' });
    await redeem(customer, 80, randomUUID());
    await expect(
      ledger.applyPointsChange(table, customer, { type: 'adjust', points: -30, reason: 'oops' }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    await ledger.applyPointsChange(table, customer, {
      type: 'reverse',
      points: -100,
      reason: 'order 1 refunded',
      orderId: '1',
      allowNegativeBalance: true,
    });
    const account = await ledger.getAccount(table, customer);
    expect(account).toMatchObject({ balance: -80, lifetimeEarned: 0, lifetimeRedeemed: 80 });
    const [latest] = (await ledger.listHistory(table, customer, 1)).items;
    expect(latest).toMatchObject({ type: 'reverse', points: -100, balanceAfter: -80, orderId: '1' });
  });

  it("commits a caller's extra record in the same transaction, and nothing when its condition fails", async () => {
    const customer = newCustomer();
    const orderRecord = (orderId: string) => ({
      Put: {
        TableName: tableName,
        Item: { pk: `STORE#${customer.storeHash}#ORDER#${orderId}`, sk: 'ORDER', pointsEarned: 10 },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    await ledger.applyPointsChange(
      table,
      customer,
      { type: 'earn', points: 10, reason: 'order 7', orderId: '7' },
      { extraWrites: [orderRecord('7')] },
    );
    await expect(
      ledger.applyPointsChange(
        table,
        customer,
        { type: 'earn', points: 10, reason: 'order 7 again', orderId: '7' },
        { extraWrites: [orderRecord('7')] },
      ),
    ).rejects.toBeInstanceOf(ledger.ConditionOfExtraWriteFailed);
    expect((await ledger.getAccount(table, customer)).balance).toBe(10);
    expect(await fullHistory(customer)).toHaveLength(1);
  });

  it('treats an expired idempotency record (not yet deleted by TTL) as absent', async () => {
    const customer = newCustomer();
    await fund(customer, 300);
    const { client } = ledger.pointsTable();
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: ledger.accountPk(customer), sk: 'IDEMPOTENCY#old', requestHash: 'x', response: '{}', expiresAt: 1 },
      }),
    );
    const outcome = await redeem(customer, 100, 'old');
    expect(outcome.replayed).toBe(false);
    expect(outcome.redeemed.balance).toBe(200);
  });

  it('pages history newest first with an opaque cursor that cannot leave the account', async () => {
    const customer = newCustomer();
    for (let i = 1; i <= 5; i++) await fund(customer, i);
    const first = await ledger.listHistory(table, customer, 2);
    expect(first.items.map((e) => e.points)).toEqual([5, 4]);
    const second = await ledger.listHistory(table, customer, 2, first.nextCursor!);
    expect(second.items.map((e) => e.points)).toEqual([3, 2]);
    for (const bad of [
      'nope',
      Buffer.from('ACCOUNT').toString('base64url'),
      Buffer.from('IDEMPOTENCY#x').toString('base64url'),
    ]) {
      await expect(ledger.listHistory(table, customer, 2, bad)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    }
  });
});
