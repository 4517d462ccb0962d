// The stores that installed the app (DESIGN §12): their records and control-panel users, the
// writers of both, and the token vault that keeps their access tokens encrypted.
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
export { recordInstall, recordSetup, recordUninstall, removeStoreUser, upsertStoreUser } from './store-writes';
export { kmsVault, localVault, type TokenVault, TokenVaultMissing, tokenVault } from './token-vault';
