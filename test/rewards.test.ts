// Rewards end to end through the local stack: redeem → a single-use code in the sandbox under the
// reward's promotion → an order with the code → earning on the discounted subtotal and the code
// `used`; exactly once under concurrency, BigCommerce outages and a deleted promotion.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertMatchesSpec } from './support/openapi';
import { callApi, cliEnvironment, tailOfLog, TEST_STORE, tokenFor } from './support/environment';
import { useTestStack } from './support/file-stack';

// Stream retries come quickly here; the template's own settings (10 retries, 24 h) are kept.
const env = useTestStack({}, { eventSource: { retryDelayMs: () => 200 } });
let customerSeq = 9000;
const COMPLETED = 10;

interface Redeemed {
  redemption: {
    id: string;
    rewardId: string;
    points: number;
    coupon: { code: string; status: string };
    orderId?: number;
  };
  balance: number;
}

beforeAll(async () => {
  await env.rewards.offer(500, { type: 'fixed_amount', amount: '5.00' }, 'five-off');
});

const sandbox = () => env.stack.sandbox!;
const codesIn = (code: string) =>
  sandbox()
    .store(TEST_STORE)
    .couponCodes.filter((c) => c.code === code);

async function shopper(points: number) {
  const customer = { storeHash: TEST_STORE, customerId: customerSeq++ };
  if (points)
    await env.ledger.applyPointsChange(env.table, customer, { type: 'adjust', points, reason: 'test funding' });
  const token = await tokenFor(customer.customerId);
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await callApi(env.stack, token, path, init);
    assertMatchesSpec(init.method ?? 'GET', path.split('?')[0]!, response.status, await response.clone().text());
    return response;
  };
  const redeem = (rewardId: string, key = randomUUID()) =>
    call('/points/redeem', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify({ rewardId }) });
  const redemptions = async () =>
    ((await (await call('/points/redemptions?limit=100')).json()) as { items: Array<Redeemed['redemption']> }).items;
  return { customer, call, redeem, redemptions };
}

