// Every /admin/* route and its errors through the local API: an admin session as the app's `load`
// issues it, the store's customers in the sandbox, the ledger on DynamoDB Local, every answer
// checked against docs/openapi.yaml.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../local/sandbox/customers-api';
import { merchantOf } from './support/admin';
import { TEST_STORE } from './support/environment';
import { useTestStack } from './support/file-stack';

const env = useTestStack();
let merchant: Awaited<ReturnType<typeof merchantOf>>;

beforeAll(async () => {
  seedCustomers(env.stack.sandbox!.store(TEST_STORE), [
    { id: 301, email: 'grace.hopper@example.com', name: 'Grace Hopper' },
    { id: 302, email: 'alan.turing@example.com', name: 'Alan Turing' },
    { id: 303, email: 'hedy@example.com', name: 'Hedy Lamarr' },
  ]);
  merchant = await merchantOf(env.stack, env.table, TEST_STORE);
});

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  return body;
}

const adjust = (customerId: number, body: unknown, key: string | null = randomUUID()) =>
  merchant.call(`/admin/customers/${customerId}/adjustments`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: key === null ? {} : { 'Idempotency-Key': key },
  });

describe('customers', () => {
  it('searches by a part of the name and by e-mail, with each balance', async () => {
    await adjust(301, { points: 40, reason: 'welcome' });
    const byName = await merchant.json<{ items: Array<Record<string, unknown>> }>('/admin/customers?q=hopp');
    expect(byName.items).toEqual([
      {
        id: 301,
        email: 'grace.hopper@example.com',
        firstName: 'Grace',
        lastName: 'Hopper',
        balance: 40,
        lifetimeEarned: 0,
      },
    ]);
    const byEmail = await merchant.json<{ items: Array<{ id: number }> }>('/admin/customers?q=alan.turing@example.com');
    expect(byEmail.items.map((c) => c.id)).toEqual([302]);
    expect((await merchant.json<{ items: unknown[] }>('/admin/customers?q=nobody')).items).toEqual([]);
  });

  it('refuses a missing, empty, too long or unknown query parameter', async () => {
    await expectError(await merchant.call('/admin/customers'), 400, 'VALIDATION_ERROR');
    await expectError(await merchant.call('/admin/customers?q='), 400, 'VALIDATION_ERROR');
    await expectError(await merchant.call(`/admin/customers?q=${'a'.repeat(101)}`), 400, 'VALIDATION_ERROR');
    await expectError(await merchant.call('/admin/customers?q=a&storeHash=x'), 400, 'VALIDATION_ERROR');
  });

  it('answers 503 with Retry-After when BigCommerce keeps failing, and works again after', async () => {
    // More failures than the client's 5 attempts: the mirror's own calls may take some of them.
    env.stack.sandbox!.faults.inject({ kind: 'server-error' }, 30);
    const down = await merchant.call('/admin/customers?q=hopper');
    await expectError(down, 503, 'SERVICE_UNAVAILABLE');
    expect(down.headers.get('retry-after')).toBe('1');
    env.stack.sandbox!.faults.clear();
    expect((await merchant.call('/admin/customers?q=hopper')).status).toBe(200);
  });

  it('answers a customer with their account, 404 for an unknown one, 400 for a bad id', async () => {
    const detail = await merchant.json('/admin/customers/303');
    expect(detail).toEqual({
      customer: { id: 303, email: 'hedy@example.com', firstName: 'Hedy', lastName: 'Lamarr' },
      account: { balance: 0, lifetimeEarned: 0, lifetimeRedeemed: 0, updatedAt: null },
    });
    await expectError(await merchant.call('/admin/customers/999999'), 404, 'CUSTOMER_NOT_FOUND');
    await expectError(await merchant.call('/admin/customers/abc'), 400, 'VALIDATION_ERROR');
    await expectError(await merchant.call('/admin/customers/0'), 400, 'VALIDATION_ERROR');
  });
});

