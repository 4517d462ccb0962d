// POST /webhooks/bigcommerce — BigCommerce order callbacks. Authentic ones are stored once and
// answered 200 at once (ignored scopes and repeats too); processing follows from the table stream.
import { Unauthorized } from '@bc-loyalty/shared/errors';
import { bodyOf, httpHandler, ok } from '@bc-loyalty/shared/http';
// The receiving side only (its own subpath): order processing and rewards stay out of this cold start.
import {
  ORDER_SCOPES,
  isAuthenticWebhook,
  orderCallbackSchema,
  recordOrderEvent,
  storeOfCallback,
} from '@bc-loyalty/shared/order-events';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { appCredentials } from '@bc-loyalty/shared/secrets';
import { logger } from '@bc-loyalty/shared/logger';
import { isInstalledStore } from '@bc-loyalty/shared/stores';

const table = pointsTable();

export const handler = httpHandler(async (event) => {
  const { webhookSecret, stores } = await appCredentials();
  if (!webhookSecret || !isAuthenticWebhook(event.headers?.['x-webhook-secret'], webhookSecret)) {
    throw new Unauthorized();
  }
  const callback = bodyOf(event, orderCallbackSchema);
  const storeHash = storeOfCallback(callback);
  const served = Object.hasOwn(stores, storeHash) || (await isInstalledStore(table, storeHash));
  if (!(ORDER_SCOPES as readonly string[]).includes(callback.scope) || !served) {
    logger.info('webhook ignored', { scope: callback.scope, storeHash });
    return ok({ received: true });
  }
  const stored = await recordOrderEvent(table, callback);
  logger.info('webhook received', { scope: callback.scope, storeHash, orderId: callback.data.id, repeat: !stored });
  return ok({ received: true });
});
