// The authorizer through the local API: valid tokens pass, refused ones get API Gateway's 401 {"message":"Unauthorized"} — never a 500, never a hint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../local/stack';
import { startTestStack, TEST_STORE, tokenFor } from './support/environment';
import { nowSeconds, signedToken } from './support/tokens';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const now = nowSeconds;
const signed = signedToken;

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

  // The whole table of refusals runs in the unit tier (test/unit/token-rules.test.ts); these show
  // both gates (validation expression, authorizer) answer through the local API Gateway.
  const refused: Array<[string, () => Promise<string | undefined>]> = [
    ['no Authorization header', async () => undefined],
    ['lowercase bearer (the validation expression)', async () => `bearer ${await tokenFor(7)}`],
    [
      'a wrong secret',
      async () => `Bearer ${await signed({}, { key: new TextEncoder().encode('some-other-secret-0123456789abcdef') })}`,
    ],
    ['an expired token', async () => `Bearer ${await signed({ iat: now() - 1000, exp: now() - 100 })}`],
    ['an uninstalled store_hash', async () => `Bearer ${await signed({ store_hash: 'notinstalled' })}`],
  ];

  it.each(refused)('refuses %s with 401', async (_, makeHeader) => {
    const response = await get(await makeHeader());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });
});
