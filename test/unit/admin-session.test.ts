// The admin session: only a session this app issued, for its claimed store and user, within its lifetime.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_SESSION_SECONDS,
  adminSessionKey,
  InvalidAdminSession,
  signAdminSession,
  verifyAdminSession,
} from '../../layers/shared/src/admin-session';

const key = adminSessionKey('client-secret-of-the-test-app');

/** A token shaped like a session (issuer, audience, subject) with `claims`, signed with `signingKey`. */
const sessionLike = (claims: Record<string, unknown>, signingKey: Uint8Array) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('bc-loyalty')
    .setAudience('bc-loyalty/admin')
    .setSubject('stores/abc123/users/7')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(signingKey);
const user = { storeHash: 'abc123', userId: 7, email: 'owner@example.com' };

describe('admin session', () => {
  it('verifies a session it issued', async () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const identity = await verifyAdminSession(await signAdminSession(user, key, now), key, now);
    expect(identity).toEqual({ ...user, issuedAt: now.getTime() / 1000 });
  });

  it('refuses an expired session, another key, and the client secret itself as key', async () => {
    const issued = new Date('2026-11-26T10:00:00Z');
    const token = await signAdminSession(user, key, issued);
    const later = new Date(issued.getTime() + (ADMIN_SESSION_SECONDS + 60) * 1000);
    await expect(verifyAdminSession(token, key, later)).rejects.toThrow(InvalidAdminSession);
    await expect(verifyAdminSession(token, adminSessionKey('another-client-secret'), issued)).rejects.toThrow(
      InvalidAdminSession,
    );
    const raw = new TextEncoder().encode('client-secret-of-the-test-app');
    const current = await sessionLike({ store_hash: 'abc123', user_id: 7 }, raw);
    await expect(verifyAdminSession(current, key)).rejects.toThrow(InvalidAdminSession);
  });

  it('refuses a subject that does not match its store and user claims', async () => {
    const forged = await sessionLike({ store_hash: 'other', user_id: 7 }, key);
    await expect(verifyAdminSession(forged, key)).rejects.toThrow('subject mismatch');
  });
});
