// A Management API client for one installed store, with its access token from the app credentials.
import { settings } from '../config';
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