describe('adjustments and history', () => {
  it('adjusts with the reason in the entry, once per Idempotency-Key, and lists it in the history', async () => {
    const key = randomUUID();
    const first = await adjust(302, { points: 250, reason: 'Apology for a late parcel' }, key);
    expect(first.status).toBe(201);
    const body = (await first.json()) as { entry: Record<string, unknown>; balance: number };
    expect(body).toMatchObject({
      balance: 250,
      entry: { type: 'adjust', points: 250, reason: 'Apology for a late parcel' },
    });
    const again = await adjust(302, { points: 250, reason: 'Apology for a late parcel' }, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);
    await expectError(await adjust(302, { points: 10, reason: 'other' }, key), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect((await env.ledger.getAccount(env.table, { storeHash: TEST_STORE, customerId: 302 })).balance).toBe(250);

    await adjust(302, { points: -50, reason: 'Correction' });
    const page = await merchant.json<{ items: Array<{ points: number }>; nextCursor: string }>(
      '/admin/customers/302/history?limit=1',
    );
    expect(page.items.map((e) => e.points)).toEqual([-50]);
    const next = await merchant.json<{ items: Array<{ points: number }> }>(
      `/admin/customers/302/history?limit=1&cursor=${page.nextCursor}`,
    );
    expect(next.items.map((e) => e.points)).toEqual([250]);
  });

  it('refuses an overdraft (409), bad bodies (400), a missing key (400) and an unknown customer (404)', async () => {
    await expectError(await adjust(303, { points: -1, reason: 'too much' }), 409, 'INSUFFICIENT_POINTS');
    for (const bad of [
      { points: 0, reason: 'zero' },
      { points: 1.5, reason: 'fraction' },
      { points: 1_000_001, reason: 'too many' },
      { points: 5 },
      { points: 5, reason: '' },
      { points: 5, reason: 'x'.repeat(201) },
      { points: 5, reason: 'ok', storeHash: 'otherstore' },
    ])
      await expectError(await adjust(303, bad), 400, 'VALIDATION_ERROR');
    await expectError(await adjust(303, { points: 5, reason: 'no key' }, null), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    await expectError(await adjust(999999, { points: 5, reason: 'nobody' }), 404, 'CUSTOMER_NOT_FOUND');
    expect((await env.ledger.getAccount(env.table, { storeHash: TEST_STORE, customerId: 303 })).version).toBe(0);
  });
});

describe('earning settings', () => {
  it('answers the deploy parameters until the store sets its own, then the store’s', async () => {
    const before = await merchant.json('/admin/settings/earning');
    const defaults = { pointsPerUnit: '1', earnStatusIds: [2, 10], reverseStatusIds: [4, 5] };
    expect(before).toEqual({ ...defaults, defaults });
    const put = await merchant.call('/admin/settings/earning', {
      method: 'PUT',
      body: JSON.stringify({ pointsPerUnit: '2.5', earnStatusIds: [10, 2, 11], reverseStatusIds: [5] }),
    });
    expect(put.status).toBe(200);
    const saved = { pointsPerUnit: '2.5', earnStatusIds: [2, 10, 11], reverseStatusIds: [5], defaults };
    expect(await put.json()).toEqual(saved);
    expect(await merchant.json('/admin/settings/earning')).toEqual(saved);
  });

  it('refuses overlapping statuses, unknown ids, a bad rate and unknown fields', async () => {
    for (const bad of [
      { pointsPerUnit: '1', earnStatusIds: [2], reverseStatusIds: [2] },
      { pointsPerUnit: '1', earnStatusIds: [15], reverseStatusIds: [] },
      { pointsPerUnit: '1', earnStatusIds: [2, 2], reverseStatusIds: [] },
      { pointsPerUnit: '-1', earnStatusIds: [2], reverseStatusIds: [] },
      { pointsPerUnit: 1, earnStatusIds: [2], reverseStatusIds: [] },
      { pointsPerUnit: '1', earnStatusIds: [2], reverseStatusIds: [], storeHash: 'x' },
    ])
      await expectError(
        await merchant.call('/admin/settings/earning', { method: 'PUT', body: JSON.stringify(bad) }),
        400,
        'VALIDATION_ERROR',
      );
  });
});

describe('rewards', () => {
  const reward = { id: 'admin-five', name: '$5 off', pointsCost: 500, discount: { type: 'fixed_amount', amount: '5' } };

  it('adds, lists, edits, disables and enables a reward, with its promotion in BigCommerce', async () => {
    const added = await merchant.call('/admin/rewards', { method: 'POST', body: JSON.stringify(reward) });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ ...reward, active: true, promotionId: expect.any(Number) });
    const list = await merchant.json<{ items: Array<{ id: string }> }>('/admin/rewards');
    expect(list.items.map((r) => r.id)).toContain('admin-five');
    const edited = await merchant.call('/admin/rewards/admin-five', {
      method: 'PUT',
      body: JSON.stringify({ name: '$5 off your order', pointsCost: 450 }),
    });
    expect(await edited.json()).toMatchObject({ name: '$5 off your order', pointsCost: 450, active: true });
    const disabled = await merchant.call('/admin/rewards/admin-five/disable', { method: 'POST' });
    expect(await disabled.json()).toMatchObject({ active: false });
    const enabled = await merchant.call('/admin/rewards/admin-five/enable', { method: 'POST' });
    expect(await enabled.json()).toMatchObject({ active: true });
  });

  it('refuses a duplicate or bad reward (400) and an unknown one (404)', async () => {
    await merchant.call('/admin/rewards', { method: 'POST', body: JSON.stringify({ ...reward, id: 'dup' }) });
    const again = await merchant.call('/admin/rewards', {
      method: 'POST',
      body: JSON.stringify({ ...reward, id: 'dup' }),
    });
    await expectError(again, 400, 'VALIDATION_ERROR');
    const bad = { ...reward, id: 'Bad Id', pointsCost: 0 };
    await expectError(
      await merchant.call('/admin/rewards', { method: 'POST', body: JSON.stringify(bad) }),
      400,
      'VALIDATION_ERROR',
    );
    const unknownField = { name: 'x', promotionId: 1 };
    await expectError(
      await merchant.call('/admin/rewards/dup', { method: 'PUT', body: JSON.stringify(unknownField) }),
      400,
      'VALIDATION_ERROR',
    );
    await expectError(await merchant.call('/admin/rewards/nope/disable', { method: 'POST' }), 404, 'REWARD_NOT_FOUND');
    await expectError(
      await merchant.call('/admin/rewards/nope', { method: 'PUT', body: '{"name":"x"}' }),
      404,
      'REWARD_NOT_FOUND',
    );
  });

  it.each([
    ['a percentage above 100', { type: 'percentage', amount: '100.5' }],
    ['a percentage of 0', { type: 'percentage', amount: '0' }],
    ['a fixed amount of 0', { type: 'fixed_amount', amount: '0.00' }],
  ])('refuses %s (400) before asking BigCommerce, which would refuse it', async (_, discount) => {
    const promotions = env.stack.sandbox!.store(TEST_STORE).promotions.length;
    const body = JSON.stringify({ ...reward, id: 'nothing-off', discount });
    const refused = await expectError(
      await merchant.call('/admin/rewards', { method: 'POST', body }),
      400,
      'VALIDATION_ERROR',
    );
    expect(refused.error.message).toMatch(/^discount\.amount: /);
    expect(env.stack.sandbox!.store(TEST_STORE).promotions.length).toBe(promotions);
  });

  it('answers 502 BIGCOMMERCE_REFUSED, not 500, when BigCommerce refuses the call (422, 403 no scope, 401 revoked)', async () => {
    for (const [status, call] of [
      [
        422,
        () => merchant.call('/admin/rewards', { method: 'POST', body: JSON.stringify({ ...reward, id: 'refused' }) }),
      ],
      [403, () => merchant.call('/admin/customers?q=hopper')],
      [401, () => merchant.call('/admin/rewards/admin-five/disable', { method: 'POST' })],
    ] as const) {
      // Several: the mirror's own calls may take some of them (a 4xx is not retried by the client).
      env.stack.sandbox!.faults.inject({ kind: 'server-error', status }, 5);
      const refused = await expectError(await call(), 502, 'BIGCOMMERCE_REFUSED');
      expect(refused.error.message).toContain(`(HTTP ${status})`);
      env.stack.sandbox!.faults.clear();
    }
    expect((await merchant.call('/admin/rewards/refused', { method: 'PUT', body: '{}' })).status).toBe(404);
  });
});

