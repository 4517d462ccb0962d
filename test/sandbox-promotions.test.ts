// The sandbox's promotions, coupon codes and coupon orders: what the rewards rely on BigCommerce
// doing, each request and response checked against promotions.v3.yml / orders.v2.oas2.yml.
import { beforeEach, describe, expect, it } from 'vitest';
import { numberedStores, useSandbox } from './support/sandbox';

const TOKEN = 'sandbox-token';
const sandbox = useSandbox({ stores: numberedStores('promo', 20, TOKEN) });
let store = '';
let storeSeq = 0;

beforeEach(() => {
  store = `promo${storeSeq++}`;
  sandbox.faults.clear();
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read the sandbox's JSON answers field by field
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sandbox.url}/stores/${store}/v3${path}`, {
    method,
    headers: { 'X-Auth-Token': TOKEN, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const fiveOff = {
  name: '$5 off (loyalty)',
  redemption_type: 'COUPON',
  coupon_type: 'BULK',
  rules: [{ action: { cart_value: { discount: { fixed_amount: '5' } } } }],
};

async function promotionWithCode(code: string, promotion: object = fiveOff): Promise<number> {
  const created = await call('POST', '/promotions', promotion);
  expect(created.status).toBe(201);
  expect(
    (await call('POST', `/promotions/${created.body.data.id}/codes`, { code, max_uses: 1, max_uses_per_customer: 1 }))
      .status,
  ).toBe(201);
  return created.body.data.id;
}

describe('sandbox promotions', () => {
  it('creates a coupon promotion, gets, lists and updates it', async () => {
    const id = (await call('POST', '/promotions', fiveOff)).body.data.id;
    expect((await call('GET', `/promotions/${id}`)).body.data).toMatchObject({
      id,
      redemption_type: 'COUPON',
      status: 'ENABLED',
      current_uses: 0,
    });
    expect((await call('PUT', `/promotions/${id}`, { status: 'DISABLED' })).body.data.status).toBe('DISABLED');
    expect((await call('GET', '/promotions?name=%245%20off%20(loyalty)')).body.data).toHaveLength(1);
    expect((await call('GET', '/promotions/999')).status).toBe(404);
  });

  it('refuses a duplicate code with 409, in any promotion of the store and any case', async () => {
    const id = await promotionWithCode('LOYAL-ABC123');
    expect((await call('POST', `/promotions/${id}/codes`, { code: 'LOYAL-ABC123' })).status).toBe(409);
    const other = (await call('POST', '/promotions', fiveOff)).body.data.id;
    expect((await call('POST', `/promotions/${other}/codes`, { code: 'loyal-abc123' })).status).toBe(409);
    expect((await call('POST', `/promotions/${id}/codes`, { code: 'no/slashes' })).status).toBe(422);
  });

  it('answers 404 for a code under a deleted promotion, and lists, finds and deletes codes', async () => {
    const id = await promotionWithCode('LOYAL-DEF456');
    const listed = await call('GET', `/promotions/${id}/codes?code=LOYAL-DEF456`);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ code: 'LOYAL-DEF456', max_uses: 1, max_uses_per_customer: 1, current_uses: 0 }),
    ]);
    expect((await call('GET', '/promotions/codes?code=LOYAL-DEF456')).body.data).toHaveLength(1);
    expect((await call('DELETE', `/promotions?id:in=${id}`)).status).toBe(422); // bulk delete keeps promotions with codes
    expect((await call('DELETE', `/promotions/${id}/codes/${listed.body.data[0].id}`)).status).toBe(204);
    expect((await call('GET', `/promotions/${id}/codes`)).body.data).toEqual([]);
    expect((await call('DELETE', `/promotions/${id}`)).status).toBe(204);
    expect((await call('POST', `/promotions/${id}/codes`, { code: 'LOYAL-GHI789' })).status).toBe(404);
  });

  it('pages codes by cursor', async () => {
    const id = (await call('POST', '/promotions', fiveOff)).body.data.id;
    for (const n of [1, 2, 3]) await call('POST', `/promotions/${id}/codes`, { code: `PAGE-${n}` });
    const first = await call('GET', `/promotions/${id}/codes?limit=2`);
    expect(first.body.data.map((c: { code: string }) => c.code)).toEqual(['PAGE-1', 'PAGE-2']);
    const next = await call(
      'GET',
      `/promotions/${id}/codes?limit=2&after=${first.body.meta.cursor_pagination.end_cursor}`,
    );
    expect(next.body.data.map((c: { code: string }) => c.code)).toEqual(['PAGE-3']);
  });

  it('applies faults to the promotions endpoints too', async () => {
    sandbox.faults.inject({ kind: 'server-error', status: 503 });
    expect((await call('POST', '/promotions', fiveOff)).status).toBe(503);
    sandbox.faults.inject({ kind: 'rate-limit', resetMs: 10 });
    expect((await call('GET', '/promotions')).status).toBe(429);
  });
});

describe('sandbox orders with coupons', () => {
  it('takes $5 off an order, records the coupon, and uses the single-use code up', async () => {
    const id = await promotionWithCode('FIVE-OFF-1');
    const order = await sandbox.createOrder(store, 7, '42.00', {}, { coupons: ['five-off-1'] });
    expect(order).toMatchObject({
      subtotal_ex_tax: '42.0000',
      discount_amount: '5.0000',
      coupon_discount: '5.0000',
      total_ex_tax: '37.0000',
      total_inc_tax: '40.7000',
    });
    const coupons = await fetch(`${sandbox.url}/stores/${store}/v2/orders/${order.id}/coupons`, {
      headers: { 'X-Auth-Token': TOKEN, Accept: 'application/json' },
    });
    expect(await coupons.json()).toEqual([
      {
        id: expect.any(Number),
        coupon_id: id,
        order_id: order.id,
        code: 'FIVE-OFF-1',
        amount: 5,
        type: 2,
        discount: 5,
      },
    ]);
    expect(sandbox.store(store).couponFor('FIVE-OFF-1', 8)).toMatchObject({ usable: false, code: { current_uses: 1 } });
    await expect(sandbox.createOrder(store, 8, '42.00', {}, { coupons: ['FIVE-OFF-1'] })).rejects.toThrow(/used up/);
    expect((await call('GET', `/promotions/${id}`)).body.data.current_uses).toBe(1);
  });

  it.each([
    [
      'percentage',
      { cart_value: { discount: { percentage_amount: '10' } } },
      { discount_amount: '4.2000', coupon_discount: '4.2000', total_ex_tax: '45.3000' },
    ],
    [
      'free shipping',
      { shipping: { free_shipping: true, zone_ids: '*' } },
      { discount_amount: '0.0000', coupon_discount: '7.5000', shipping_cost_ex_tax: '0.0000', total_ex_tax: '42.0000' },
    ],
  ])('applies a %s coupon', async (_name, action, expected) => {
    await promotionWithCode(`RULE-${storeSeq}`, { ...fiveOff, rules: [{ action }] });
    const order = await sandbox.createOrder(store, 7, '42.00', {}, { coupons: [`RULE-${storeSeq}`], shipping: '7.50' });
    expect(order).toMatchObject({ subtotal_ex_tax: '42.0000', ...expected });
  });

  it('refuses a code below the minimum spend and under a disabled promotion', async () => {
    const id = await promotionWithCode('MIN-50', {
      ...fiveOff,
      rules: [{ action: fiveOff.rules[0]!.action, condition: { cart: { minimum_spend: '50' } } }],
    });
    await expect(sandbox.createOrder(store, 7, '42.00', {}, { coupons: ['MIN-50'] })).rejects.toThrow(/at least 50/);
    await call('PUT', `/promotions/${id}`, { status: 'DISABLED' });
    expect(sandbox.store(store).couponFor('MIN-50', 7, '60.00')).toMatchObject({
      usable: false,
      reason: 'The promotion is not enabled.',
    });
  });

  it('keeps orders without coupons as before', async () => {
    const order = await sandbox.createOrder(store, 7, '100.00');
    expect(order).toMatchObject({
      subtotal_ex_tax: '100.0000',
      total_inc_tax: '110.0000',
      coupon_discount: '0.0000',
      discount_amount: '0.0000',
    });
  });
});
