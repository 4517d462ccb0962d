// BigCommerce's `signed_payload_jwt` of the load, uninstall and remove_user callbacks
// (apps-guide/callbacks.mdx): HS256 with the app's client secret, `aud` the client id, `iss` "bc",
// `sub` "stores/{hash}", `exp` 24 h after `nbf`. The algorithm is pinned: alg=none or another
// HMAC never passes, and neither does a shopper's current-customer token (issuer "bc/apps").
import { errors, jwtVerify } from 'jose';

const ISSUER = 'bc';
const CLOCK_SKEW_SECONDS = 60;
const SUBJECT = /^stores\/([a-z0-9]{1,32})$/;
// BigCommerce's jti is a UUID; anything key-safe of sane length passes.
const JWT_ID = /^[A-Za-z0-9-]{8,64}$/;

/** A control-panel user as the payload names them. */
export interface PayloadUser {
  id: number;
  email: string | null;
}

/** What a verified payload says: the store, the user who acted, the owner, the deep link. */
export interface AppPayload {
  storeHash: string;
  user: PayloadUser;
  owner: PayloadUser | null;
  url: string;
  /** The payload's unique id: each payload is acted on once (spentPayloadKey). */
  jti: string;
  /** Epoch seconds it was signed (`iat`) and stops being valid (`exp`). */
  issuedAt: number;
  expiresAt: number;
}

/** Why a payload was refused: for logs only; the answer is a bare 401. */
export class InvalidAppPayload extends Error {
  constructor(readonly reason: string) {
    super(`invalid signed payload: ${reason}`);
    this.name = 'InvalidAppPayload';
  }
}

const encode = (secret: string) => new TextEncoder().encode(secret);

function userOf(value: unknown): PayloadUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, email } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return null;
  return { id, email: typeof email === 'string' ? email : null };
}

/**
 * Verifies a signed payload with the client secret, or the previous one during a rotation.
 *
 * @throws InvalidAppPayload with the reason (forged, expired, wrong audience, malformed…).
 * @example
 * const { storeHash, user } = await verifyAppPayload(jwt, { clientId, secrets: [clientSecret] });
 */
export async function verifyAppPayload(
  token: string,
  app: { clientId: string; secrets: string[] },
  now: Date = new Date(),
): Promise<AppPayload> {
  let payload: Record<string, unknown> | undefined;
  let reason = 'no secret';
  for (const secret of app.secrets) {
    try {
      ({ payload } = await jwtVerify(token, encode(secret), {
        algorithms: ['HS256'],
        audience: app.clientId,
        issuer: ISSUER,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
        currentDate: now,
      }));
      break;
    } catch (error) {
      reason = error instanceof errors.JOSEError ? error.code : 'unreadable token';
      // Only a bad signature is worth trying with the previous secret.
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) break;
    }
  }
  if (!payload) throw new InvalidAppPayload(reason);
  const store = SUBJECT.exec(String(payload.sub));
  if (!store) throw new InvalidAppPayload('bad subject');
  const user = userOf(payload.user);
  if (!user) throw new InvalidAppPayload('no user');
  if (!JWT_ID.test(String(payload.jti))) throw new InvalidAppPayload('bad jti');
  return {
    storeHash: store[1]!,
    user,
    owner: userOf(payload.owner),
    url: typeof payload.url === 'string' ? payload.url : '/',
    jti: String(payload.jti),
    issuedAt: Number(payload.iat),
    expiresAt: Number(payload.exp),
  };
}
