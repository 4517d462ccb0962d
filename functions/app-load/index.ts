// GET /app/load — a control-panel user opens the app (apps-guide/callbacks.mdx): the signed
// payload verified, the user remembered, and the admin shell with a fresh admin session.
import { adminSessionKey, signAdminSession } from '@bc-loyalty/shared/admin-session';
import {
  adminShellPage,
  apiBaseOf,
  appPageHandler,
  signedPayloadQuery,
  verifiedCallback,
} from '@bc-loyalty/shared/app';
import { settings } from '@bc-loyalty/shared/config';
import { Unauthorized } from '@bc-loyalty/shared/errors';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { appCredentials } from '@bc-loyalty/shared/secrets';
import { isInstalledStore, upsertStoreUser } from '@bc-loyalty/shared/stores';

const table = pointsTable();

export const handler = appPageHandler(signedPayloadQuery, async (event, query) => {
  const { storeHash, user } = await verifiedCallback(query.signed_payload_jwt);
  const { clientSecret, stores } = await appCredentials();
  // A store this deployment serves: installed as an app, or named in the app secret (single-store mode).
  if (!Object.hasOwn(stores, storeHash) && !(await isInstalledStore(table, storeHash))) throw new Unauthorized();
  await upsertStoreUser(table, { storeHash, userId: user.id, email: user.email });
  const session = await signAdminSession(
    { storeHash, userId: user.id, email: user.email },
    adminSessionKey(clientSecret),
  );
  return adminShellPage({ session, storeHash, user, apiBase: apiBaseOf(event) }, settings().appFrameAncestors);
});
