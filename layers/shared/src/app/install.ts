// Install and uninstall as the ledger sees them (DESIGN §12): the token encrypted onto the store
// record, the store set up (or its failures recorded), the user who installed remembered; at
// uninstall, what we created removed while the token still works, then the token deleted.
import { bigCommerceClient } from '../bigcommerce';
import { settings } from '../config';
import { budgetOf } from '../quota';
import type { PointsTable } from '../ledger';
import { logger } from '../logger';
import {
  getStoreRecord,
  recordInstall,
  recordSetup,
  recordUninstall,
  type StepsReport,
  tokenVault,
  upsertStoreUser,
} from '../stores';
import { admitUninstall } from './callback-access';
import type { TokenGrant } from './oauth';
import type { AppPayload } from './signed-payload';
import { type StoreSetup, setUpStore, tearDownStore } from './store-setup';

/**
 * Stores the grant (token encrypted), remembers the installing user, then sets the store up. When a
 * newer grant was recorded meanwhile (two installs raced), this one's token is not kept and the
 * setup is left to the newer one: answers undefined.
 */
export async function installApp(
  table: PointsTable,
  storeHash: string,
  grant: TokenGrant,
  setup: StoreSetup,
  deadline: number,
): Promise<StepsReport | undefined> {
  const grantedAt = new Date();
  const encryptedAccessToken = await tokenVault().encrypt(storeHash, grant.access_token);
  const recorded = await recordInstall(table, { storeHash, scopes: grant.scope, encryptedAccessToken }, grantedAt);
  const signedAt = Math.floor(grantedAt.getTime() / 1000);
  await upsertStoreUser(table, { storeHash, userId: grant.user.id, email: grant.user.email ?? null }, signedAt);
  if (!recorded) {
    logger.info('app install superseded by a newer grant', { storeHash });
    return undefined;
  }
  const client = adminClient(storeHash, grant.access_token, deadline);
  const report = await setUpStore(client, setup);
  await recordSetup(table, storeHash, report);
  logger.info('app installed', { storeHash, scopes: grant.scope, setupFailed: report.failed.map((f) => f.step) });
  return report;
}

/**
 * For a user who may uninstall (admitUninstall), removes the webhooks and the widget's script with
 * the store's token (best effort: an undecryptable token is a failed step too), then marks the
 * store uninstalled and deletes the token, unless a newer install landed meanwhile (it stays).
 * Answers false for a store we have no record of.
 *
 * @throws Unauthorized when the payload's user may not uninstall, or it was used already.
 */
export async function uninstallApp(
  table: PointsTable,
  payload: AppPayload,
  webhookUrl: string,
  deadline: number,
): Promise<boolean> {
  const { storeHash } = payload;
  const record = await getStoreRecord(table, storeHash, true);
  if (!record) return false;
  await admitUninstall(table, payload);
  let teardown: StepsReport = { at: new Date().toISOString(), failed: [] };
  if (record.encryptedAccessToken) {
    // KMS throttled, the key disabled, a damaged ciphertext: BigCommerce has revoked the token
    // anyway, so the store is still marked uninstalled, with the step recorded.
    const accessToken = await tokenVault()
      .decrypt(storeHash, record.encryptedAccessToken)
      .catch((error: Error) => {
        teardown.failed.push({ step: 'accessToken', message: `not decrypted: ${error.message}`.slice(0, 300) });
        return undefined;
      });
    if (accessToken) teardown = await tearDownStore(adminClient(storeHash, accessToken, deadline), webhookUrl);
  }
  if (await recordUninstall(table, storeHash, teardown, { installedAt: record.installedAt }))
    logger.info('app uninstalled', { storeHash, teardownFailed: teardown.failed.map((f) => f.step) });
  else logger.info('app uninstall superseded by a newer install: the store stays installed', { storeHash });
  return true;
}

/** The store's Management API client at the admin priority, for install and uninstall. */
const adminClient = (storeHash: string, accessToken: string, deadline: number) =>
  bigCommerceClient({
    apiUrl: settings().bcApiUrl,
    storeHash,
    accessToken,
    priority: 'admin',
    budget: budgetOf(storeHash),
    deadline,
  });
