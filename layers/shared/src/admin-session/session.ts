// The control-panel admin session (DESIGN §12): after `load`, the admin UI holds a short-lived JWT
// in memory (no cookie: the control panel's iframe is third-party) and sends it as a Bearer token
// to /admin/*, where its own authorizer verifies it. Its key is derived from the client secret
// (HKDF, its own label), so no second secret is kept and a current-customer token — signed with
// the client secret itself, another issuer and audience — can never pass for a session.
import { hkdfSync, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'bc-loyalty';
const AUDIENCE = 'bc-loyalty/admin';
const KEY_LABEL = 'bc-loyalty/admin-session/v1';
const CLOCK_SKEW_SECONDS = 30;
/** How long a session lasts: the UI asks the merchant to reopen the app after it. */
export const ADMIN_SESSION_SECONDS = 3600;

/** Who an admin session speaks for: one control-panel user of one store. */
export interface AdminIdentity {
  storeHash: string;
  userId: number;
  /** Kept for the audit trail; never logged. */
  email: string | null;
  /** Epoch seconds the session was issued (checked against the user's sessionsValidAfter). */
  issuedAt: number;
}

/** Why a session was refused: for logs and metrics only, never for the response. */
export class InvalidAdminSession extends Error {
  constructor(readonly reason: string) {
    super(`invalid admin session: ${reason}`);
    this.name = 'InvalidAdminSession';
  }
}

/** The session signing key for a client secret (derived, so it is never the secret itself). */
export function adminSessionKey(clientSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', clientSecret, '', KEY_LABEL, 32));
}

/**
 * Issues a session for `user` of `storeHash`, valid ADMIN_SESSION_SECONDS from `now`.
 *
 * @example
 * const token = await signAdminSession({ storeHash, userId: 7, email }, adminSessionKey(secret));
 */
export async function signAdminSession(
  identity: Omit<AdminIdentity, 'issuedAt'>,
  key: Uint8Array,
  now: Date = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ store_hash: identity.storeHash, user_id: identity.userId, email: identity.email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(`stores/${identity.storeHash}/users/${identity.userId}`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ADMIN_SESSION_SECONDS)
    .setJti(randomUUID())
    .sign(key);
}

/**
 * Verifies a session: HS256 only, issuer, audience, subject matching its claims, lifetime. Whether
 * the store is still installed and the user not removed is the authorizer's check (it needs the table).
 *
 * @throws InvalidAdminSession with the reason (for logs and metrics only).
 */
export async function verifyAdminSession(
  token: string,
  key: Uint8Array,
  now: Date = new Date(),
): Promise<AdminIdentity> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
      currentDate: now,
    }));
  } catch (error) {
    throw new InvalidAdminSession(error instanceof errors.JOSEError ? error.code : 'unreadable token');
  }
  const { store_hash: storeHash, user_id: userId, email, iat, exp, sub } = payload;
  if (typeof storeHash !== 'string' || !/^[a-z0-9]{1,32}$/.test(storeHash)) throw new InvalidAdminSession('bad store');
  if (typeof userId !== 'number' || !Number.isSafeInteger(userId) || userId <= 0) {
    throw new InvalidAdminSession('bad user');
  }
  if (sub !== `stores/${storeHash}/users/${userId}`) throw new InvalidAdminSession('subject mismatch');
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > ADMIN_SESSION_SECONDS) {
    throw new InvalidAdminSession('lifetime too long');
  }
  return { storeHash, userId, email: typeof email === 'string' ? email : null, issuedAt: iat };
}
