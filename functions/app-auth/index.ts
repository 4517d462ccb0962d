// GET /app/auth — BigCommerce's install callback (apps-guide/auth.mdx): the code becomes the
// store's token (kept encrypted), the store is set up, and the merchant sees the admin UI.
import { adminSessionKey, signAdminSession } from '@bc-loyalty/shared/admin-session';
import {
  adminShellPage,
  apiBaseOf,
  appPageHandler,
  exchangeCode,
  installApp,
  webhookUrlOf,
} from '@bc-loyalty/shared/app';
import { settings, z } from '@bc-loyalty/shared/config';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { deadlineOf } from '@bc-loyalty/shared/retry';
import { appCredentials } from '@bc-loyalty/shared/secrets';
import { earningSettingsOf, getStoreRecord } from '@bc-loyalty/shared/stores';
import { earnRule, widgetScriptOf } from '../../storefront/script-tag';
import { widgetCode } from './widget-code';

const table = pointsTable();

const authQuery = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(512)),
  scope: z.string().check(z.maxLength(4096)),
  context: z.string().check(z.regex(/^stores\/[a-z0-9]{1,32}$/, 'stores/{store hash}')),
  account_uuid: z.optional(z.string().check(z.maxLength(64))),
});

export const handler = appPageHandler(authQuery, async (event, query, context) => {
  const { clientId, clientSecret, webhookSecret = '' } = await appCredentials();
  const { bcLoginUrl, pointsAttribute, earning, appFrameAncestors } = settings();
  const storeHash = query.context.slice('stores/'.length);
  const apiBase = apiBaseOf(event);
  const grant = await exchangeCode({
    loginUrl: bcLoginUrl,
    clientId,
    clientSecret,
    code: query.code,
    scope: query.scope,
    context: query.context,
    redirectUri: `${apiBase}/app/auth`,
  });
  const { pointsPerUnit } = earningSettingsOf(await getStoreRecord(table, storeHash), earning);
  const widget = widgetScriptOf(await widgetCode(), { apiUrl: apiBase, clientId, earn: earnRule(pointsPerUnit) });
  await installApp(
    table,
    storeHash,
    grant,
    { pointsAttribute, webhookUrl: webhookUrlOf(event), webhookSecret, widget },
    deadlineOf(context, 2_000, 20_000),
  );
  const user = { id: grant.user.id, email: grant.user.email ?? null };
  const session = await signAdminSession(
    { storeHash, userId: user.id, email: user.email },
    adminSessionKey(clientSecret),
  );
  return adminShellPage({ session, storeHash, user, apiBase }, appFrameAncestors);
});
