// The BigCommerce app through the local stack (DESIGN §12, docs/app.md): the sandbox plays
// BigCommerce (token endpoint, signed payloads, Management API); tokens are checked in the table.
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { adminSessionKey, verifyAdminSession } from '@bc-loyalty/shared/admin-session';
import { getItem } from '@bc-loyalty/shared/ledger';
import { getStoreRecord, getStoreUser } from '@bc-loyalty/shared/stores';
import { purgeEntryKey } from '../layers/shared/src/table-keys';
import { signAppPayload } from '../local/app-payload';
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_STORE, tailOfLog, tokenFor } from './support/environment';
import { useTestStack } from './support/file-stack';
import { assertMatchesSpec } from './support/openapi';

const env = useTestStack();
const STORE = 'appstore';
const OWNER = 1001;
const sandbox = () => env.stack.sandbox!;
const app = () => sandbox().app!;
const seen = { tokens: new Set<string>(), codes: new Set<string>() };

async function install(storeHash = STORE): Promise<Response> {
  const url = app().installUrl(storeHash);
  seen.codes.add(new URL(url).searchParams.get('code')!);
  const response = await fetch(url);
  for (const token of sandbox().store(storeHash).appTokens) seen.tokens.add(token);
  return response;
}

async function callback(name: string, jwt: string): Promise<Response> {
  const response = await fetch(`${env.stack.apiUrl}/app/${name}?signed_payload_jwt=${jwt}`);
  // BigCommerce's server-side callbacks answer JSON, as docs/openapi.yaml documents.
  if (name !== 'load') assertMatchesSpec('GET', `/app/${name}`, response.status, await response.clone().text());
  return response;
}
const payload = (storeHash = STORE, user = OWNER, extra: Partial<Parameters<typeof signAppPayload>[0]> = {}) =>
  signAppPayload({
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    storeHash,
    user: { id: user, email: `user${user}@example.com` },
    ...extra,
  });

function bootOf(html: string) {
  const json = /<script id="bc-loyalty-admin" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as { session: string; storeHash: string; user: { id: number }; apiBase: string };
}

const shopperCall = async (storeHash: string, customerId: number) =>
  fetch(`${env.stack.apiUrl}/points`, {
    headers: { Authorization: `Bearer ${await tokenFor(customerId, { storeHash })}` },
  });

