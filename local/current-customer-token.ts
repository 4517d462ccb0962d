// Signs a token shaped like the one BigCommerce's /customer/current.jwt returns (DESIGN §3), for
// the local stack, the dev CLI and tests. Only ever signed with dev or test secrets.
import { SignJWT } from 'jose';

export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  storeHash: string;
  customerId: number;
  email?: string;
  groupId?: string;
  ttlSeconds?: number;
  /** Issued-at time in seconds; defaults to now. */
  issuedAt?: number;
}

export function signCurrentCustomerToken(r: TokenRequest): Promise<string> {
  const iat = r.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({
    customer: { id: r.customerId, email: r.email ?? `customer${r.customerId}@example.com`, group_id: r.groupId ?? '1' },
    version: 1,
    application_id: r.clientId,
    store_hash: r.storeHash,
    operation: 'current_customer',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('bc/apps')
    .setSubject(r.storeHash)
    .setAudience(r.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (r.ttlSeconds ?? 900))
    .sign(new TextEncoder().encode(r.clientSecret));
}
