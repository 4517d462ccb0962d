// Test identities and tokens signed as BigCommerce signs current-customer tokens (HS256, the app's
// client secret), for the unit tier and the tiers that run the local stack alike.
import { SignJWT } from 'jose';
import { signCurrentCustomerToken, type TokenRequest } from '../../local/current-customer-token';

export const TEST_CLIENT_ID = 'test-client-id';
export const TEST_CLIENT_SECRET = 'test-client-secret-0123456789abcdef';
export const TEST_STORE = 'teststore';
export const OTHER_STORE = 'otherstore';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function tokenFor(customerId: number, extra: Partial<TokenRequest> = {}): Promise<string> {
  return signCurrentCustomerToken({
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    storeHash: TEST_STORE,
    customerId,
    ...extra,
  });
}

/** The claims of a valid current-customer token for customer 7 of TEST_STORE, issued now. */
export function tokenClaims(): Record<string, unknown> {
  const iat = nowSeconds();
  return {
    customer: { id: 7, email: 'shopper@example.com', group_id: '1' },
    iss: 'bc/apps',
    sub: TEST_STORE,
    iat,
    exp: iat + 900,
    version: 1,
    aud: TEST_CLIENT_ID,
    application_id: TEST_CLIENT_ID,
    store_hash: TEST_STORE,
    operation: 'current_customer',
  };
}

/** A current-customer token with some claims changed or dropped, or another algorithm or key. */
export function signedToken(
  claims: Record<string, unknown>,
  options: { alg?: string; key?: Uint8Array; drop?: string[] } = {},
): Promise<string> {
  const payload: Record<string, unknown> = { ...tokenClaims(), ...claims };
  for (const name of options.drop ?? []) delete payload[name];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .sign(options.key ?? new TextEncoder().encode(TEST_CLIENT_SECRET));
}
