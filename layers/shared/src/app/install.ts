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
import type { TokenGrant } from './oauth';
import { type StoreSetup, setUpStore, tearDownStore } from './store-setup';

/** Stores the grant (token encrypted), remembers the installing user, then sets the store up. */
export async function installApp(
  table: PointsTable,
  storeHash: string,
  grant: TokenGrant,
  setup: StoreSetup,
  deadline: number,
): Promise<StepsReport> {
  const encryptedAccessToken = await tokenVault().encrypt(storeHash, grant.access_token);
  await recordInstall(table, { storeHash, scopes: grant.scope, encryptedAccessToken });
  await upsertStoreUser(table, { storeHash, userId: grant.user.id, email: grant.user.email ?? null });
  const client = bigCommerceClient({
    apiUrl: settings().bcApiUrl,
    storeHash,
    accessToken: grant.access_token,
    priority: 'admin',
    budget: budgetOf(storeHash),
    deadline,
  });
  const report = await setUpStore(client, setup);
  await recordSetup(table, storeHash, report);
  logger.info('app installed', { storeHash, scopes: grant.scope, setupFailed: report.failed.map((f) => f.step) });
  return report;
}

/**
 * Removes the webhooks and the widget's script with the store's token (best effort), then marks
 * the store uninstalled and deletes the token. Answers false for a store we have no record of.
 */
export async function uninstallApp(
  table: PointsTable,
  storeHash: string,
  webhookUrl: string,
  deadline: number,
): Promise<boolean> {
  const record = await getStoreRecord(table, storeHash, true);
  if (!record) return false;
  let teardown: StepsReport = { at: new Date().toISOString(), failed: [] };
  if (record.encryptedAccessToken) {
    const accessToken = await tokenVault().decrypt(storeHash, record.encryptedAccessToken);
    const client = bigCommerceClient({
      apiUrl: settings().bcApiUrl,
      storeHash,
      accessToken,
      priority: 'admin',
      budget: budgetOf(storeHash),
      deadline,
    });
    teardown = await tearDownStore(client, webhookUrl);
  }
  await recordUninstall(table, storeHash, teardown);
  logger.info('app uninstalled', { storeHash, teardownFailed: teardown.failed.map((f) => f.step) });
  return true;
}
