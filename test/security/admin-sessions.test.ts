// The admin API's security through the local API: only an admin session of an installed store and
// a user who still has a record passes the admin authorizer; the store is always the session's,
// so one store's merchant never reads or writes another store's customers, rewards or settings;
// every refusal is a 401 or a 4xx, never a 5xx.
import { randomUUID } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeUserKey } from '../../layers/shared/src/table-keys';
import { seedCustomers } from '../../local/sandbox/customers-api';
import { adminSession, callAdmin, merchantOf, storeUser } from '../support/admin';
import { OTHER_STORE, STOREFRONT_ORIGIN, TEST_STORE, tokenFor } from '../support/environment';
import { useTestStack } from '../support/file-stack';
import { nowSeconds, TEST_CLIENT_SECRET } from '../support/tokens';

const env = useTestStack();
const ADMIN_ROUTES: Array<[string, string, unknown?]> = [
  ['GET', '/admin/overview'],
  ['GET', '/admin/customers?q=ada'],
  ['GET', '/admin/customers/1'],
  ['GET', '/admin/customers/1/history'],
  ['POST', '/admin/customers/1/adjustments', { points: 5, reason: 'x' }],
  ['GET', '/admin/settings/earning'],
  ['PUT', '/admin/settings/earning', { pointsPerUnit: '9', earnStatusIds: [2], reverseStatusIds: [4] }],
  ['GET', '/admin/rewards'],
  ['POST', '/admin/rewards', { id: 'x', name: 'x', pointsCost: 1, discount: { type: 'free_shipping' } }],
  ['PUT', '/admin/rewards/x', { name: 'y' }],
  ['POST', '/admin/rewards/x/disable'],
  ['GET', '/admin/health'],
  ['GET', '/admin/audit'],
];

