// A store's record (DESIGN §12): whether the app is installed there, what it was granted, its
// earning settings and its access token, encrypted. Keys: table-keys.ts (storeKey, storeUserKey).
import { getItem, type PointsTable } from '../ledger';
import { storeKey, storeUserKey } from '../table-keys';
import type { Settings } from '../config';

/** The earning rule of a store: points per currency unit and the statuses that earn and reverse. */
export type EarningSettings = Settings['earning'];

/** What the table knows of a store that installed the app (single-store mode has no record). */
export interface StoreRecord {
  storeHash: string;
  status: 'installed' | 'uninstalled';
  /** The OAuth scopes granted at the last install or re-auth (space-separated, as BigCommerce sends). */
  scopes: string;
  installedAt: string;
  uninstalledAt?: string;
  /** The access token, encrypted (see the token vault); deleted at uninstall. */
  encryptedAccessToken?: string;
  /** The store's own earning rule; absent fields fall back to the deploy parameters. */
  earning?: Partial<EarningSettings>;
  /** What the last install's setup did (attribute, webhooks, script); a retry completes what failed. */
  setup?: StepsReport;
  /** What the uninstall could not remove from the store (best effort, before the token was deleted). */
  teardown?: StepsReport;
}

/** The outcome of setup or teardown steps: when, and which steps failed (with BigCommerce's reason). */
export interface StepsReport {
  at: string;
  failed: Array<{ step: string; message: string }>;
}

/** A control-panel user who opened the app: sessions issued before `sessionsValidAfter` are refused. */
export interface StoreUser {
  storeHash: string;
  userId: number;
  email?: string;
  /** Epoch seconds; a session's `iat` must not be earlier. */
  sessionsValidAfter: number;
  /** Epoch seconds the store owner removed the user (`remove_user`); set, every session is refused. */
  removedAt?: number;
}

/** The store's record, or undefined when the app was never installed there through OAuth. */
export async function getStoreRecord(
  table: PointsTable,
  storeHash: string,
  consistent = false,
): Promise<StoreRecord | undefined> {
  return (await getItem(table, storeKey(storeHash), consistent)) as StoreRecord | undefined;
}

/** The control-panel user (a removed one carries `removedAt`), or undefined when unknown. */
export async function getStoreUser(
  table: PointsTable,
  storeHash: string,
  userId: number,
): Promise<StoreUser | undefined> {
  return (await getItem(table, storeUserKey(storeHash, userId))) as StoreUser | undefined;
}

/** The store's earning rule: its own settings over the deploy parameters (`defaults`). */
export function earningSettingsOf(record: StoreRecord | undefined, defaults: EarningSettings): EarningSettings {
  return { ...defaults, ...record?.earning };
}
