// What the admin authorizer checks beyond the token: a session is good only while its store is
// installed (an app install's record, or single-store mode's app secret), if it was issued since
// that install, and while its user has a record, not removed (remove_user marks it), that was
// valid when the session was issued (sessionsValidAfter revokes).
import type { PointsTable } from '../ledger';
import type { AppCredentials } from '../secrets';
import { getStoreRecord, getStoreUser } from '../stores';
import { adminSessionKey, type AdminIdentity, InvalidAdminSession, verifyAdminSession } from './session';

const keys = new Map<string, Uint8Array>();
/** The session key of a client secret, derived once per container. */
function keyOf(clientSecret: string): Uint8Array {
  let key = keys.get(clientSecret);
  if (!key) {
    key = adminSessionKey(clientSecret);
    keys.set(clientSecret, key);
  }
  return key;
}

/**
 * The admin a session speaks for, checked against the table now.
 *
 * @throws InvalidAdminSession with the reason (for logs and metrics only).
 */
export async function checkAdminSession(
  table: PointsTable,
  token: string,
  credentials: AppCredentials,
  now: Date = new Date(),
): Promise<AdminIdentity> {
  let admin: AdminIdentity;
  try {
    admin = await verifyAdminSession(token, keyOf(credentials.clientSecret), now);
  } catch (error) {
    const previous = credentials.previousClientSecret;
    const badSignature =
      error instanceof InvalidAdminSession && error.reason === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
    if (!badSignature || !previous) throw error;
    admin = await verifyAdminSession(token, keyOf(previous), now); // during a rotation
  }
  const [record, user] = await Promise.all([
    getStoreRecord(table, admin.storeHash),
    getStoreUser(table, admin.storeHash, admin.userId),
  ]);
  const installed = record?.status === 'installed' || Object.hasOwn(credentials.stores, admin.storeHash);
  if (!installed) throw new InvalidAdminSession('store not installed');
  if (!user || user.removedAt !== undefined) throw new InvalidAdminSession('user removed');
  if (admin.issuedAt < user.sessionsValidAfter) throw new InvalidAdminSession('session revoked');
  // An uninstall keeps the users: a session from before the last install must not come back with it.
  if (record && admin.issuedAt < Math.floor(Date.parse(record.installedAt) / 1000)) {
    throw new InvalidAdminSession('session before the install');
  }
  return admin;
}
