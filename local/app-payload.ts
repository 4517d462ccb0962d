// Signs a `signed_payload_jwt` as BigCommerce does for the app's load / uninstall / remove_user
// callbacks (apps-guide/callbacks.mdx), for the sandbox's control panel and tests. Only ever
// signed with dev or test secrets.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface PayloadRequest {
  clientId: string;
  clientSecret: string;
  storeHash: string;
  user: { id: number; email: string };
  owner?: { id: number; email: string };
  /** Issued-at time in seconds; defaults to now. BigCommerce's payloads live 24 h. */
  issuedAt?: number;
  ttlSeconds?: number;
}

export function signAppPayload(r: PayloadRequest): Promise<string> {
  const iat = r.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ user: { ...r.user, locale: 'en-US' }, owner: r.owner ?? r.user, url: '/', channel_id: null })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('bc')
    .setAudience(r.clientId)
    .setSubject(`stores/${r.storeHash}`)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + (r.ttlSeconds ?? 86_400))
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(r.clientSecret));
}
