// The stores that installed the app (DESIGN §12): their records and control-panel users, the
// writers of both, the token vault that keeps their access tokens encrypted, and the retention job
// that deletes an uninstalled store's data.
export { isInstalledStore, storeAccessToken, TOKEN_CACHE_MS } from './access-token';
export {
  type EarningSettings,
  earningSettingsOf,
  getStoreRecord,
  getStoreUser,
  type StepsReport,
  type StoreRecord,
  type StoreUser,
} from './store-record';
export { queueUninstalledStores } from './purge-queue';
export { type PurgedStore, type PurgeOptions, type PurgeReport, purgeDueStores } from './purge-stores';
export { isDueForPurge, purgeCutoff, type QueuedUninstall } from './retention';
export { recordInstall, recordSetup, recordUninstall, removeStoreUser, upsertStoreUser } from './store-writes';
export { spendPayload } from './spent-payloads';
export { kmsVault, localVault, type TokenVault, TokenVaultMissing, tokenVault } from './token-vault';