describe('GET /app/auth (install)', () => {
  it('exchanges the code, keeps the token encrypted, sets the store up and answers the admin shell', async () => {
    const response = await install();
    expect(response.status, tailOfLog(env.stack)).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain(
      `frame-ancestors https://*.bigcommerce.com ${sandbox().url}`,
    );
    const html = await response.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain(`<script type="module" src="${env.stack.apiUrl}/admin/ui/admin.js"></script>`);
    const boot = bootOf(html);
    expect(boot).toMatchObject({ storeHash: STORE, user: { id: OWNER }, apiBase: env.stack.apiUrl });
    await expect(verifyAdminSession(boot.session, adminSessionKey(TEST_CLIENT_SECRET))).resolves.toMatchObject({
      storeHash: STORE,
      userId: OWNER,
    });

    const [token] = sandbox().store(STORE).appTokens;
    const record = await getStoreRecord(env.table, STORE);
    expect(record).toMatchObject({ status: 'installed', scopes: expect.stringContaining('store_v2_orders_read_only') });
    expect(record?.encryptedAccessToken).toEqual(expect.any(String));
    expect(record?.encryptedAccessToken).not.toContain(token);
    expect(record?.setup?.failed).toEqual([]);
    expect(await getStoreUser(env.table, STORE, OWNER)).toMatchObject({ userId: OWNER });

    const store = sandbox().store(STORE);
    expect(store.attributes.map((a) => a.name)).toContain('Loyalty points');
    expect(store.hooks.map((h) => [h.scope, h.destination]).sort()).toEqual(
      ['store/order/created', 'store/order/refund/created', 'store/order/statusUpdated'].map((scope) => [
        scope,
        `${env.stack.apiUrl}/webhooks/bigcommerce`,
      ]),
    );
    expect(store.scripts.map((s) => s.name)).toEqual(['bc-loyalty widget']);
  });

  it('updates the same record on a repeated install (re-auth), with one set of hooks and one script', async () => {
    const before = await getStoreRecord(env.table, STORE);
    expect((await install()).status).toBe(200);
    const after = await getStoreRecord(env.table, STORE);
    expect(after?.encryptedAccessToken).not.toBe(before?.encryptedAccessToken);
    expect(after?.status).toBe('installed');
    expect(sandbox().store(STORE).hooks).toHaveLength(3);
    expect(sandbox().store(STORE).scripts).toHaveLength(1);
  });

  it('answers a replayed code with a 400 page, never a 5xx, and changes nothing', async () => {
    const url = app().installUrl(STORE);
    expect((await fetch(url)).status).toBe(200);
    const before = await getStoreRecord(env.table, STORE);
    const replay = await fetch(url);
    expect(replay.status).toBe(400);
    expect(replay.headers.get('content-type')).toMatch(/text\/html/);
    expect(await replay.text()).toMatch(/used already or has expired/);
    expect(await getStoreRecord(env.table, STORE)).toEqual(before);
    for (const token of sandbox().store(STORE).appTokens) seen.tokens.add(token);
  });

  it('keeps the install when a setup step fails, records the step, and completes it on the next install', async () => {
    sandbox().faults.inject({ kind: 'server-error', status: 403 });
    expect((await install('appstore2')).status).toBe(200);
    const record = await getStoreRecord(env.table, 'appstore2');
    expect(record?.status).toBe('installed');
    expect(record?.setup?.failed).toEqual([{ step: 'pointsAttribute', message: expect.stringMatching(/HTTP 403/) }]);
    expect((await install('appstore2')).status).toBe(200);
    expect((await getStoreRecord(env.table, 'appstore2'))?.setup?.failed).toEqual([]);
    expect(
      sandbox()
        .store('appstore2')
        .attributes.map((a) => a.name),
    ).toContain('Loyalty points');
  });

  it('refuses an install without a store context (400)', async () => {
    expect((await fetch(`${env.stack.apiUrl}/app/auth?code=x&scope=y&context=nowhere`)).status).toBe(400);
  });
});