/** Polls until `check` returns a value (not undefined), or fails with the stack's log. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}\n${tailOfLog(env.stack)}`);
}

async function statusOf(s: Awaited<ReturnType<typeof shopper>>, redemptionId: string, status: string) {
  return eventually(`redemption ${redemptionId} ${status}`, async () =>
    (await s.redemptions()).find((r) => r.id === redemptionId && r.coupon.status === status),
  );
}

describe('rewards', () => {
  it('turns 500 points into a $5 code, applies it to an order, earns on the discounted subtotal and marks the code used', async () => {
    const s = await shopper(500);
    const response = await s.redeem('five-off');
    expect(response.status).toBe(201);
    const { redemption, balance } = (await response.json()) as Redeemed;
    expect(balance).toBe(0);
    expect(redemption).toMatchObject({ rewardId: 'five-off', points: 500, coupon: { status: 'issued' } });
    const reward = await env.rewards.rewards.getReward(env.table, TEST_STORE, 'five-off');
    expect(codesIn(redemption.coupon.code)).toEqual([
      expect.objectContaining({
        promotion_id: reward!.promotionId,
        max_uses: 1,
        max_uses_per_customer: 1,
        current_uses: 0,
      }),
    ]);

    const order = await sandbox().createOrder(
      TEST_STORE,
      s.customer.customerId,
      '42.00',
      {},
      { coupons: [redemption.coupon.code] },
    );
    expect(order).toMatchObject({
      subtotal_ex_tax: '42.0000',
      discount_amount: '5.0000',
      coupon_discount: '5.0000',
      total_ex_tax: '37.0000',
    });
    await sandbox().changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    const used = await statusOf(s, redemption.id, 'used');
    expect(used.orderId).toBe(order.id);
    await eventually('points earned', async () =>
      (await env.ledger.getAccount(env.table, s.customer)).balance === 37 ? true : undefined,
    );
    expect(sandbox().countOf('getOrderCoupons')).toBeGreaterThan(0);
    // the code is spent: BigCommerce refuses a second order with it
    await expect(
      sandbox().createOrder(TEST_STORE, s.customer.customerId, '42.00', {}, { coupons: [redemption.coupon.code] }),
    ).rejects.toThrow(/used up/);
  });

  it('makes one debit and one code from 30 concurrent redeems with the same key', async () => {
    const s = await shopper(600);
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 30 }, async () => {
        for (let attempt = 0; ; attempt++) {
          // CONCURRENT_UPDATE: retry with the same key, as the widget does
          const r = await s.redeem('five-off', key);
          if (r.status !== 409 || attempt === 5) return r;
        }
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
    const bodies = await Promise.all(responses.map(async (r) => (await r.json()) as Redeemed));
    expect(new Set(bodies.map((b) => b.redemption.id)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    const code = bodies[0]!.redemption.coupon.code;
    await statusOf(s, bodies[0]!.redemption.id, 'issued');
    expect(codesIn(code)).toHaveLength(1);
    expect((await env.ledger.getAccount(env.table, s.customer)).balance).toBe(100);
    expect(await s.redemptions()).toHaveLength(1);
  });

  it('lets exactly 3 of 30 concurrent redeems (different keys) through on a balance for 3, each with its own code', async () => {
    const s = await shopper(1500);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const key = randomUUID();
        for (let attempt = 0; ; attempt++) {
          const r = await s.redeem('five-off', key);
          if (
            r.status !== 409 ||
            ((await r.clone().json()) as { error: { code: string } }).error.code !== 'CONCURRENT_UPDATE' ||
            attempt === 8
          )
            return r.status;
        }
      }),
    );
    expect(statuses.filter((st) => st === 201)).toHaveLength(3);
    expect(statuses.filter((st) => st === 409)).toHaveLength(27);
    expect((await env.ledger.getAccount(env.table, s.customer)).balance).toBe(0);
    const redemptions = await s.redemptions();
    expect(redemptions).toHaveLength(3);
    for (const r of redemptions) await statusOf(s, r.id, 'issued');
    expect(redemptions.flatMap((r) => codesIn(r.coupon.code))).toHaveLength(3);
  });

  it('issues the code once when BigCommerce recovers after failing 12 times in a row', async () => {
    const s = await shopper(500);
    sandbox().faults.inject({ kind: 'server-error', status: 503 }, 12);
    const response = await s.redeem('five-off');
    const { redemption } = (await response.json()) as Redeemed;
    expect(redemption.coupon.status).toBe('pending');
    await statusOf(s, redemption.id, 'issued');
    expect(sandbox().faults.pending).toBe(0);
    expect(codesIn(redemption.coupon.code)).toHaveLength(1);
    expect((await env.ledger.getAccount(env.table, s.customer)).balance).toBe(0);
  });

  it('gives the points back and marks the redemption failed when the promotion was deleted', async () => {
    await env.rewards.offer(200, { type: 'percentage', amount: '10' }, 'ten-percent');
    const reward = await env.rewards.rewards.getReward(env.table, TEST_STORE, 'ten-percent');
    await fetch(`${sandbox().url}/stores/${TEST_STORE}/v3/promotions/${reward!.promotionId}`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': env.stack.settings.accessToken, Accept: 'application/json' },
    });
    const s = await shopper(300);
    const { redemption, balance } = (await (await s.redeem('ten-percent')).json()) as Redeemed;
    expect(balance).toBe(100);
    expect(redemption.coupon.status).toBe('pending');
    await statusOf(s, redemption.id, 'failed');
    const account = await env.ledger.getAccount(env.table, s.customer);
    expect(account).toMatchObject({ balance: 300, lifetimeRedeemed: 0 });
    expect((await env.ledger.listHistory(env.table, s.customer, 1)).items[0]).toMatchObject({
      type: 'restore',
      points: 200,
      redemptionId: redemption.id,
      rewardId: 'ten-percent',
    });
    expect(codesIn(redemption.coupon.code)).toHaveLength(0);
    // the merchant's fix: updating the reward re-creates its promotion, and redeeming works again
    await env.rewards.rewards.updateReward(env.table, TEST_STORE, 'ten-percent', {});
    expect(((await (await s.redeem('ten-percent')).json()) as Redeemed).redemption.coupon.status).toBe('issued');
  });

  it('measures issuance latency, redeem → issued: in the request, and through the stream after a 503', async () => {
    const percentile = (values: number[], p: number) =>
      [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
    const s = await shopper(500 * 60);
    const inRequest: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      const { redemption } = (await (await s.redeem('five-off')).json()) as Redeemed;
      expect(redemption.coupon.status).toBe('issued');
      inRequest.push(performance.now() - started);
    }
    const viaStream = await Promise.all(
      Array.from({ length: 10 }, async () => {
        sandbox().faults.inject({ kind: 'server-error', status: 503 });
        const started = performance.now();
        const { redemption } = (await (await s.redeem('five-off')).json()) as Redeemed;
        if (redemption.coupon.status === 'pending') await statusOf(s, redemption.id, 'issued');
        return performance.now() - started;
      }),
    );
    const figures = (ms: number[]) =>
      `p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms`;
    console.log(
      `issuance latency, redeem → issued: in the request (40) ${figures(inRequest)}; through the stream after a 503 (10) ${figures(viaStream)}`,
    );
    expect(percentile(inRequest, 50)).toBeLessThan(2_000);
  }, 90_000);

  it('manages the rewards with npm run rewards: add, list, update, disable; usage on --help, one-line errors', async () => {
    const cli = (...args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'local/cli/rewards.ts', ...args], {
        env: cliEnvironment(env.stack),
      }).then(
        ({ stdout }) => stdout,
        (error: { stdout: string; stderr: string; code: number }) => ({ failed: error.code, stderr: error.stderr }),
      );
    expect(await cli('--help')).toMatch(/^usage: npm run rewards -- list/);
    expect(
      await cli(
        'add',
        '--store',
        TEST_STORE,
        '--id',
        'cli-ship',
        '--name',
        'Free shipping',
        '--points',
        '300',
        '--free-shipping',
      ),
    ).toMatch(/"promotionId": \d+/);
    expect(
      await cli('update', '--store', TEST_STORE, '--id', 'cli-ship', '--points', '250', '--minimum', '20'),
    ).toMatch(/"pointsCost": 250/);
    const reward = await env.rewards.rewards.getReward(env.table, TEST_STORE, 'cli-ship');
    expect(reward).toMatchObject({
      pointsCost: 250,
      minimumSubtotal: '20',
      discount: { type: 'free_shipping' },
      active: true,
    });
    expect(
      sandbox()
        .store(TEST_STORE)
        .promotions.find((p) => p.id === reward!.promotionId)?.rules[0],
    ).toMatchObject({
      action: { shipping: { free_shipping: true } },
      condition: { cart: { minimum_spend: '20' } },
    });
    expect(await cli('list', '--store', TEST_STORE)).toMatch(/"id":"cli-ship"/);
    expect(await cli('disable', '--store', TEST_STORE, '--id', 'cli-ship')).toMatch(/"active": false/);
    const bad = (await cli(
      'add',
      '--store',
      TEST_STORE,
      '--id',
      'Bad Id',
      '--name',
      'x',
      '--points',
      '0',
      '--amount-off',
      '5',
    )) as { failed: number; stderr: string };
    expect(bad.failed).toBe(2);
    expect(bad.stderr.split('\n')[0]).toMatch(/^rewards: id: a slug.*pointsCost/);
    expect((await cli('fly')) as { failed: number }).toMatchObject({ failed: 2 });
    expect(JSON.parse((await cli('reissue', '--store', TEST_STORE)) as string)).toEqual({}); // nothing left pending
  }, 60_000);

  it('passes the ledger audit: every redemption debit has one code or one restore', async () => {
    const report = await env.ledger.auditLedger(env.table);
    expect(report.findings).toEqual([]);
    expect(report.redemptions).toBeGreaterThan(0);
  });
});
