// A Management API client for one installed store, with its access token — from the app secret's
// `stores` map (single-store mode: an API account's token), else from the store's record through
// the token vault (installed as an app; only functions with a vault can read it) — and the store's
// request budget shared by our functions (quota/).
import { settings } from '../config';
import { ValidationError } from '../errors';
import { pointsTable, type PointsTable } from '../ledger';
import { budgetOf } from '../quota';
import { appCredentials } from '../secrets';
import { storeAccessToken } from '../stores';
import { bigCommerceClient, type BigCommerceClient, type BigCommerceClientOptions } from './client';

/** What a caller passes: at least the priority its calls draw from the store's budget with. */
export type StoreClientOptions = Partial<BigCommerceClientOptions> & Pick<BigCommerceClientOptions, 'priority'>;

/** The client of an installed store at `options.priority`, or undefined when the store is not installed here. */
export async function storeClient(
  storeHash: string,
  options: StoreClientOptions,
  table?: PointsTable,
): Promise<BigCommerceClient | undefined> {
  const accessToken =
    (await appCredentials()).stores[storeHash] ?? (await storeAccessToken(table ?? pointsTable(), storeHash));
  if (!accessToken) return undefined;
  return bigCommerceClient({
    apiUrl: settings().bcApiUrl,
    storeHash,
    accessToken,
    budget: budgetOf(storeHash),
    ...options,
  });
}

/**
 * The client of an installed store, for callers that cannot go on without one.
 *
 * @throws ValidationError when the store is not installed here (no access token).
 */
export async function requireStoreClient(
  storeHash: string,
  options: StoreClientOptions,
  table?: PointsTable,
): Promise<BigCommerceClient> {
  const client = await storeClient(storeHash, options, table);
  if (!client) throw new ValidationError(`store ${storeHash} is not installed`);
  return client;
}
