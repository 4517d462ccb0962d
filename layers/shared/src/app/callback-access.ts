// Who may act through a verified signed payload (apps-guide/callbacks.mdx). BigCommerce signs
// load, uninstall and remove_user payloads with the same claims, valid ~24 h, so a signature alone
// proves little: each payload is acted on once (its jti spent), a user removed after a payload was
// signed is refused with it, and a removed user cannot uninstall. Every check that can refuse runs
// before anything is written; the jti is spent just before the callback acts.
import { Unauthorized } from '../errors';
import type { PointsTable } from '../ledger';
import { logger } from '../logger';
import { getStoreUser, spendPayload, type StoreUser, upsertStoreUser } from '../stores';
import type { AppPayload } from './signed-payload';

function refuse(reason: string): never {
  logger.info('signed payload refused', { reason });
  throw new Unauthorized();
}

/** Whether the owner removed the user at or after the payload was signed. */
const removedSince = (user: StoreUser | undefined, payload: AppPayload) =>
  user?.removedAt !== undefined && payload.issuedAt <= user.removedAt;

/**
 * Spends the payload: the callback may act on it now, and never again.
 *
 * @throws Unauthorized when it was spent already (a replay, at this callback or another).
 */
export async function spendCallback(table: PointsTable, payload: AppPayload): Promise<void> {
  if (!(await spendPayload(table, payload.storeHash, payload))) refuse('payload replayed');
}

/**
 * `load`: the user, unless removed since the payload was signed, is remembered and the payload spent.
 *
 * @throws Unauthorized for a removed user or a replayed payload (nothing written).
 */
export async function admitLoad(table: PointsTable, payload: AppPayload): Promise<void> {
  const { storeHash, user } = payload;
  if (removedSince(await getStoreUser(table, storeHash, user.id), payload)) refuse('user removed');
  await spendCallback(table, payload);
  // Conditional again: a remove_user landing between the read and here still wins.
  const remembered = await upsertStoreUser(table, { storeHash, userId: user.id, email: user.email }, payload.issuedAt);
  if (!remembered) refuse('user removed');
}

/**
 * `uninstall`: the owner, or an authorised user (callbacks.mdx, "Work with payload claims"), unless
 * the owner removed them since the payload was signed; the payload is spent. An authorised user who
 * never opened the app is unknown here yet is one BigCommerce lets uninstall: refusing them would
 * leave the store "installed" with a revoked token and its data never queued for deletion. The
 * unspent, unexpired signature is what proves BigCommerce sent it; the uninstall is logged with them.
 *
 * @throws Unauthorized for a removed user or a replayed payload (nothing written).
 */
export async function admitUninstall(table: PointsTable, payload: AppPayload): Promise<void> {
  const { storeHash, user, owner } = payload;
  if (owner?.id !== user.id) {
    const known = await getStoreUser(table, storeHash, user.id);
    if (removedSince(known, payload)) refuse('user removed');
    if (!known) logger.warn('uninstall by an authorised user who never opened the app', { storeHash, userId: user.id });
  }
  await spendCallback(table, payload);
}
