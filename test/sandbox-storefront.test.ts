// The sandbox storefront's /customer/current.jwt behaves as BigCommerce documents it
// (current_customer.yml), the demo page shows only what was installed, and the widget stays within
// its size budget.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { decodeJwt, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from './support/sandbox';
import { DEMO_CUSTOMERS } from '../local/sandbox/storefront';
import { buildWidget } from '../storefront/build';

const CLIENT_ID = 'sandbox-client';
const SECRET = 'sandbox-client-secret-0123456789';
const sandbox = useSandbox({
  stores: { shop1: 'token' },
  storefront: { storeHash: 'shop1', clientId: CLIENT_ID, clientSecret: SECRET, customers: DEMO_CUSTOMERS },
});

beforeAll(() => buildWidget());

async function logIn(customerId: number): Promise<string> {
  const response = await fetch(`${sandbox.url}/login`, { method: 'POST', body: JSON.stringify({ customerId }) });
  expect(response.status).toBe(204);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}
const currentJwt = (query: string, cookie?: string) =>
  fetch(`${sandbox.url}/customer/current.jwt${query}`, {
    headers: { Accept: 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
  });

describe('sandbox storefront', () => {
  it('answers 404 to a guest', async () => {
    expect((await currentJwt(`?app_client_id=${CLIENT_ID}`)).status).toBe(404);
  });

  it('refuses an unknown or missing app_client_id', async () => {
    const cookie = await logIn(1);
    expect((await currentJwt('?app_client_id=someone-else', cookie)).status).toBe(403);
    expect((await currentJwt('', cookie)).status).toBe(400);
  });

  it('signs a BigCommerce-shaped HS256 token for the signed-in customer, valid 15 minutes', async () => {
    const cookie = await logIn(2);
    const response = await currentJwt(`?app_client_id=${CLIENT_ID}`, cookie);
    expect(response.status).toBe(200);
    const token = await response.text();
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(SECRET), {
      algorithms: ['HS256'],
      audience: CLIENT_ID,
      issuer: 'bc/apps',
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      customer: { id: 2, email: 'ben@example.com', group_id: '1' },
      store_hash: 'shop1',
      operation: 'current_customer',
      application_id: CLIENT_ID,
      sub: 'shop1',
      version: 1,
    });
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('forgets the customer on logout', async () => {
    const cookie = await logIn(3);
    await fetch(`${sandbox.url}/logout`, { method: 'POST', headers: { Cookie: cookie } });
    expect((await currentJwt(`?app_client_id=${CLIENT_ID}`, cookie)).status).toBe(404);
  });

  it('hands out expired or forged tokens when a test asks', async () => {
    const cookie = await logIn(1);
    sandbox.storefront!.tokenMode = 'expired';
    const expired = decodeJwt(await (await currentJwt(`?app_client_id=${CLIENT_ID}`, cookie)).text());
    expect(expired.exp!).toBeLessThan(Date.now() / 1000);
    sandbox.storefront!.tokenMode = 'valid';
  });

  it('renders no widget until one is installed: the page does not hard-code it', async () => {
    const html = await (await fetch(`${sandbox.url}/`)).text();
    expect(html).not.toMatch(/data-config/);
  });
});

describe('widget bundle', () => {
  it('stays within 10 KB gzipped, script and stylesheet together (the stylesheet is inside the script)', async () => {
    const { file } = await buildWidget();
    const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
    console.log(`widget: ${readFileSync(file).length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(10 * 1024);
  });
});
