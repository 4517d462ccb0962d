// Coupon codes are derived, not drawn: HMAC-SHA256 of the store and redemption id under a codes key,
// so a retry of the issuance always sends the same code (BigCommerce's uniqueness then makes it
// idempotent), and nobody without the key can guess another shopper's code (80 bits).
// The codes key is derived from the app's client secret (HMAC with a fixed label): no extra secret to
// provision, and the client secret already never leaves the functions. The code is stored with the
// redemption in the redeem transaction, so rotating the client secret never changes an issued code.
import { createHmac } from 'node:crypto';

const CODES_KEY_LABEL = 'bc-loyalty coupon codes v1';
// Crockford's base32: no I, L, O, U — easy to read aloud and to type at checkout.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const CODE_PREFIX = 'PTS-';

/** The coupon code of a redemption: `PTS-` and 16 characters. */
export function couponCodeFor(clientSecret: string, storeHash: string, redemptionId: string): string {
  const codesKey = createHmac('sha256', clientSecret).update(CODES_KEY_LABEL).digest();
  const mac = createHmac('sha256', codesKey).update(`${storeHash}:${redemptionId}`).digest();
  let bits = 0n;
  for (const byte of mac.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 16; i++) {
    code = ALPHABET[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  return `${CODE_PREFIX}${code}`;
}
