// Earning from orders through the whole path: the sandbox delivers BigCommerce-shaped callbacks
// (with the registered X-Webhook-Secret) to the local API, the webhook stores them, the stream
// drives the order-events function, which reads the order from the sandbox and changes the ledger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specsDir } from '../local/sandbox/spec-validator';
import { OTHER_STORE, tailOfLog, TEST_STORE, tokenFor } from './support/environment';
import { useTestStack } from './support/file-stack';

const env = useTestStack();
let customerSeq = 7000;
const COMPLETED = 10;
const SHIPPED = 2;
const REFUNDED = 4;
const CANCELLED = 5;

const sandbox = () => env.stack.sandbox!;
const newCustomer = () => ({ storeHash: TEST_STORE, customerId: customerSeq++ });
const history = async (customer: { storeHash: string; customerId: number }) =>
  (await env.ledger.listHistory(env.table, customer, 100)).items;

/** Waits until the order-events function has caught up (no record in flight) and returns the account. */
async function settled(customer: { storeHash: string; customerId: number }, expected: number, timeoutMs = 20_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const account = await env.ledger.getAccount(env.table, customer);
    if (account.balance === expected) {
      await new Promise((r) => setTimeout(r, 700)); // a late duplicate would show up by now
      const again = await env.ledger.getAccount(env.table, customer);
      if (again.balance === expected) return again;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `balance of ${customer.customerId} is ${(await env.ledger.getAccount(env.table, customer)).balance}, expected ${expected}\n${tailOfLog(env.stack)}`,
  );
}

