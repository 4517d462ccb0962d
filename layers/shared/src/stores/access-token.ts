// A store's access token for functions that call BigCommerce: from the store record, decrypted by
// the token vault. The record is re-read after TOKEN_CACHE_MS (an uninstall or re-install reaches
// every container within it); KMS is asked again only when the ciphertext changed, so a container
// decrypts each token version once (docs/app.md has the cost).
import type { PointsTable } from '../ledger';
import { getStoreRecord } from './store-record';
import { tokenVault } from './token-vault';

/** How long a decrypted token is reused: an uninstall or re-install reaches every container within it. */
export const TOKEN_CACHE_MS = 60_000;
const cache = new Map<string, { token: string; ciphertext: string; until: number }>();

/**
 * The access token of a store installed through OAuth, or undefined when it is not installed.
 *
 * @throws TokenVaultMissing when it is installed but this process has no token vault (TOKEN_KEY_ID):
 *   shopper-facing functions by design, an ops CLI by mistake; either way never "not installed",
 *   which would drop order events or refund redemptions that only need the setting.
 * @throws Error when the vault refuses the ciphertext (wrong key or store) or KMS is unreachable.
 */
export async function storeAccessToken(table: PointsTable, storeHash: string): Promise<string | undefined> {
  const hit = cache.get(storeHash);
  if (hit && hit.until > Date.now()) return hit.token;
  const record = await getStoreRecord(table, storeHash);
  if (record?.status !== 'installed' || !record.encryptedAccessToken) {
    cache.delete(storeHash);
    return undefined;
  }
  const ciphertext = record.encryptedAccessToken;
  const token =
    hit?.ciphertext === ciphertext ? hit.token : await tokenVault().decrypt(storeHash, record.encryptedAccessToken);
  cache.set(storeHash, { token, ciphertext, until: Date.now() + TOKEN_CACHE_MS });
  return token;
}

/** Whether shoppers of `storeHash` are served: its record says installed (one GetItem). */
export async function isInstalledStore(table: PointsTable, storeHash: string): Promise<boolean> {
  return (await getStoreRecord(table, storeHash))?.status === 'installed';
}
