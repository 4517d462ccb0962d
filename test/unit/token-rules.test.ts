// DESIGN §3 as a table, against the deployed authorizer's two gates: API Gateway's validation
// expression from template.yaml, then the authorizer handler. Every token here must be refused
// (API Gateway's 401); no DynamoDB, no network. test/token-rules.test.ts sends samples through the
// local API to show the same gates are wired there.
import { UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuthorizerHandler, gatewayAuthorize, loadAuthorizer, METHOD_ARN } from '../support/authorizer';
import { nowSeconds, OTHER_STORE, signedToken, TEST_CLIENT_ID, TEST_STORE, tokenFor } from '../support/tokens';

let handler: AuthorizerHandler;
beforeAll(async () => {
  handler = await loadAuthorizer();
});
const authorize = (authorization: string | undefined) => gatewayAuthorize(handler, authorization);

describe('the authorizer', () => {
  it('accepts a valid current-customer token for the whole API', async () => {
    const result = await handler(
      { type: 'TOKEN', authorizationToken: `Bearer ${await tokenFor(7)}`, methodArn: METHOD_ARN },
      { awsRequestId: 'unit' } as never,
    );
    expect(result.principalId).toBe(`${TEST_STORE}:7`);
    expect(result.context).toMatchObject({ storeHash: TEST_STORE, customerId: 7 });
    expect(JSON.stringify(result.policyDocument)).toContain('abcdef1234/v1/*');
  });

  it('accepts a token of another installed store, keyed to that store', async () => {
    expect(await authorize(`Bearer ${await signedToken({ store_hash: OTHER_STORE, sub: OTHER_STORE })}`)).toMatchObject(
      { storeHash: OTHER_STORE },
    );
  });

  it('accepts iat and exp within 60 s of clock skew', async () => {
    const iat = nowSeconds() + 50;
    expect(await authorize(`Bearer ${await signedToken({ iat, exp: iat + 900 })}`)).toMatchObject({ customerId: 7 });
  });

  const unsecured = () =>
    new UnsecuredJWT({
      customer: { id: 7 },
      iss: 'bc/apps',
      aud: TEST_CLIENT_ID,
      store_hash: TEST_STORE,
      operation: 'current_customer',
    })
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
  const refused: Array<[string, () => Promise<string | undefined>]> = [
    ['no Authorization header', async () => undefined],
    ['an empty header', async () => ''],
    ['Basic credentials', async () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['"Bearer" with nothing after it', async () => 'Bearer '],
    ['alg none', async () => `Bearer ${unsecured()}`],
    ['HS384 with the right secret', async () => `Bearer ${await signedToken({}, { alg: 'HS384' })}`],
    ['HS512 with the right secret', async () => `Bearer ${await signedToken({}, { alg: 'HS512' })}`],
    [
      'a wrong secret',
      async () =>
        `Bearer ${await signedToken({}, { key: new TextEncoder().encode('some-other-secret-0123456789abcdef') })}`,
    ],
    ['a wrong aud', async () => `Bearer ${await signedToken({ aud: 'another-app' })}`],
    ['an aud list without our client id', async () => `Bearer ${await signedToken({ aud: ['another-app'] })}`],
    ['a wrong iss', async () => `Bearer ${await signedToken({ iss: 'bc/other' })}`],
    ['no iss', async () => `Bearer ${await signedToken({}, { drop: ['iss'] })}`],
    ['a wrong operation', async () => `Bearer ${await signedToken({ operation: 'customer_login' })}`],
    ['no operation', async () => `Bearer ${await signedToken({}, { drop: ['operation'] })}`],
    // (A store in neither the secret nor the table: the authorizer reads its record, so that case is
    // in the integration tier, test/token-rules.test.ts and test/app-install.test.ts.)
    ['a store_hash that is not a string', async () => `Bearer ${await signedToken({ store_hash: 123 })}`],
    [
      'an expired token',
      async () => `Bearer ${await signedToken({ iat: nowSeconds() - 1000, exp: nowSeconds() - 100 })}`,
    ],
    ['no exp', async () => `Bearer ${await signedToken({}, { drop: ['exp'] })}`],
    ['no iat', async () => `Bearer ${await signedToken({}, { drop: ['iat'] })}`],
    [
      'iat in the future',
      async () => `Bearer ${await signedToken({ iat: nowSeconds() + 300, exp: nowSeconds() + 1000 })}`,
    ],
    ['exp - iat too long', async () => `Bearer ${await signedToken({ iat: nowSeconds(), exp: nowSeconds() + 3600 })}`],
    ['customer.id missing', async () => `Bearer ${await signedToken({ customer: { email: 'x@example.com' } })}`],
    ['customer.id 0', async () => `Bearer ${await signedToken({ customer: { id: 0 } })}`],
    ['customer.id negative', async () => `Bearer ${await signedToken({ customer: { id: -5 } })}`],
    ['customer.id a string', async () => `Bearer ${await signedToken({ customer: { id: '7' } })}`],
    ['customer.id fractional', async () => `Bearer ${await signedToken({ customer: { id: 7.5 } })}`],
    ['no customer', async () => `Bearer ${await signedToken({}, { drop: ['customer'] })}`],
    ['a malformed token', async () => 'Bearer not.a.jwt'],
    ['a truncated token', async () => `Bearer ${(await tokenFor(7)).slice(0, -10)}`],
    ['a token without its signature', async () => `Bearer ${(await tokenFor(7)).split('.').slice(0, 2).join('.')}.`],
    [
      'a tampered payload',
      async () => {
        const [h, , s] = (await tokenFor(7)).split('.');
        const forged = Buffer.from(JSON.stringify({ customer: { id: 1 }, store_hash: TEST_STORE })).toString(
          'base64url',
        );
        return `Bearer ${h}.${forged}.${s}`;
      },
    ],
    ['lowercase bearer', async () => `bearer ${await tokenFor(7)}`],
    ['two spaces after Bearer', async () => `Bearer  ${await tokenFor(7)}`],
  ];

  it.each(refused)('refuses %s', async (_, makeHeader) => {
    expect(await authorize(await makeHeader())).toBe(401);
  });
});
