// The verification key of this container: credentials read from the secret, the HMAC key imported
// once and re-imported only when the secret changes (rotation).
import { appCredentials, type AppCredentials } from '../secrets';
import { importClientSecret, type VerificationKey } from './current-customer';

let current: { clientSecret: string; key: Promise<CryptoKey> } | undefined;
let previous: { clientSecret: string; key: Promise<CryptoKey> } | undefined;
// appCredentials() hands back the same object until the secret is re-read: the hot path (every
// authorizer call) then costs one comparison.
let built: { credentials: AppCredentials; key: VerificationKey } | undefined;

/**
 * This container's verification key from the app credentials, rebuilt only when the secret changes.
 *
 * @throws Error when the app credentials are missing or invalid (see appCredentials).
 */
export async function currentVerificationKey(): Promise<VerificationKey> {
  const credentials = await appCredentials();
  if (built?.credentials === credentials) return built.key;
  if (current?.clientSecret !== credentials.clientSecret) {
    current = { clientSecret: credentials.clientSecret, key: importClientSecret(credentials.clientSecret) };
  }
  const old = credentials.previousClientSecret;
  if (old && previous?.clientSecret !== old) previous = { clientSecret: old, key: importClientSecret(old) };
  const stores = credentials.stores;
  const key: VerificationKey = {
    clientId: credentials.clientId,
    key: await current.key,
    ...(old && previous ? { previousKey: await previous.key } : {}),
    isInstalledStore: (hash) => Object.hasOwn(stores, hash),
  };
  built = { credentials, key };
  return key;
}
