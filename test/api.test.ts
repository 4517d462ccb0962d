// Every route and error of DESIGN §5 through the local API, with real tokens and DynamoDB Local.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertMatchesSpec } from './support/openapi';
import { OTHER_STORE, STOREFRONT_ORIGIN, TEST_STORE, tokenFor } from './support/environment';
import { useTestStack } from './support/file-stack';

const env = useTestStack();
let customerSeq = 5000;

beforeAll(async () => {
  for (const cost of [1, 10, 20, 51, 100, 120]) await env.rewards.offer(cost);
});

async function shopper(points = 0, storeHash = TEST_STORE) {
  const customerId = customerSeq++;
  if (points)
    await env.ledger.applyPointsChange(
      env.table,
      { storeHash, customerId },
      { type: 'adjust', points, reason: 'test funding' },
    );
  const token = await tokenFor(customerId, { storeHash });
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${env.stack.apiUrl}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });
    // every answer of the API must be one docs/openapi.yaml documents
    if ((init.method ?? 'GET') !== 'OPTIONS') {
      assertMatchesSpec(
        init.method ?? 'GET',
        new URL(path, 'http://x').pathname,
        response.status,
        await response.clone().text(),
      );
    }
    return response;
  };
  const redeem = (body: unknown, key: string | null = randomUUID(), headers: Record<string, string> = {}) =>
    call('/points/redeem', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(key === null ? {} : { 'Idempotency-Key': key }), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { customerId, token, call, redeem };
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  return body;
}

describe('GET /points', () => {
  it('answers zeros and updatedAt null for a customer who never earned', async () => {
    const { customerId, call } = await shopper();
    const response = await call('/points');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      storeHash: TEST_STORE,
      customerId,
      balance: 0,
      lifetimeEarned: 0,
      lifetimeRedeemed: 0,
      updatedAt: null,
    });
  });

  it('answers the balance, not cacheable by shared caches', async () => {
    const { call } = await shopper(250);
    const response = await call('/points');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ balance: 250, updatedAt: expect.any(String) });
  });

  it('refuses any query parameter, so identity cannot come from the query', async () => {
    const { call } = await shopper();
    await expectError(await call(`/points?customerId=1`), 400, 'VALIDATION_ERROR');
    await expectError(await call(`/points?store_hash=${OTHER_STORE}`), 400, 'VALIDATION_ERROR');
  });

  it("ignores identity headers: the account is always the token's", async () => {
    const victim = await shopper(999);
    const { customerId, call } = await shopper(1);
    const response = await call('/points', {
      headers: { 'X-Customer-Id': String(victim.customerId), 'X-Store-Hash': OTHER_STORE },
    });
    expect(await response.json()).toMatchObject({ customerId, balance: 1, storeHash: TEST_STORE });
  });

  it('keeps stores apart: the same customer id in another store is another account', async () => {
    const here = await shopper(10);
    const there = await tokenFor(here.customerId, { storeHash: OTHER_STORE });
    const response = await fetch(`${env.stack.apiUrl}/points`, { headers: { Authorization: `Bearer ${there}` } });
    expect(await response.json()).toMatchObject({ storeHash: OTHER_STORE, customerId: here.customerId, balance: 0 });
  });
});

