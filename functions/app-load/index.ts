// GET /app/load — a control-panel user opens the app (apps-guide/callbacks.mdx): the signed
// payload verified and spent (each works once), the user remembered unless removed since it was
// signed, and the admin shell with a fresh admin session.
import { adminSessionKey, signAdminSession } from '@bc-loyalty/shared/admin-session';
import {
  admitLoad,
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
import { isInstalledStore } from '@bc-loyalty/shared/stores';

const table = pointsTable();

export const handler = appPageHandler(signedPayloadQuery, async (event, query) => {
  const payload = await verifiedCallback(query.signed_payload_jwt);
  const { storeHash, user } = payload;
  const { clientSecret, stores } = await appCredentials();
  // A store this deployment serves: installed as an app, or named in the app secret (single-store mode).
  if (!Object.hasOwn(stores, storeHash) && !(await isInstalledStore(table, storeHash))) throw new Unauthorized();
  await admitLoad(table, payload);
  const session = await signAdminSession(
    { storeHash, userId: user.id, email: user.email },
    adminSessionKey(clientSecret),
  );
  return adminShellPage({ session, storeHash, user, apiBase: apiBaseOf(event) }, settings().appFrameAncestors);
});
