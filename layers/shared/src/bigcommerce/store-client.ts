// A Management API client for one installed store, with its access token from the app credentials.
import { settings } from '../config';
import { ValidationError } from '../errors';
import { appCredentials } from '../secrets';
import { bigCommerceClient, type BigCommerceClient, type BigCommerceClientOptions } from './client';

/** The client of an installed store, or undefined when the store is not installed here. */
export async function storeClient(
  storeHash: string,
  options: Partial<BigCommerceClientOptions> = {},
): Promise<BigCommerceClient | undefined> {
  const accessToken = (await appCredentials()).stores[storeHash];
  if (!accessToken) return undefined;
  return bigCommerceClient({ apiUrl: settings().bcApiUrl, storeHash, accessToken, ...options });
}

/**
 * The client of an installed store, for callers that cannot go on without one.
 *
 * @throws ValidationError when the store is not installed here (no access token).
 */
export async function requireStoreClient(storeHash: string): Promise<BigCommerceClient> {
  const client = await storeClient(storeHash);
  if (!client) throw new ValidationError(`store ${storeHash} is not installed`);
  return client;
}
