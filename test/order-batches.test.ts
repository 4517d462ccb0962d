// Order events in batches, on DynamoDB Local and the sandbox: through the stream with the template's
// batching window (one batch of many events → one reconcile per order, a call or two), and the
// batch processor itself (id ranges and stragglers; a failure mid-batch fails exactly its orders,
// and the redelivered events double nothing).
import type { BatchEvent } from '@bc-loyalty/shared/orders';
import { describe, expect, it } from 'vitest';
import { newOrder } from '../local/sandbox/orders';
import { TEST_STORE, tailOfLog } from './support/environment';
import { useTestStack } from './support/file-stack';

const env = useTestStack({}, { templateWindows: true });
const COMPLETED = 10;
const SHIPPED = 2;
const CANCELLED = 5;
const sandbox = () => env.stack.sandbox!;
const earningCalls = () => sandbox().calls.filter((c) => ['getOrders', 'getOrder'].includes(c.operation)).length;
const balanceOf = async (customerId: number) =>
  (await env.ledger.getAccount(env.table, { storeHash: TEST_STORE, customerId })).balance;
const entriesOf = async (customerId: number) =>
  (await env.ledger.listHistory(env.table, { storeHash: TEST_STORE, customerId }, 100)).items;

/** `count` orders BigCommerce has had for an hour, without webhooks: the ids between a batch's. */
function oldOrders(count: number): number[] {
  const state = sandbox().store(TEST_STORE);
  const anHourAgo = new Date(Date.now() - 3_600_000).toUTCString().replace('GMT', '+0000');
  return Array.from({ length: count }, () => {
    const order = newOrder(state, TEST_STORE, 1, '10.00');
    order.date_modified = anHourAgo;
    return order.id;
  });
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not settled in ${timeoutMs} ms\n${tailOfLog(env.stack)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Waits until the sandbox has had no call for 5 s (the stream consumers are idle): a consumer's call
 * may wait up to 15% of the 30 s quota window at its edges (docs/operations.md), and the mirror's
 * stream batches for a second.
 */
async function quiet(): Promise<void> {
  let seen = -1;
  while (seen !== sandbox().calls.length) {
    seen = sandbox().calls.length;
    await new Promise((r) => setTimeout(r, 5_000));
  }
}

describe('order events in batches', () => {
  it('reconciles each order once from one batch of duplicated, out-of-order events, in a few calls', async () => {
    const hold = { hold: true };
    const expected = new Map<number, number>();
    const customers: number[] = [];
    const place = async (customerId: number, subtotal: string) => {
      customers.push(customerId);
      return sandbox().createOrder(TEST_STORE, customerId, subtotal, hold);
    };
    // 20 completed orders, each completion delivered twice (two callbacks: different hashes).
    for (let i = 0; i < 20; i++) {
      const order = await place(12_000 + i, `${20 + i}.00`);
      await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED, hold);
      await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED, hold);
      expected.set(12_000 + i, 20 + i);
    }
    const [old] = oldOrders(600); // sparse: 600 ids without events between the batch's orders
    // Shipped then cancelled, refunded in full, refunded in part, a guest, a deleted order.
    const cancelled = await place(12_100, '30.00');
    await sandbox().changeOrderStatus(TEST_STORE, cancelled.id, SHIPPED, hold);
    await sandbox().changeOrderStatus(TEST_STORE, cancelled.id, CANCELLED, hold);
    expected.set(12_100, 0);
    const refunded = await place(12_101, '40.00');
    await sandbox().changeOrderStatus(TEST_STORE, refunded.id, COMPLETED, hold);
    await sandbox().refundOrder(TEST_STORE, refunded.id, refunded.total_inc_tax, hold);
    expected.set(12_101, 0);
    const partly = await place(12_102, '100.00'); // total 110.00: a refund of 11.00 takes back 10
    await sandbox().changeOrderStatus(TEST_STORE, partly.id, COMPLETED, hold);
    await sandbox().refundOrder(TEST_STORE, partly.id, '11.00', hold);
    expected.set(12_102, 90);
    const guest = await sandbox().createOrder(TEST_STORE, 0, '50.00', hold);
    await sandbox().changeOrderStatus(TEST_STORE, guest.id, COMPLETED, hold);
    const deleted = await place(12_103, '60.00');
    await sandbox().changeOrderStatus(TEST_STORE, deleted.id, COMPLETED, hold);
    sandbox().store(TEST_STORE).orders.delete(deleted.id);
    expected.set(12_103, 0);
    // An hour-old order refunded now (its id is far below the others).
    sandbox().store(TEST_STORE).orders.get(old!)!.customer_id = 12_104;
    await sandbox().refundOrder(TEST_STORE, old!, '5.00', hold);
    expected.set(12_104, 0);

    const before = earningCalls();
    const invocationsBefore = env.stack.eventSources.OrderEventsFunction!.invocations.length;
    await sandbox().releaseHeld('newest-first');
    await until(async () => {
      for (const [customerId, points] of expected) if ((await balanceOf(customerId)) !== points) return false;
      return env.stack.eventSources.OrderEventsFunction!.invocations.length > invocationsBefore;
    });
    await new Promise((r) => setTimeout(r, 1_500)); // a late duplicate would show by now
    for (const [customerId, points] of expected) expect(await balanceOf(customerId), `${customerId}`).toBe(points);
    for (let i = 0; i < 20; i++) expect(await entriesOf(12_000 + i)).toHaveLength(1);
    expect((await entriesOf(12_101)).map((e) => e.type)).toEqual(['reverse', 'earn']);
    expect((await entriesOf(12_102)).map((e) => e.points)).toEqual([-10, 100]);
    // It reached Shipped: earned, and taken back as it is cancelled now (net 0, as DESIGN §6 says).
    expect((await entriesOf(12_100)).map((e) => e.type)).toEqual(['reverse', 'earn']);
    // 25 orders, ~60 events: the modified-since listing (a page), the deleted order's own 404.
    const calls = earningCalls() - before;
    const batches = env.stack.eventSources.OrderEventsFunction!.invocations.length - invocationsBefore;
    expect(calls).toBeLessThanOrEqual(2 * batches + 1);
    expect(calls).toBeLessThanOrEqual(5);
  }, 120_000); // a batching window, ~60 webhooks and a busy machine

  it('fetches by id range and singles, fails exactly the orders of a failed call, and a retry doubles nothing', async () => {
    const { processOrderBatch } = await import('@bc-loyalty/shared/orders');
    // Orders placed without webhooks (the stream stays out of it), completed.
    const state = sandbox().store(TEST_STORE);
    const place = (customerId: number, subtotal: string) => {
      const order = newOrder(state, TEST_STORE, customerId, subtotal);
      order.status_id = COMPLETED;
      return order;
    };
    const low = [0, 1, 2].map((i) => place(12_200 + i, '10.00'));
    oldOrders(300);
    const high = [0, 1].map((i) => place(12_210 + i, '20.00'));
    oldOrders(300);
    const far = place(12_220, '30.00');
    const orders = [...low, ...high, far];
    await quiet(); // the mirror's last calls: the faults below are for this batch
    // Events without `createdAt` (as older stored events): looked up by id only.
    const events: BatchEvent[] = orders.flatMap((o, i) => [
      { id: `${i}a`, event: { storeHash: TEST_STORE, orderId: o.id, scope: 'store/order/statusUpdated' } },
      { id: `${i}b`, event: { storeHash: TEST_STORE, orderId: o.id, scope: 'store/order/statusUpdated' } },
    ]);
    // The first call (the low range) fails for good: BigCommerce answers 500 to all 5 attempts.
    sandbox().faults.inject({ kind: 'server-error', status: 500 }, 5);
    const before = sandbox().calls.length;
    const first = await processOrderBatch(env.table, events);
    const operations = sandbox()
      .calls.slice(before)
      .map((c) => c.operation);
    // The low range's list call got 500s only (the sandbox records answered operations): then the
    // high range's list call, and the far order's own lookup.
    expect(operations).toEqual(['getOrders', 'getOrder']);
    expect(first.failedIds).toEqual(['0a', '0b', '1a', '1b', '2a', '2b']);
    for (const o of [...high, far]) expect(await balanceOf(o.customer_id)).toBe(Number.parseInt(o.subtotal_ex_tax, 10));
    for (const o of low) expect(await balanceOf(o.customer_id)).toBe(0);

    // Lambda resumes the shard from the first failed record: every later event comes again.
    const again = await processOrderBatch(env.table, events);
    expect(again.failedIds).toEqual([]);
    for (const o of orders) {
      expect(await balanceOf(o.customer_id)).toBe(Number.parseInt(o.subtotal_ex_tax, 10));
      expect(await entriesOf(o.customer_id)).toHaveLength(1);
    }
  }, 60_000);
});