const webhook = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${env.stack.apiUrl}/webhooks/bigcommerce`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Webhook-Secret': env.stack.settings.webhookSecret, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const callback = (orderId: number, newStatus = COMPLETED, storeHash = TEST_STORE) => ({
  scope: 'store/order/statusUpdated',
  store_id: '1025646',
  producer: `stores/${storeHash}`,
  hash: `manual${orderId}x${newStatus}x${Math.random().toString(36).slice(2)}`,
  created_at: Math.floor(Date.now() / 1000),
  data: { type: 'order', id: orderId, status: { previous_status_id: 11, new_status_id: newStatus } },
});

describe('earning from orders', () => {
  it('awards floor(subtotal_ex_tax × rate) once under 5 duplicate deliveries ("64.5300" → 64)', async () => {
    const customer = newCustomer();
    const order = await sandbox().createOrder(TEST_STORE, customer.customerId, '64.53');
    expect(order.subtotal_ex_tax).toBe('64.5300');
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED, { times: 5 });
    await settled(customer, 64);
    expect(await history(customer)).toEqual([
      expect.objectContaining({ type: 'earn', points: 64, orderId: String(order.id) }),
    ]);
    expect(
      sandbox().deliveries.filter((d) => d.orderId === order.id && d.scope === 'store/order/statusUpdated'),
    ).toHaveLength(5);
  });

  it('awards once for shipped then completed', async () => {
    const customer = newCustomer();
    const order = await sandbox().createOrder(TEST_STORE, customer.customerId, '20.00');
    await sandbox().changeOrderStatus(TEST_STORE, order.id, SHIPPED);
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    await settled(customer, 20);
    expect((await history(customer)).filter((e) => e.type === 'earn')).toHaveLength(1);
  });

  it('reverses exactly what the order earned when refunded; completing it again earns nothing (the rule)', async () => {
    const customer = newCustomer();
    await env.ledger.applyPointsChange(env.table, customer, { type: 'adjust', points: 5, reason: 'unrelated' });
    const order = await sandbox().createOrder(TEST_STORE, customer.customerId, '30.00');
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    await settled(customer, 35);
    await sandbox().changeOrderStatus(TEST_STORE, order.id, REFUNDED, { times: 2 });
    await settled(customer, 5);
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    await settled(customer, 5);
    expect((await history(customer)).map((e) => [e.type, e.points])).toEqual([
      ['reverse', -30],
      ['earn', 30],
      ['adjust', 5],
    ]);
  });

  it('ends at zero when the refund is delivered before the completion (out of order)', async () => {
    const customer = newCustomer();
    const order = await sandbox().createOrder(TEST_STORE, customer.customerId, '40.00');
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED, { hold: true });
    await sandbox().changeOrderStatus(TEST_STORE, order.id, CANCELLED, { hold: true });
    await sandbox().releaseHeld('newest-first');
    await settled(customer, 0);
    const entries = await history(customer);
    expect(entries.reduce((sum, e) => sum + e.points, 0)).toBe(0);
    expect(entries.filter((e) => e.type === 'earn').length).toBeLessThanOrEqual(1);
  });

  it('ignores guest orders (customer_id 0)', async () => {
    const order = await sandbox().createOrder(TEST_STORE, 0, '99.00');
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    await new Promise((r) => setTimeout(r, 1500));
    const { readOrderRecord } = await import('@bc-loyalty/shared/orders');
    expect(await readOrderRecord(env.table, TEST_STORE, order.id)).toBeUndefined();
    expect((await env.ledger.getAccount(env.table, { storeHash: TEST_STORE, customerId: 0 })).version).toBe(0);
  });

  it('reverses partial refunds in proportion, never more than earned', async () => {
    const customer = newCustomer();
    const order = await sandbox().createOrder(TEST_STORE, customer.customerId, '100.00'); // total 110.00 with tax
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    await settled(customer, 100);
    await sandbox().refundOrder(TEST_STORE, order.id, '27.50'); // a quarter of 110.00
    await settled(customer, 75);
    await sandbox().refundOrder(TEST_STORE, order.id, '500.00'); // more than is left
    await settled(customer, 0);
    const reversed = (await history(customer)).filter((e) => e.type === 'reverse').reduce((s, e) => s - e.points, 0);
    expect(reversed).toBe(100);
  });

  it('retries from the stored event while BigCommerce fails, and awards once it answers', async () => {
    const customer = newCustomer();
    const order = await sandbox().createOrder(TEST_STORE, customer.customerId, '12.00');
    sandbox().faults.inject({ kind: 'server-error', status: 503 }, 12);
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    await settled(customer, 12, 60_000);
    expect(sandbox().faults.pending).toBe(0);
  }, 90_000);

  it('keeps the event while BigCommerce is gone for a minute, and awards when it is back', async () => {
    const customer = newCustomer();
    const order = await sandbox().createOrder(TEST_STORE, customer.customerId, '33.00');
    await sandbox().goAway(60_000); // its API refuses connections; it still sends the callback below
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    const started = Date.now();
    await settled(customer, 33, 150_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55_000);
  }, 180_000);

  it("treats BigCommerce's 404 for the order as done (no award, no endless retry)", async () => {
    const gets = () => sandbox().calls.filter((c) => c.operation === 'getOrder' && c.status === 404).length;
    const before = gets();
    expect((await webhook(callback(999_999))).status).toBe(200);
    const started = Date.now();
    while (gets() === before && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    expect(gets() - before).toBe(1);
  });

  it('keeps stores apart: an order of store B earns in store B only', async () => {
    const customerId = customerSeq++;
    const order = await sandbox().createOrder(OTHER_STORE, customerId, '15.00');
    await sandbox().changeOrderStatus(OTHER_STORE, order.id, COMPLETED);
    await settled({ storeHash: OTHER_STORE, customerId }, 15);
    const seenByA = await fetch(`${env.stack.apiUrl}/points`, {
      headers: { Authorization: `Bearer ${await tokenFor(customerId)}` },
    });
    expect(await seenByA.json()).toMatchObject({ storeHash: TEST_STORE, customerId, balance: 0 });
    const history = await fetch(`${env.stack.apiUrl}/points/history`, {
      headers: { Authorization: `Bearer ${await tokenFor(customerId, { storeHash: OTHER_STORE })}` },
    });
    expect(await history.json()).toMatchObject({
      items: [expect.objectContaining({ type: 'earn', points: 15, orderId: String(order.id) })],
    });
  });
});

describe('POST /webhooks/bigcommerce', () => {
  it('answers 401 without or with a wrong X-Webhook-Secret, and stores nothing', async () => {
    expect((await webhook(callback(1), { 'X-Webhook-Secret': '' })).status).toBe(401);
    expect((await webhook(callback(1), { 'X-Webhook-Secret': 'nope' })).status).toBe(401);
  });

  it.each([
    ['invalid JSON', '{"scope":'],
    ['no data.id', { ...callback(1), data: { type: 'order' } }],
    ['a producer that is not a store', { ...callback(1), producer: 'apps/x' }],
    ['an array', [callback(1)]],
  ])('answers 400 to %s', async (_, body) => {
    const response = await webhook(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });

  it('answers 413 to an oversized body', async () => {
    expect((await webhook({ ...callback(1), padding: 'x'.repeat(20_000) })).status).toBe(413);
  });

  it('answers 200 to scopes it does not use and to stores that are not installed, and ignores them', async () => {
    expect((await webhook({ ...callback(1), scope: 'store/order/archived' })).status).toBe(200);
    expect((await webhook(callback(1, COMPLETED, 'notinstalled'))).status).toBe(200);
  });

  it("accepts every sample callback of BigCommerce's docs", async () => {
    const { orderCallbackSchema } = await import('@bc-loyalty/shared/orders');
    for (const name of ['created', 'statusUpdated', 'refund_created', 'updated', 'archived']) {
      const sample = JSON.parse(
        readFileSync(join(specsDir, 'webhooks-callbacks', 'data', `store_order_${name}.json`), 'utf8'),
      ) as { producer: string };
      sample.producer = sample.producer.replace('{store_hash}', 'abc123');
      expect(orderCallbackSchema.safeParse(sample).success, name).toBe(true);
    }
  });
});
