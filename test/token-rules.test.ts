// DESIGN §3 as a table: every token the authorizer must refuse, sent through the local API.
// Each one is API Gateway's 401 {"message":"Unauthorized"} — never a 500, never a hint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { LocalStack } from '../local/stack';
import { startTestStack, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_STORE, tokenFor } from './support/environment';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

const now = () => Math.floor(Date.now() / 1000);
const secret = new TextEncoder().encode(TEST_CLIENT_SECRET);

/** A token with the given claims changed, signed as BigCommerce signs (HS256, the client secret). */
function signed(claims: Record<string, unknown>, options: { alg?: string; key?: Uint8Array; drop?: string[] } = {}) {
  const iat = now();
  const payload: Record<string, unknown> = {
    customer: { id: 7, email: 'shopper@example.com', group_id: '1' },
    iss: 'bc/apps', sub: TEST_STORE, iat, exp: iat + 900, version: 1, aud: TEST_CLIENT_ID,
    application_id: TEST_CLIENT_ID, store_hash: TEST_STORE, operation: 'current_customer', ...claims,
  };
  for (const name of options.drop ?? []) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).sign(options.key ?? secret);
}

const get = (authorization?: string) =>
  fetch(`${stack.apiUrl}/points`, { headers: authorization === undefined ? {} : { Authorization: authorization } });

describe('the authorizer', () => {
  it('accepts a valid current-customer token', async () => {
    const response = await get(`Bearer ${await tokenFor(7)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ storeHash: TEST_STORE, customerId: 7 });
  });

  it('accepts a token of another installed store, keyed to that store', async () => {
    const response = await get(`Bearer ${await signed({ store_hash: 'otherstore', sub: 'otherstore' })}`);
    expect(await response.json()).toMatchObject({ storeHash: 'otherstore', customerId: 7 });
  });

  it('accepts iat and exp within 60 s of clock skew', async () => {
    const iat = now() + 50;
    expect((await get(`Bearer ${await signed({ iat, exp: iat + 900 })}`)).status).toBe(200);
  });

  const refused: Array<[string, () => Promise<string | undefined>]> = [
    ['no Authorization header', async () => undefined],
    ['an empty header', async () => ''],
    ['Basic credentials', async () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['"Bearer" with nothing after it', async () => 'Bearer '],
    ['alg none', async () => `Bearer ${new UnsecuredJWT({ customer: { id: 7 }, iss: 'bc/apps', aud: TEST_CLIENT_ID, store_hash: TEST_STORE, operation: 'current_customer' }).setIssuedAt().setExpirationTime('10m').encode()}`],
    ['HS384 with the right secret', async () => `Bearer ${await signed({}, { alg: 'HS384' })}`],
    ['HS512 with the right secret', async () => `Bearer ${await signed({}, { alg: 'HS512' })}`],
    ['a wrong secret', async () => `Bearer ${await signed({}, { key: new TextEncoder().encode('some-other-secret-0123456789abcdef') })}`],
    ['a wrong aud', async () => `Bearer ${await signed({ aud: 'another-app' })}`],
    ['an aud list without our client id', async () => `Bearer ${await signed({ aud: ['another-app'] })}`],
    ['a wrong iss', async () => `Bearer ${await signed({ iss: 'bc/other' })}`],
    ['no iss', async () => `Bearer ${await signed({}, { drop: ['iss'] })}`],
    ['a wrong operation', async () => `Bearer ${await signed({ operation: 'customer_login' })}`],
    ['no operation', async () => `Bearer ${await signed({}, { drop: ['operation'] })}`],
    ['an uninstalled store_hash', async () => `Bearer ${await signed({ store_hash: 'notinstalled' })}`],
    ['a store_hash that is not a string', async () => `Bearer ${await signed({ store_hash: 123 })}`],
    ['an expired token', async () => `Bearer ${await signed({ iat: now() - 1000, exp: now() - 100 })}`],
    ['no exp', async () => `Bearer ${await signed({}, { drop: ['exp'] })}`],
    ['no iat', async () => `Bearer ${await signed({}, { drop: ['iat'] })}`],
    ['iat in the future', async () => `Bearer ${await signed({ iat: now() + 300, exp: now() + 1000 })}`],
    ['exp - iat too long', async () => `Bearer ${await signed({ iat: now(), exp: now() + 3600 })}`],
    ['customer.id missing', async () => `Bearer ${await signed({ customer: { email: 'x@example.com' } })}`],
    ['customer.id 0', async () => `Bearer ${await signed({ customer: { id: 0 } })}`],
    ['customer.id negative', async () => `Bearer ${await signed({ customer: { id: -5 } })}`],
    ['customer.id a string', async () => `Bearer ${await signed({ customer: { id: '7' } })}`],
    ['customer.id fractional', async () => `Bearer ${await signed({ customer: { id: 7.5 } })}`],
    ['no customer', async () => `Bearer ${await signed({}, { drop: ['customer'] })}`],
    ['a malformed token', async () => 'Bearer not.a.jwt'],
    ['a truncated token', async () => `Bearer ${(await tokenFor(7)).slice(0, -10)}`],
    ['a token without its signature', async () => `Bearer ${(await tokenFor(7)).split('.').slice(0, 2).join('.')}.`],
    ['a tampered payload', async () => {
      const [h, , s] = (await tokenFor(7)).split('.');
      const forged = Buffer.from(JSON.stringify({ customer: { id: 1 }, store_hash: TEST_STORE })).toString('base64url');
      return `Bearer ${h}.${forged}.${s}`;
    }],
    ['lowercase bearer', async () => `bearer ${await tokenFor(7)}`],
    ['two spaces after Bearer', async () => `Bearer  ${await tokenFor(7)}`],
  ];

  it.each(refused)('refuses %s with 401', async (_, makeHeader) => {
    const response = await get(await makeHeader());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });
});