describe('overview, health and audit', () => {
  it('counts members, points outstanding and this month’s flow exactly', async () => {
    type Overview = { members: number; pointsOutstanding: number; month: Record<string, number> };
    const before = await merchant.json<Overview>('/admin/overview');
    const customer = { storeHash: TEST_STORE, customerId: 9_101 };
    await env.ledger.applyPointsChange(env.table, customer, {
      type: 'earn',
      points: 120,
      reason: 'order',
      orderId: '1',
    });
    await env.ledger.applyPointsChange(env.table, customer, {
      type: 'reverse',
      points: -20,
      reason: 'refund',
      orderId: '1',
    });
    await env.ledger.applyPointsChange(
      env.table,
      { ...customer, customerId: 9_102 },
      { type: 'adjust', points: 5, reason: 'x' },
    );
    const after = await merchant.json<Overview>('/admin/overview');
    expect(after.members - before.members).toBe(2);
    expect(after.pointsOutstanding - before.pointsOutstanding).toBe(105);
    expect(after.month.earned! - before.month.earned!).toBe(120);
    expect(after.month.reversed! - before.month.reversed!).toBe(20);
    expect(after.month.adjusted! - before.month.adjusted!).toBe(5);
    expect(after.month.start).toBe(`${new Date().toISOString().slice(0, 7)}-01T00:00:00.000Z`);
  });

  it('reports the webhooks, the script, the mirror and the setup', async () => {
    const health = await merchant.json<Record<string, Record<string, unknown>>>('/admin/health');
    expect(health.webhooks!.missing).toEqual([]);
    expect(health.webhooks!.registered).toHaveLength(3);
    expect(health.script).toEqual({ installed: true });
    expect(health.mirror!.deadLetters).toEqual(expect.any(Number));
    expect(health.mirror!.lagSeconds).toEqual(expect.any(Number));
    expect(health.setup).toEqual({ failed: [] });
  });

  it("counts only hooks to this stack: another deployment's active hook does not stand in for ours", async () => {
    const hooks = env.stack.sandbox!.store(TEST_STORE).hooks;
    const ours = hooks.find((h) => h.scope === 'store/order/statusUpdated')!;
    const elsewhere = { ...ours, id: 9_999, destination: 'https://old-stage.example/webhooks/bigcommerce' };
    hooks.push(elsewhere);
    ours.is_active = false;
    try {
      const { webhooks } = await merchant.json<{ webhooks: Record<string, unknown> }>('/admin/health');
      expect(webhooks.missing).toEqual(['store/order/statusUpdated']);
      expect(webhooks.registered).toContainEqual({
        scope: 'store/order/statusUpdated',
        destination: elsewhere.destination,
        active: true,
        ours: false,
      });
    } finally {
      hooks.splice(hooks.indexOf(elsewhere), 1);
      ours.is_active = true;
    }
  });

  it('lists every admin write newest first, with who did it', async () => {
    const first = await merchant.json<{ items: Array<Record<string, unknown>>; nextCursor: string }>(
      '/admin/audit?limit=2',
    );
    expect(first.items[0]).toMatchObject({
      userId: merchant.userId,
      email: 'owner@example.com',
      action: expect.any(String),
    });
    expect(first.items[0]!.at! >= first.items[1]!.at!).toBe(true);
    const all = await merchant.json<{
      items: Array<{ action: string; target: string; details: Record<string, unknown> }>;
    }>('/admin/audit?limit=100');
    const actions = all.items.map((i) => i.action);
    for (const action of [
      'points.adjust',
      'settings.earning',
      'reward.add',
      'reward.update',
      'reward.disable',
      'reward.enable',
    ])
      expect(actions).toContain(action);
    const adjustments = all.items.filter((i) => i.action === 'points.adjust' && i.target === 'customer:302');
    expect(adjustments.map((i) => i.details.reason)).toEqual(['Correction', 'Apology for a late parcel']);
    // a replayed adjustment and refused writes wrote no audit item
    expect(all.items.filter((i) => i.target === 'customer:302' && i.details.points === 250)).toHaveLength(1);
    expect(all.items.some((i) => i.target === 'customer:303')).toBe(false);
  });
});
