// Verification of BigCommerce's Current Customer JWT (DESIGN §3).
// Source: developer.bigcommerce.com/docs/start/authentication/current-customer — HS256, signed
// with the app's client secret, lifetime 15 minutes.
import { errors, jwtVerify } from 'jose';

const CURRENT_CUSTOMER_ISSUER = 'bc/apps';
const CURRENT_CUSTOMER_OPERATION = 'current_customer';
const CLOCK_SKEW_SECONDS = 60;
const MAX_TOKEN_LIFETIME_SECONDS = 900;

/** The verified customer a token names. */
export interface CurrentCustomer {
  storeHash: string;
  customerId: number;
  customerGroupId: string | null;
  /** Kept only for functions that need it; never logged. */
  email: string | null;
}

/** What verifies a token: the app's client id (audience), its key(s), and the installed stores. */
export interface VerificationKey {
  clientId: string;
  /** HMAC key imported once per container (see importClientSecret). */
  key: CryptoKey;
  /** The previous client secret's key while a rotation is under way. */
  previousKey?: CryptoKey;
  /** Checked only once the signature and claims hold (it may read the table: app-installed stores). */
  isInstalledStore: (storeHash: string) => boolean | Promise<boolean>;
}

/** Why a token was refused: for logs and metrics only, never for the response. */
export class InvalidToken extends Error {
  constructor(readonly reason: string) {
    super(`invalid current-customer token: ${reason}`);
    this.name = 'InvalidToken';
  }
}

/** A pre-imported CryptoKey verifies ~1.5× faster than raw bytes, so import once per secret. */
export function importClientSecret(clientSecret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(clientSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
}

/** jose's error code, with the claim and check for claim failures ("aud check_failed"): a short fixed set. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) return `${error.claim} ${error.reason}`;
  return error instanceof errors.JOSEError ? error.code : 'unreadable token';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Verifies a current-customer JWT: HS256 with the client secret (or the previous one during a
 * rotation), audience, issuer, lifetime ≤ 15 min, operation, an installed store, a customer id.
 *
 * @throws InvalidToken with the reason (for logs and metrics only, never for the response).
 * @example
 * const customer = await verifyCurrentCustomerToken(token, await currentVerificationKey());
 */
export async function verifyCurrentCustomerToken(
  token: string,
  { clientId, key, previousKey, isInstalledStore }: VerificationKey,
  now: Date = new Date(),
): Promise<CurrentCustomer> {
  const options = {
    algorithms: ['HS256'],
    audience: clientId,
    issuer: CURRENT_CUSTOMER_ISSUER,
    clockTolerance: CLOCK_SKEW_SECONDS,
    requiredClaims: ['exp', 'iat'],
    currentDate: now,
  };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, options));
  } catch (error) {
    const badSignature = error instanceof errors.JWSSignatureVerificationFailed;
    if (!badSignature || !previousKey) throw new InvalidToken(reasonOf(error));
    try {
      ({ payload } = await jwtVerify(token, previousKey, options));
    } catch (retry) {
      throw new InvalidToken(reasonOf(retry));
    }
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const { iat, exp, operation, store_hash: storeHash, customer } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') throw new InvalidToken('iat/exp not numeric');
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) throw new InvalidToken('iat in the future');
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) throw new InvalidToken('lifetime too long');
  if (operation !== CURRENT_CUSTOMER_OPERATION) throw new InvalidToken('wrong operation');
  if (typeof storeHash !== 'string' || !/^[a-z0-9]{1,32}$/.test(storeHash)) throw new InvalidToken('bad store');
  if (!isRecord(customer)) throw new InvalidToken('no customer');
  const id = customer.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new InvalidToken('bad customer id');
  if (!(await isInstalledStore(storeHash))) throw new InvalidToken('store not installed');
  const group = customer.group_id;
  return {
    storeHash,
    customerId: id,
    customerGroupId: typeof group === 'string' || typeof group === 'number' ? String(group) : null,
    email: typeof customer.email === 'string' ? customer.email : null,
  };
}
