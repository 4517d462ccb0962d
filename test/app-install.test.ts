// The BigCommerce app through the local stack (DESIGN §12, docs/app.md): the sandbox plays
// BigCommerce (token endpoint, signed payloads, Management API); tokens are checked in the table.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { adminSessionKey, verifyAdminSession } from '@bc-loyalty/shared/admin-session';
import { getItem } from '@bc-loyalty/shared/ledger';
import { getStoreRecord, getStoreUser, recordInstall, recordUninstall } from '@bc-loyalty/shared/stores';
import { purgeEntryKey, storeKey } from '../layers/shared/src/table-keys';
import { signAppPayload } from '../local/app-payload';
import { callAdmin } from './support/admin';
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

const ownerOf = (storeHash: string) => ({ id: OWNER, email: `user${OWNER}@${storeHash}.example` });

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
    // Its own store's control panel (store-{hash}.mybigcommerce.com) and BigCommerce's; no other store's.
    expect(response.headers.get('content-security-policy')).toContain(
      `frame-ancestors https://store-${STORE}.mybigcommerce.com https://*.bigcommerce.com ${sandbox().url}`,
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

  it('refuses a grant for another store than the callback names: 400 page, nothing written', async () => {
    app().ignoreRequestContext = true; // a token endpoint that does not check `context`
    try {
      const code = app().issueCode('appstore3');
      const query = new URLSearchParams({ code, scope: 'store_v2_customers', context: 'stores/appstore4' });
      const response = await fetch(`${env.stack.apiUrl}/app/auth?${query}`);
      expect(response.status, tailOfLog(env.stack)).toBe(400);
      expect(await response.text()).toMatch(/for another store/);
      for (const store of ['appstore3', 'appstore4']) {
        expect(await getStoreRecord(env.table, store)).toBeUndefined();
        expect(sandbox().store(store).hooks).toEqual([]);
      }
    } finally {
      app().ignoreRequestContext = false;
      for (const token of sandbox().store('appstore3').appTokens) seen.tokens.add(token);
    }
  });

  it('ends with one hook per scope and one script after racing installs and earlier duplicates', async () => {
    expect((await install('appstore5')).status).toBe(200);
    const store = sandbox().store('appstore5');
    // Duplicates as two installs that listed at once and both created would leave them.
    store.hooks.push(...store.hooks.map((h, i) => ({ ...h, id: 90_000 + i })));
    store.scripts.push(...store.scripts.map((script) => ({ ...script, uuid: randomUUID() })));
    const [first, second] = await Promise.all([install('appstore5'), install('appstore5')]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(store.hooks.map((h) => h.scope).sort()).toEqual([
      'store/order/created',
      'store/order/refund/created',
      'store/order/statusUpdated',
    ]);
    expect(store.scripts).toHaveLength(1);
    expect((await getStoreRecord(env.table, 'appstore5'))?.setup?.failed).toEqual([]);
  });

  it('never lets an older grant overwrite a newer one (installs racing)', async () => {
    const install = (token: string, at: number) =>
      recordInstall(env.table, { storeHash: 'appstore6', scopes: 's', encryptedAccessToken: token }, new Date(at));
    const now = Date.now();
    expect(await install('newer', now)).toBe(true);
    expect(await install('older', now - 1_000)).toBe(false);
    expect(await getStoreRecord(env.table, 'appstore6')).toMatchObject({
      encryptedAccessToken: 'newer',
      installedAt: new Date(now).toISOString(),
    });
  });

  it('never lets a slow uninstall end the install that replaced it (a quick reinstall)', async () => {
    const read = await getStoreRecord(env.table, 'appstore6'); // what the uninstall read first
    expect(await recordInstall(env.table, { storeHash: 'appstore6', scopes: 's', encryptedAccessToken: 'again' })).toBe(
      true,
    );
    const teardown = { at: new Date().toISOString(), failed: [] };
    expect(await recordUninstall(env.table, 'appstore6', teardown, { installedAt: read!.installedAt })).toBe(false);
    expect(await getStoreRecord(env.table, 'appstore6')).toMatchObject({
      status: 'installed',
      encryptedAccessToken: 'again',
    });
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

  it('acts on a payload once: again at load, or at uninstall or remove-user, it is refused', async () => {
    const jwt = await payload(STORE, OWNER);
    expect((await callback('load', jwt)).status).toBe(200);
    for (const name of ['load', 'uninstall', 'remove-user']) expect((await callback(name, jwt)).status, name).toBe(401);
    expect((await getStoreRecord(env.table, STORE))?.status).toBe('installed');
    expect((await getStoreUser(env.table, STORE, OWNER))?.removedAt).toBeUndefined();
  });

  it('answers a shell framable by its own store’s control panel only', async () => {
    const response = await callback('load', await payload(STORE, OWNER));
    expect(response.headers.get('content-security-policy')).toContain(
      `frame-ancestors https://store-${STORE}.mybigcommerce.com https://*.bigcommerce.com`,
    );
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
  it('marks the user removed: their sessions and the payloads signed before are refused', async () => {
    const earlier = await payload(STORE, 3003); // e.g. a load URL left in the browser's history
    const shell = await callback('load', await payload(STORE, 3003));
    expect(shell.status).toBe(200);
    const { session } = bootOf(await shell.text());
    expect((await callAdmin(env.stack, session, '/admin/overview')).status).toBe(200);
    expect((await callback('remove-user', await payload(STORE, 3003))).status).toBe(200);
    const removedAt = (await getStoreUser(env.table, STORE, 3003))?.removedAt;
    expect(removedAt).toEqual(expect.any(Number));
    expect((await callAdmin(env.stack, session, '/admin/overview')).status).toBe(401);
    expect((await callback('load', earlier)).status).toBe(401);
    // Signed in the removal's second, as a slow run could otherwise sign it a second later (a re-added user).
    const uninstall = await payload(STORE, 3003, { owner: ownerOf(STORE), issuedAt: removedAt });
    expect((await callback('uninstall', uninstall)).status).toBe(401);
    expect((await getStoreRecord(env.table, STORE))?.status).toBe('installed');
  });

  it('takes the user back on a payload signed after the removal (the owner added them again)', async () => {
    // BigCommerce signs the new payload after the removal: a later second than removedAt.
    await new Promise((r) => setTimeout(r, 1_100));
    const later = await payload(STORE, 3003);
    const shell = await callback('load', later);
    expect(shell.status).toBe(200);
    expect((await getStoreUser(env.table, STORE, 3003))?.removedAt).toBeUndefined();
    expect((await callAdmin(env.stack, bootOf(await shell.text()).session, '/admin/overview')).status).toBe(200);
  });
});

describe('GET /app/uninstall', () => {
  it('takes an uninstall from an authorised user who never opened the app (BigCommerce signed it)', async () => {
    // Refusing it would keep a store BigCommerce uninstalled "installed", its data never deleted.
    const neverOpened = await payload('appstore5', 4004, { owner: ownerOf('appstore5') });
    expect((await callback('uninstall', neverOpened)).status, tailOfLog(env.stack)).toBe(200);
    expect((await getStoreRecord(env.table, 'appstore5'))?.status).toBe('uninstalled');
    expect(await getStoreUser(env.table, 'appstore5', 4004)).toBeUndefined();
    expect((await callback('uninstall', neverOpened)).status).toBe(401); // spent
  });

  it('marks the store uninstalled when its token cannot be decrypted, recording the step', async () => {
    await env.table.client.send(
      new UpdateCommand({
        TableName: env.table.name,
        Key: storeKey('appstore2'),
        UpdateExpression: 'SET encryptedAccessToken = :damaged',
        ExpressionAttributeValues: { ':damaged': 'local:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      }),
    );
    const response = await callback('uninstall', await payload('appstore2', OWNER));
    expect(response.status, tailOfLog(env.stack)).toBe(200);
    const record = await getStoreRecord(env.table, 'appstore2');
    expect(record).toMatchObject({ status: 'uninstalled', teardown: { failed: [{ step: 'accessToken' }] } });
    expect(record).not.toHaveProperty('encryptedAccessToken');
  });

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