describe('an installed store in use', () => {
  it("serves its shoppers and mirrors balances with the store's own token", async () => {
    expect((await shopperCall(STORE, 77)).status).toBe(200);
    await env.ledger.applyPointsChange(
      env.table,
      { storeHash: STORE, customerId: 77 },
      { type: 'adjust', points: 40, reason: 'welcome' },
    );
    const started = Date.now();
    while (sandbox().store(STORE).valueOf('Loyalty points', 77) !== '40' && Date.now() - started < 15_000)
      await new Promise((r) => setTimeout(r, 200));
    expect(sandbox().store(STORE).valueOf('Loyalty points', 77), tailOfLog(env.stack)).toBe('40');
  });

  it('earns on its completed orders: the webhook accepts it and the order is read with its token', async () => {
    const order = await sandbox().createOrder(STORE, 88, '42.00');
    await sandbox().changeOrderStatus(STORE, order.id, 10);
    const started = Date.now();
    let balance = 0;
    while (balance !== 42 && Date.now() - started < 20_000) {
      balance = (await env.ledger.getAccount(env.table, { storeHash: STORE, customerId: 88 }))?.balance ?? 0;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(balance, tailOfLog(env.stack)).toBe(42);
  });

  it('still serves single-store mode stores (the app secret) beside it', async () => {
    expect((await shopperCall(TEST_STORE, 78)).status).toBe(200);
  });
});

describe("the sandbox's control panel", () => {
  it('serves Install app, Open app and Uninstall, and its redirects reach the admin shell', async () => {
    const panel = await (await fetch(`${sandbox().url}/manage/app?store=${STORE}`)).text();
    for (const label of ['Install app', 'Open app', 'Uninstall']) expect(panel).toContain(`>${label}</button>`);
    expect(panel).toContain('<iframe name="app"');
    for (const step of ['install', 'open']) {
      const shell = await fetch(`${sandbox().url}/manage/app/${step}?store=${STORE}`);
      expect(shell.status, step).toBe(200);
      expect(bootOf(await shell.text()).storeHash).toBe(STORE);
    }
    for (const token of sandbox().store(STORE).appTokens) seen.tokens.add(token);
  });
});

describe('GET /app/load', () => {
  it('remembers the user and answers the shell with a session that verifies', async () => {
    const response = await callback('load', await payload(STORE, 2002));
    expect(response.status).toBe(200);
    const boot = bootOf(await response.text());
    expect(boot.user.id).toBe(2002);
    const identity = await verifyAdminSession(boot.session, adminSessionKey(TEST_CLIENT_SECRET));
    const user = await getStoreUser(env.table, STORE, 2002);
    expect(identity.issuedAt).toBeGreaterThanOrEqual(user!.sessionsValidAfter);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ user: { id: OWNER, email: 'o@example.com' }, owner: { id: OWNER } });
  const signed = (alg: string, key: Uint8Array, build: (jwt: SignJWT) => SignJWT) =>
    build(new SignJWT(claims()).setProtectedHeader({ alg, typ: 'JWT' })).sign(key);
  const secret = new TextEncoder().encode(TEST_CLIENT_SECRET);
  const valid = (jwt: SignJWT) =>
    jwt.setIssuer('bc').setAudience(TEST_CLIENT_ID).setSubject(`stores/${STORE}`).setIssuedAt().setExpirationTime('1h');
  it.each([
    ['forged (another secret)', () => payload(STORE, OWNER, { clientSecret: 'not-the-client-secret-0123456789' })],
    ['expired', () => payload(STORE, OWNER, { issuedAt: now() - 90_000 })],
    ['of a store never installed', () => payload('neverinstalled')],
    ['for another app (aud)', () => payload(STORE, OWNER, { clientId: 'another-app' })],
    ['signed HS512', () => signed('HS512', secret, valid)],
    ['from another issuer', () => signed('HS256', secret, (jwt) => valid(jwt).setIssuer('bc/apps'))],
    [
      'unsigned (alg none)',
      async () => {
        const [, body] = (await signed('HS256', secret, valid)).split('.');
        return `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${body}.`;
      },
    ],
  ])('refuses a payload %s with 401', async (_case, make) => {
    for (const name of ['load', 'uninstall', 'remove-user']) {
      const response = await callback(name, await make());
      expect(response.status, name).toBe(401);
    }
    expect((await getStoreRecord(env.table, STORE))?.status).toBe('installed');
  });
});

describe('GET /app/remove-user', () => {
  it("deletes the user's record", async () => {
    expect((await callback('load', await payload(STORE, 3003))).status).toBe(200);
    expect(await getStoreUser(env.table, STORE, 3003)).toBeDefined();
    expect((await callback('remove-user', await payload(STORE, 3003))).status).toBe(200);
    expect(await getStoreUser(env.table, STORE, 3003)).toBeUndefined();
  });
});

describe('GET /app/uninstall', () => {
  it('removes hooks and script, deletes the token, and refuses the store’s shoppers from then on', async () => {
    const response = await fetch(`${sandbox().url}/manage/app/uninstall?store=${STORE}`, { method: 'POST' });
    expect(await response.text()).toMatch(/the app answered 200/);
    const record = await getStoreRecord(env.table, STORE);
    expect(record).toMatchObject({
      status: 'uninstalled',
      uninstalledAt: expect.any(String),
      teardown: { failed: [] },
    });
    expect(record).not.toHaveProperty('encryptedAccessToken');
    // queued for the retention run in the same transaction (docs/app.md, "Uninstall and retention")
    const queued = await getItem(env.table, purgeEntryKey(STORE, record!.uninstalledAt!), true);
    expect(queued).toMatchObject({ storeHash: STORE, uninstalledAt: record!.uninstalledAt });
    expect(sandbox().store(STORE).hooks).toEqual([]);
    expect(sandbox().store(STORE).scripts).toEqual([]);
    // A fresh token (the authorizer caches decisions per token for 60 s).
    expect((await shopperCall(STORE, 79)).status).toBe(401);
    expect((await callback('load', await payload(STORE))).status).toBe(401);
  });

  it('leaves no token, code or secret in any log line of the run', () => {
    const log = readFileSync((env.stack as { logFile?: string }).logFile!, 'utf8');
    expect(seen.tokens.size).toBeGreaterThan(0);
    for (const value of [...seen.tokens, ...seen.codes, TEST_CLIENT_SECRET, env.stack.settings.webhookSecret])
      expect(log.includes(value), 'a secret value is in the log').toBe(false);
  });
});