describe('GET /points/history', () => {
  it('lists entries newest first and pages with nextCursor', async () => {
    const { call, redeem } = await shopper(100);
    expect((await redeem({ rewardId: 'cost-10' })).status).toBe(201);
    expect((await redeem({ rewardId: 'cost-20' })).status).toBe(201);
    const first = (await (await call('/points/history?limit=2')).json()) as {
      items: Array<Record<string, unknown>>;
      nextCursor: string;
    };
    expect(first.items).toEqual([
      expect.objectContaining({
        type: 'redeem',
        points: -20,
        balanceAfter: 70,
        id: expect.any(String),
        reason: expect.any(String),
        createdAt: expect.any(String),
      }),
      expect.objectContaining({ type: 'redeem', points: -10, balanceAfter: 90 }),
    ]);
    const second = (await (await call(`/points/history?limit=2&cursor=${first.nextCursor}`)).json()) as {
      items: unknown[];
      nextCursor: null;
    };
    expect(second.items).toEqual([expect.objectContaining({ type: 'adjust', points: 100, balanceAfter: 100 })]);
    expect(second.nextCursor).toBeNull();
  });

  it('answers an empty page for a new customer', async () => {
    const { call } = await shopper();
    expect(await (await call('/points/history')).json()).toEqual({ items: [], nextCursor: null });
  });

  it.each(['0', '101', '-1', 'ten', '1.5', ''])('refuses limit=%s with 400', async (limit) => {
    const { call } = await shopper();
    await expectError(await call(`/points/history?limit=${limit}`), 400, 'VALIDATION_ERROR');
  });

  it.each([
    'garbage',
    Buffer.from('ACCOUNT').toString('base64url'),
    Buffer.from('TX#1').toString('base64url'),
    'a'.repeat(300),
  ])('refuses cursor %s with 400', async (cursor) => {
    const { call } = await shopper();
    await expectError(await call(`/points/history?cursor=${cursor}`), 400, 'VALIDATION_ERROR');
  });

  it('refuses unknown and repeated query parameters', async () => {
    const { call } = await shopper();
    await expectError(await call('/points/history?customerId=3'), 400, 'VALIDATION_ERROR');
    await expectError(await call('/points/history?limit=1&limit=2'), 400, 'VALIDATION_ERROR');
  });

  it("cannot read another customer's entries with their cursor", async () => {
    const victim = await shopper();
    for (let i = 0; i < 3; i++)
      await env.ledger.applyPointsChange(
        env.table,
        { storeHash: TEST_STORE, customerId: victim.customerId },
        { type: 'adjust', points: 5, reason: 'x' },
      );
    const page = (await (await victim.call('/points/history?limit=1')).json()) as { nextCursor: string };
    const attacker = await shopper();
    expect(await (await attacker.call(`/points/history?cursor=${page.nextCursor}`)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('POST /points/redeem', () => {
  it('redeems a reward: 201 with the redemption, its issued coupon code and the new balance', async () => {
    const { redeem, call } = await shopper(300);
    const response = await redeem({ rewardId: 'cost-120' });
    expect(response.status).toBe(201);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
    expect(await response.json()).toEqual({
      redemption: {
        id: expect.any(String),
        rewardId: 'cost-120',
        points: 120,
        createdAt: expect.any(String),
        coupon: { code: expect.stringMatching(/^PTS-[0-9A-Z]{16}$/), status: 'issued' },
      },
      balance: 180,
    });
    expect(await (await call('/points')).json()).toMatchObject({ balance: 180, lifetimeRedeemed: 120 });
  });

  it('answers 404 REWARD_NOT_FOUND for an unknown or retired reward, and writes nothing', async () => {
    await env.rewards.offer(7, undefined, 'retired-seven');
    await env.rewards.rewards.disableReward(env.table, TEST_STORE, 'retired-seven');
    const { redeem, call } = await shopper(50);
    await expectError(await redeem({ rewardId: 'no-such-reward' }), 404, 'REWARD_NOT_FOUND');
    await expectError(await redeem({ rewardId: 'retired-seven' }), 404, 'REWARD_NOT_FOUND');
    expect(await (await call('/points')).json()).toMatchObject({ balance: 50 });
  });

  it('retires the points-only body with a 400 that says to redeem a reward', async () => {
    const { redeem, call } = await shopper(50);
    const body = await expectError(await redeem({ points: 10 }), 400, 'VALIDATION_ERROR');
    expect(body.error.message).toMatch(/reward/);
    expect(await (await call('/points')).json()).toMatchObject({ balance: 50 });
  });

  it('replays a retry with the same key and body: same body, Idempotent-Replayed: true, one debit', async () => {
    const { redeem, call } = await shopper(300);
    const key = `checkout-${randomUUID()}`;
    const first = await redeem({ rewardId: 'cost-100' }, key);
    const firstBody = await first.text();
    const retry = await redeem({ rewardId: 'cost-100' }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(firstBody);
    expect(await (await call('/points')).json()).toMatchObject({ balance: 200 });
  });

  it('still replays a retry after the reward was disabled, and refuses a new redeem of it with 404', async () => {
    const { redeem, call } = await shopper(100);
    await env.rewards.offer(8, undefined, 'disabled-after');
    const key = `checkout-${randomUUID()}`;
    const firstBody = await (await redeem({ rewardId: 'disabled-after' }, key)).text();
    await env.rewards.rewards.disableReward(env.table, TEST_STORE, 'disabled-after');
    const retry = await redeem({ rewardId: 'disabled-after' }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(firstBody);
    await expectError(await redeem({ rewardId: 'disabled-after' }), 404, 'REWARD_NOT_FOUND');
    expect(await (await call('/points')).json()).toMatchObject({ balance: 92 });
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another reward', async () => {
    const { redeem, call } = await shopper(300);
    const key = randomUUID();
    await redeem({ rewardId: 'cost-100' }, key);
    await expectError(await redeem({ rewardId: 'cost-120' }, key), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await (await call('/points')).json()).toMatchObject({ balance: 200 });
  });

  it('answers 409 INSUFFICIENT_POINTS and writes nothing', async () => {
    const { redeem, call } = await shopper(50);
    await expectError(await redeem({ rewardId: 'cost-51' }), 409, 'INSUFFICIENT_POINTS');
    expect(await (await call('/points/history')).json()).toMatchObject({
      items: [expect.objectContaining({ type: 'adjust' })],
    });
  });

  it('requires an Idempotency-Key (400 IDEMPOTENCY_KEY_REQUIRED)', async () => {
    const { redeem } = await shopper(50);
    await expectError(await redeem({ rewardId: 'cost-1' }, null), 400, 'IDEMPOTENCY_KEY_REQUIRED');
  });

  it.each(['has space', '%C3%BC-key', 'a/b', '{json}', 'x'.repeat(256)])(
    'refuses Idempotency-Key %j with 400',
    async (key) => {
      const { redeem } = await shopper(50);
      await expectError(await redeem({ rewardId: 'cost-1' }, key), 400, 'VALIDATION_ERROR');
    },
  );

  it('accepts a 255-character key of the allowed alphabet', async () => {
    const { redeem } = await shopper(50);
    expect((await redeem({ rewardId: 'cost-1' }, `${'A'.repeat(250)}._:-9`)).status).toBe(201);
  });

  const badBodies: Array<[string, unknown]> = [
    ['rewardId missing', {}],
    ['rewardId a number', { rewardId: 10 }],
    ['rewardId not a slug', { rewardId: 'Cost 10' }],
    ['rewardId too long', { rewardId: 'x'.repeat(64) }],
    ['an unknown field (customerId)', { rewardId: 'cost-1', customerId: 1 }],
    ['an unknown field (storeHash)', { rewardId: 'cost-1', storeHash: OTHER_STORE }],
    ['an array body', [{ rewardId: 'cost-1' }]],
    ['null', null],
    ['invalid JSON', '{"rewardId": '],
    ['an empty body', ''],
  ];
  it.each(badBodies)('refuses %s with 400 VALIDATION_ERROR and writes nothing', async (_, body) => {
    const { redeem, call } = await shopper(50);
    await expectError(await redeem(body), 400, 'VALIDATION_ERROR');
    expect(await (await call('/points')).json()).toMatchObject({ balance: 50 });
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const { redeem } = await shopper(50);
    await expectError(await redeem(`{"rewardId":"cost-1","pad":"${'x'.repeat(17 * 1024)}"}`), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a non-JSON content type with 415', async () => {
    const { redeem } = await shopper(50);
    await expectError(
      await redeem('rewardId=cost-1', 'k', { 'Content-Type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });
});

describe('GET /rewards', () => {
  it('lists the active rewards cheapest first, with whether the caller can afford each', async () => {
    const { call } = await shopper(50);
    const { items } = (await (await call('/rewards')).json()) as {
      items: Array<{ id: string; pointsCost: number; affordable: boolean }>;
    };
    expect(items.map((r) => r.pointsCost)).toEqual([...items.map((r) => r.pointsCost)].sort((a, b) => a - b));
    expect(items.find((r) => r.id === 'cost-10')).toEqual({
      id: 'cost-10',
      name: 'Reward for 10',
      pointsCost: 10,
      discount: { type: 'fixed_amount', amount: '1.00' },
      affordable: true,
    });
    expect(items.find((r) => r.id === 'cost-100')).toMatchObject({ affordable: false });
    expect(items.some((r) => r.id === 'retired-seven')).toBe(false);
  });

  it('answers an empty list for a store without rewards', async () => {
    const { call } = await shopper(50, OTHER_STORE);
    expect(await (await call('/rewards')).json()).toEqual({ items: [] });
  });

  it('refuses query parameters', async () => {
    const { call } = await shopper();
    await expectError(await call(`/rewards?store_hash=${OTHER_STORE}`), 400, 'VALIDATION_ERROR');
  });
});

describe('GET /points/redemptions', () => {
  it("lists the caller's redemptions newest first with their codes, and pages with nextCursor", async () => {
    const { call, redeem } = await shopper(100);
    const first = (await (await redeem({ rewardId: 'cost-10' })).json()) as {
      redemption: { id: string; coupon: { code: string } };
    };
    const second = (await (await redeem({ rewardId: 'cost-20' })).json()) as { redemption: { id: string } };
    const page = (await (await call('/points/redemptions?limit=1')).json()) as {
      items: Array<{ id: string }>;
      nextCursor: string;
    };
    expect(page.items.map((r) => r.id)).toEqual([second.redemption.id]);
    const next = (await (await call(`/points/redemptions?limit=1&cursor=${page.nextCursor}`)).json()) as {
      items: unknown[];
    };
    expect(next.items).toEqual([
      { ...first.redemption, coupon: { code: first.redemption.coupon.code, status: 'issued' } },
    ]);
  });

  it("refuses a cursor of another kind of item, and cannot see another customer's redemptions", async () => {
    const victim = await shopper(100);
    await victim.redeem({ rewardId: 'cost-10' });
    await victim.redeem({ rewardId: 'cost-10' });
    const { nextCursor } = (await (await victim.call('/points/redemptions?limit=1')).json()) as { nextCursor: string };
    const attacker = await shopper();
    expect(await (await attacker.call(`/points/redemptions?cursor=${nextCursor}`)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    await expectError(
      await attacker.call(`/points/redemptions?cursor=${Buffer.from('TX#000000000001').toString('base64url')}`),
      400,
      'VALIDATION_ERROR',
    );
    await expectError(await attacker.call('/points/redemptions?limit=0'), 400, 'VALIDATION_ERROR');
  });
});

describe('API Gateway behaviour', () => {
  it('answers 401 with CORS headers to an allowed storefront origin, so the browser can read it', async () => {
    const response = await fetch(`${env.stack.apiUrl}/points`, { headers: { Origin: STOREFRONT_ORIGIN } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(STOREFRONT_ORIGIN);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('answers the CORS preflight for an allowed origin, without a token', async () => {
    const response = await fetch(`${env.stack.apiUrl}/points/redeem`, {
      method: 'OPTIONS',
      headers: {
        Origin: STOREFRONT_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(STOREFRONT_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('gives no CORS grant to an origin that is not allowed', async () => {
    const response = await fetch(`${env.stack.apiUrl}/points/redeem`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const { call } = await shopper();
    const data = await call('/points', { headers: { Origin: 'https://evil.example' } });
    expect(data.status).toBe(200);
    expect(data.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds CORS to a successful response for an allowed origin and exposes Idempotent-Replayed', async () => {
    const { call } = await shopper();
    const response = await call('/points', { headers: { Origin: STOREFRONT_ORIGIN } });
    expect(response.headers.get('access-control-allow-origin')).toBe(STOREFRONT_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Idempotent-Replayed/);
  });

  it('answers 403 Missing Authentication Token for an unknown route or method, as API Gateway does', async () => {
    const { call } = await shopper();
    for (const [path, method] of [
      ['/points/42', 'GET'],
      ['/points', 'DELETE'],
      ['/customers/1/points', 'GET'],
    ] as const) {
      const response = await call(path, { method });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
    }
  });

  it('reuses the cached authorizer decision on every route (the policy covers the whole API)', async () => {
    const { call, redeem } = await shopper(10);
    expect((await call('/points')).status).toBe(200);
    expect((await call('/points/history')).status).toBe(200);
    expect((await redeem({ rewardId: 'cost-1' })).status).toBe(201);
  });
});

describe('query parameters: one rule for every route', () => {
  it('refuses POST /points/redeem?customerId=…&points=… with 400 and debits nothing', async () => {
    const { customerId, call } = await shopper(100);
    const response = await call(`/points/redeem?customerId=${customerId + 1}&points=50`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: '{"points":1}',
    });
    await expectError(response, 400, 'VALIDATION_ERROR');
    expect((await env.ledger.getAccount(env.table, { storeHash: TEST_STORE, customerId })).balance).toBe(100);
  });

  it.each([
    ['GET', '/points'],
    ['GET', '/points/history'],
    ['POST', '/points/redeem'],
    ['POST', '/webhooks/bigcommerce'],
  ])('refuses an unknown query parameter on %s %s with 400 VALIDATION_ERROR', async (method, path) => {
    const { token } = await shopper();
    const response = await fetch(`${env.stack.apiUrl}${path}?unexpected=1`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
      },
      ...(method === 'POST' ? { body: '{"points":1}' } : {}),
    });
    await expectError(response, 400, 'VALIDATION_ERROR');
  });
});
