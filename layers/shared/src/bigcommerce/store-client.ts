// A Management API client for one installed store, with its access token from the app credentials
// and the store's request budget shared by our functions (quota/).
import { settings } from '../config';
import { budgetOf } from '../quota';
import { appCredentials } from '../secrets';
import { bigCommerceClient, type BigCommerceClient, type BigCommerceClientOptions } from './client';

/** The client of an installed store at `options.priority`, or undefined when the store is not installed here. */
export async function storeClient(
  storeHash: string,
  options: Partial<BigCommerceClientOptions> & Pick<BigCommerceClientOptions, 'priority'>,
): Promise<BigCommerceClient | undefined> {
  const accessToken = (await appCredentials()).stores[storeHash];
  if (!accessToken) return undefined;
  return bigCommerceClient({
    apiUrl: settings().bcApiUrl,
    storeHash,
    accessToken,
    budget: budgetOf(storeHash),
    ...options,
  });
}