/** Every admin route with `authorization`: each must answer 401 (API Gateway's, with CORS). */
async function expectAllRefused(authorization: string | undefined) {
  for (const [method, path, body] of ADMIN_ROUTES) {
    const response = await fetch(`${env.stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(authorization ? { Authorization: authorization } : {}),
        Origin: STOREFRONT_ORIGIN,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(response.status, `${method} ${path}`).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(STOREFRONT_ORIGIN);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  }
}

beforeAll(() => {
  // Customer 1 exists in both stores (the demo customers); 700 only in the other store.
  seedCustomers(env.stack.sandbox!.store(OTHER_STORE), [{ id: 700, email: 'only-b@example.com', name: 'Bea Other' }]);
});

describe('who passes the admin authorizer', () => {
  it('refuses no token, a shopper’s current-customer token, and garbage', async () => {
    await expectAllRefused(undefined);
    await expectAllRefused(`Bearer ${await tokenFor(1)}`);
    await expectAllRefused('Bearer a.b.c');
  });

  it('refuses a session signed with another secret, with the client secret itself, or with alg none', async () => {
    const userId = await storeUser(env.table, TEST_STORE);
    await expectAllRefused(
      `Bearer ${await adminSession(TEST_STORE, userId, { secret: 'another-secret-0123456789abcdef' })}`,
    );
    const claims = { store_hash: TEST_STORE, user_id: userId, iss: 'bc-loyalty', aud: 'bc-loyalty/admin' };
    const sub = `stores/${TEST_STORE}/users/${userId}`;
    const raw = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_CLIENT_SECRET));
    await expectAllRefused(`Bearer ${raw}`);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const iat = nowSeconds();
    await expectAllRefused(`Bearer ${b64({ alg: 'none' })}.${b64({ ...claims, sub, iat, exp: iat + 60 })}.x`);
  });

  it('refuses an expired session, and one issued before the user’s sessions were revoked', async () => {
    const userId = await storeUser(env.table, TEST_STORE);
    await expectAllRefused(
      `Bearer ${await adminSession(TEST_STORE, userId, { at: new Date(Date.now() - 7_300_000) })}`,
    );
    const token = await adminSession(TEST_STORE, userId);
    expect((await callAdmin(env.stack, token, '/admin/overview')).status).toBe(200);
    await env.table.client.send(
      new UpdateCommand({
        TableName: env.table.name,
        Key: storeUserKey(TEST_STORE, userId),
        UpdateExpression: 'SET sessionsValidAfter = :later',
        ExpressionAttributeValues: { ':later': nowSeconds() + 5 },
      }),
    );
    await expectAllRefused(`Bearer ${token}`);
  });

  it('refuses a session at once after its user was removed (no decision cache)', async () => {
    const { token, userId } = await merchantOf(env.stack, env.table, TEST_STORE);
    expect((await callAdmin(env.stack, token, '/admin/overview')).status).toBe(200);
    await env.table.client.send(
      new DeleteCommand({ TableName: env.table.name, Key: storeUserKey(TEST_STORE, userId) }),
    );
    await expectAllRefused(`Bearer ${token}`);
  });

  it('refuses a session for a store that is not installed, and a user of another store', async () => {
    const userId = await storeUser(env.table, 'notinstalled');
    await expectAllRefused(`Bearer ${await adminSession('notinstalled', userId)}`);
    const userOfA = await storeUser(env.table, TEST_STORE);
    await expectAllRefused(`Bearer ${await adminSession(OTHER_STORE, userOfA)}`);
  });

  it('accepts a store installed as an app (its record) until it is uninstalled', async () => {
    const { recordInstall, recordUninstall } = await import('@bc-loyalty/shared/stores');
    const storeHash = 'appinstalled';
    await recordInstall(env.table, { storeHash, scopes: 'store_v2_customers', encryptedAccessToken: 'not-read-here' });
    const { token } = await merchantOf(env.stack, env.table, storeHash);
    expect((await callAdmin(env.stack, token, '/admin/overview')).status).toBe(200);
    await recordUninstall(env.table, storeHash, { at: new Date().toISOString(), failed: [] });
    await expectAllRefused(`Bearer ${token}`);
  });

  it('refuses a session from before an uninstall and reinstall (the users are kept)', async () => {
    const { recordInstall, recordUninstall } = await import('@bc-loyalty/shared/stores');
    const storeHash = 'appreinstalled';
    const grant = { storeHash, scopes: 'store_v2_customers', encryptedAccessToken: 'not-read-here' };
    await recordInstall(env.table, grant, new Date(Date.now() - 30_000));
    const userId = await storeUser(env.table, storeHash);
    // Issued between the two installs (sessions count in whole seconds, as their `iat`).
    const token = await adminSession(storeHash, userId, { at: new Date(Date.now() - 5_000) });
    expect((await callAdmin(env.stack, token, '/admin/overview')).status).toBe(200);
    await recordUninstall(env.table, storeHash, { at: new Date().toISOString(), failed: [] });
    await recordInstall(env.table, grant);
    await expectAllRefused(`Bearer ${token}`);
    expect((await callAdmin(env.stack, await adminSession(storeHash, userId), '/admin/overview')).status).toBe(200);
  });

  it('refuses the sessions of a user marked removed (remove_user)', async () => {
    const { removeStoreUser } = await import('@bc-loyalty/shared/stores');
    const { token, userId } = await merchantOf(env.stack, env.table, TEST_STORE);
    expect((await callAdmin(env.stack, token, '/admin/overview')).status).toBe(200);
    await removeStoreUser(env.table, TEST_STORE, userId);
    await expectAllRefused(`Bearer ${token}`);
  });

  it('an admin session is no shopper token: /points refuses it', async () => {
    const { token } = await merchantOf(env.stack, env.table, TEST_STORE);
    const response = await fetch(`${env.stack.apiUrl}/points`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
  });
});

describe('one store’s session never reaches another store', () => {
  it('cannot read or adjust the other store’s customers', async () => {
    const a = await merchantOf(env.stack, env.table, TEST_STORE);
    const before = await env.ledger.getAccount(env.table, { storeHash: OTHER_STORE, customerId: 700 });
    expect((await a.json<{ items: unknown[] }>('/admin/customers?q=only-b@example.com')).items).toEqual([]);
    expect((await a.call('/admin/customers/700')).status).toBe(404);
    const adjust = await a.call('/admin/customers/700/adjustments', {
      method: 'POST',
      headers: { 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ points: 100, reason: 'cross-store' }),
    });
    expect(adjust.status).toBe(404);
    expect(await env.ledger.getAccount(env.table, { storeHash: OTHER_STORE, customerId: 700 })).toEqual(before);
  });

  it('adjusts the same customer id in its own store only', async () => {
    const a = await merchantOf(env.stack, env.table, TEST_STORE);
    const b = await merchantOf(env.stack, env.table, OTHER_STORE);
    const inB = await b.json<{ account: { balance: number } }>('/admin/customers/1');
    const adjusted = await a.call('/admin/customers/1/adjustments', {
      method: 'POST',
      headers: { 'Idempotency-Key': randomUUID(), 'X-Store-Hash': OTHER_STORE },
      body: JSON.stringify({ points: 77, reason: 'store A only' }),
    });
    expect(adjusted.status).toBe(201);
    expect(await b.json('/admin/customers/1')).toEqual(inB);
    expect((await a.call(`/admin/customers/1/history?storeHash=${OTHER_STORE}`)).status).toBe(400);
  });

  it('keeps settings, rewards and the audit trail per store', async () => {
    const a = await merchantOf(env.stack, env.table, TEST_STORE);
    const b = await merchantOf(env.stack, env.table, OTHER_STORE);
    const settingsOfB = await b.json('/admin/settings/earning');
    await a.call('/admin/settings/earning', {
      method: 'PUT',
      body: JSON.stringify({ pointsPerUnit: '7', earnStatusIds: [10], reverseStatusIds: [4] }),
    });
    expect(await b.json('/admin/settings/earning')).toEqual(settingsOfB);
    const reward = { id: 'a-only', name: 'A only', pointsCost: 5, discount: { type: 'free_shipping' } };
    expect((await a.call('/admin/rewards', { method: 'POST', body: JSON.stringify(reward) })).status).toBe(201);
    expect((await b.json<{ items: Array<{ id: string }> }>('/admin/rewards')).items.map((r) => r.id)).not.toContain(
      'a-only',
    );
    expect((await b.call('/admin/rewards/a-only/disable', { method: 'POST' })).status).toBe(404);
    const auditOfB = await b.json<{ items: Array<{ userId: number }> }>('/admin/audit');
    expect(auditOfB.items.every((i) => i.userId === b.userId)).toBe(true);
  });
});
