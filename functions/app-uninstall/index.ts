// GET /app/uninstall — the merchant uninstalled the app (apps-guide/callbacks.mdx; BigCommerce's
// server calls it) — only the owner or a known user, once per payload: the webhooks and widget
// script removed while the token works, the token deleted, the store marked uninstalled (its
// shoppers' tokens are refused from then on).
import { signedPayloadQuery, uninstallApp, verifiedCallback, webhookUrlOf } from '@bc-loyalty/shared/app';
import { Unauthorized } from '@bc-loyalty/shared/errors';
import { httpHandler, ok } from '@bc-loyalty/shared/http';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { deadlineOf } from '@bc-loyalty/shared/retry';

const table = pointsTable();

export const handler = httpHandler(
  async (event, query, context) => {
    const payload = await verifiedCallback(query.signed_payload_jwt);
    if (!(await uninstallApp(table, payload, webhookUrlOf(event), deadlineOf(context, 2_000, 20_000))))
      throw new Unauthorized();
    return ok({ uninstalled: true });
  },
  { query: signedPayloadQuery },
);
