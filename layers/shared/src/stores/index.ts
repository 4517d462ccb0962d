// The stores that installed the app (DESIGN §12): their records and control-panel users.
export {
  type EarningSettings,
  earningSettingsOf,
  getStoreRecord,
  getStoreUser,
  type StoreRecord,
  type StoreUser,
} from './store-record';
