// Contract tests: our BigCommerce client against the sandbox, which checks every request and
// response against BigCommerce's own customers.v3.yml.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  bigCommerceClient,
  BigCommerceError,
  ensureAttribute,
  ensureHooks,
  listAttributeValues,
  upsertAttributeValues,
  type BigCommerceClient,
} from '@bc-loyalty/shared/bigcommerce';
import { BigCommerceSandbox } from '../local/sandbox/server';
import { numberedStores, useSandbox } from './support/sandbox';

const TOKEN = 'sandbox-token';
const sandbox = useSandbox({ stores: numberedStores('store', 40, TOKEN) });
let storeSeq = 0;
let store: string;

beforeEach(() => {
  store = `store${storeSeq++}`;
  sandbox.faults.clear();
});

const client = (options: Partial<Parameters<typeof bigCommerceClient>[0]> = {}): BigCommerceClient =>
  bigCommerceClient({
    apiUrl: sandbox.url,
    storeHash: store,
    accessToken: TOKEN,
    timeoutMs: 2_000,
    priority: 'admin',
    ...options,
  });
const calls = (operation: string) => sandbox.calls.filter((c) => c.storeHash === store && c.operation === operation);

describe('BigCommerce client against the sandbox', () => {
  it('creates the points attribute once, however many callers ask at once', async () => {
    const c = client();
    const ids = await Promise.all(Array.from({ length: 10 }, () => ensureAttribute(c, 'Loyalty points')));
    expect(new Set(ids).size).toBe(1);
    expect(calls('createCustomersAttributes')).toHaveLength(1);
    expect(sandbox.store(store).attributes).toEqual([
      expect.objectContaining({ name: 'Loyalty points', type: 'number' }),
    ]);
  });

  it('upserts values as strings and reads them back', async () => {
    const c = client();
    const attributeId = await ensureAttribute(c, 'Loyalty points');
    await upsertAttributeValues(c, [
      { attribute_id: attributeId, customer_id: 1, value: '120' },
      { attribute_id: attributeId, customer_id: 2, value: '0' },
    ]);
    await upsertAttributeValues(c, [{ attribute_id: attributeId, customer_id: 1, value: '80' }]);
    const values = await listAttributeValues(c, attributeId, [1, 2]);
    expect(values.map((v) => [v.customer_id, v.attribute_value]).sort()).toEqual([
      [1, '80'],
      [2, '0'],
    ]);
  });

  it('is refused by the sandbox as by BigCommerce: more than 10 customers, a non-string value, no token', async () => {
    const c = client();
    const attributeId = await ensureAttribute(c, 'Loyalty points');
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      attribute_id: attributeId,
      customer_id: i + 1,
      value: '1',
    }));
    await expect(
      c.call('upsertCustomersAttributeValues', 'PUT', '/v3/customers/attribute-values', { body: eleven }),
    ).rejects.toMatchObject({ status: 422, retryable: false });
    await expect(upsertAttributeValues(c, eleven)).rejects.toThrow(/at most 10/);
    await expect(
      c.call('upsertCustomersAttributeValues', 'PUT', '/v3/customers/attribute-values', {
        body: [{ attribute_id: attributeId, customer_id: 1, value: 5 }],
      }),
    ).rejects.toThrow(/HTTP 422.*value.*must be string/);
    const before = sandbox.calls.length;
    await expect(
      client({ accessToken: 'wrong' }).call('getCustomersAttributes', 'GET', '/v3/customers/attributes'),
    ).rejects.toMatchObject({ status: 401, operation: 'getCustomersAttributes' });
    expect(sandbox.calls.length).toBe(before); // refused before reaching an operation, and not retried
  });

  it("sends BigCommerce's rate-limit headers on every response", async () => {
    const response = await fetch(`${sandbox.url}/stores/${store}/v3/customers/attributes`, {
      headers: { 'X-Auth-Token': TOKEN, Accept: 'application/json', 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(200);
    for (const h of [
      'x-rate-limit-time-window-ms',
      'x-rate-limit-time-reset-ms',
      'x-rate-limit-requests-quota',
      'x-rate-limit-requests-left',
    ]) {
      expect(response.headers.get(h), h).toMatch(/^\d+$/);
    }
  });

  it('waits X-Rate-Limit-Time-Reset-Ms after a 429, then succeeds', async () => {
    sandbox.faults.inject({ kind: 'rate-limit', resetMs: 300 }, 2);
    const started = Date.now();
    await ensureAttribute(client(), 'Loyalty points');
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('backs off after a 429 without headers, and after 500s, slow answers and dropped connections', async () => {
    sandbox.faults.inject({ kind: 'rate-limit', resetMs: 0, withHeaders: false });
    sandbox.faults.inject({ kind: 'server-error', status: 500 });
    sandbox.faults.inject({ kind: 'slow', delayMs: 3_000 });
    sandbox.faults.inject({ kind: 'drop' });
    const attributeId = await ensureAttribute(client({ timeoutMs: 1_000, maxAttempts: 6 }), 'Loyalty points');
    expect(attributeId).toBeGreaterThan(0);
    expect(sandbox.faults.pending).toBe(0);
  });

  it('gives up after its attempts with an error naming the call and the status', async () => {
    sandbox.faults.inject({ kind: 'server-error', status: 503 }, 3);
    const error = await client({ maxAttempts: 3 })
      .call('getCustomersAttributes', 'GET', '/v3/customers/attributes')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BigCommerceError);
    expect(String(error)).toMatch(/getCustomersAttributes failed \(HTTP 503\)/);
  });

  it('does not outlive its deadline: no retry starts that could not end in time, timeouts cut to fit', async () => {
    sandbox.faults.inject({ kind: 'server-error', status: 503 }, 10);
    const started = Date.now();
    const error = await client({ maxAttempts: 10, deadline: started + 1_000 })
      .call('getCustomersAttributes', 'GET', '/v3/customers/attributes')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls('getCustomersAttributes').length).toBeLessThan(10);

    sandbox.faults.clear();
    sandbox.faults.inject({ kind: 'slow', delayMs: 3_000 });
    const slowStart = Date.now();
    const slow = await client({ timeoutMs: 10_000, deadline: slowStart + 700 })
      .call('getCustomersAttributes', 'GET', '/v3/customers/attributes')
      .catch((e: unknown) => e);
    expect(String(slow)).toMatch(/no answer within \d+ ms/);
    expect(Date.now() - slowStart).toBeLessThan(1_500);
  });

  it("stays within the store's request budget: pauses until the window resets instead of failing", async () => {
    const small = new BigCommerceSandbox({ stores: { tiny: TOKEN }, quota: 5, windowMs: 1_000 });
    await small.listen();
    try {
      const c = bigCommerceClient({ apiUrl: small.url, storeHash: 'tiny', accessToken: TOKEN, priority: 'admin' });
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 12 }, () => c.call('getCustomersAttributes', 'GET', '/v3/customers/attributes')),
      );
      expect(small.countOf('getCustomersAttributes')).toBe(12);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000); // 12 requests need at least 3 windows of 5
    } finally {
      await small.close();
    }
  });

  it('registers webhooks idempotently: creates, leaves alone, reactivates and corrects', async () => {
    const c = client();
    const scopes = ['store/order/created', 'store/order/statusUpdated'];
    const headers = { 'X-Webhook-Secret': 's1' };
    expect((await ensureHooks(c, scopes, 'https://api.example/webhooks', headers)).map((h) => h.action)).toEqual([
      'created',
      'created',
    ]);
    expect((await ensureHooks(c, scopes, 'https://api.example/webhooks', headers)).map((h) => h.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    sandbox.store(store).hooks[0]!.is_active = false; // BigCommerce deactivates hooks that keep failing
    expect(
      (await ensureHooks(c, scopes, 'https://api.example/webhooks', { 'X-Webhook-Secret': 's2' })).map((h) => h.action),
    ).toEqual(['updated', 'updated']);
    expect(sandbox.store(store).hooks.map((h) => [h.is_active, h.headers['X-Webhook-Secret']])).toEqual([
      [true, 's2'],
      [true, 's2'],
    ]);
    expect(calls('createWebhooks')).toHaveLength(2);
  });

  it('ends with one hook per scope when two runs race, and folds duplicates found', async () => {
    const c = client();
    const scopes = ['store/order/created', 'store/order/statusUpdated'];
    const headers = { 'X-Webhook-Secret': 's1' };
    const mine = () => sandbox.store(store).hooks.filter((h) => h.destination === 'https://api.example/raced');
    await Promise.all([1, 2].map(() => ensureHooks(c, scopes, 'https://api.example/raced', headers)));
    expect(mine().map((h) => h.scope)).toEqual(scopes);
    sandbox.store(store).hooks.push(...mine().map((h) => ({ ...h, id: h.id + 10_000 })));
    await ensureHooks(c, scopes, 'https://api.example/raced', headers);
    expect(mine().map((h) => h.scope)).toEqual(scopes);
  });

  it('keeps at most 3 requests in flight per store', async () => {
    const c = client();
    const attributeId = await ensureAttribute(c, 'Loyalty points');
    sandbox.faults.inject({ kind: 'slow', delayMs: 150 }, 12);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        upsertAttributeValues(c, [{ attribute_id: attributeId, customer_id: i + 1, value: '1' }]),
      ),
    );
    expect(sandbox.maxInFlight.get(store)).toBe(3);
  });
});
