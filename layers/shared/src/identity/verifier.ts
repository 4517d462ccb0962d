// The verification key of this container: credentials read from the secret, the HMAC key imported
// once and re-imported only when the secret changes (rotation).
import { appCredentials } from '../secrets';
import { importClientSecret, type VerificationKey } from './current-customer';

let current: { clientSecret: string; key: Promise<CryptoKey> } | undefined;
let previous: { clientSecret: string; key: Promise<CryptoKey> } | undefined;

export async function currentVerificationKey(): Promise<VerificationKey> {
  const credentials = await appCredentials();
  if (current?.clientSecret !== credentials.clientSecret) {
    current = { clientSecret: credentials.clientSecret, key: importClientSecret(credentials.clientSecret) };
  }
  const old = credentials.previousClientSecret;
  if (old && previous?.clientSecret !== old) previous = { clientSecret: old, key: importClientSecret(old) };
  const stores = credentials.stores;
  return {
    clientId: credentials.clientId,
    key: await current.key,
    ...(old && previous ? { previousKey: await previous.key } : {}),
    isInstalledStore: (hash) => Object.hasOwn(stores, hash),
  };
}
