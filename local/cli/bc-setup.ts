// npm run bc:setup [-- --store <hash>] [--destination <webhook url>]
// Makes sure the store has the points attribute (type number) and the order webhooks to our
// endpoint with the X-Webhook-Secret header (lists existing hooks first; reactivates inactive ones).
// Idempotent. Destination: --destination, WEBHOOK_URL, or the local API.
import { parseArgs } from 'node:util';
import { failWith, useCliEnvironment } from './environment';

const { values } = parseArgs({ options: { store: { type: 'string' }, destination: { type: 'string' } } });
const { local } = useCliEnvironment();
const { appCredentials } = await import('@bc-loyalty/shared/secrets');
const { settings } = await import('@bc-loyalty/shared/config');
const { bigCommerceClient, ensureAttribute, ensureHooks } = await import('@bc-loyalty/shared/bigcommerce');
const { ORDER_SCOPES } = await import('@bc-loyalty/shared/orders');
const { localSettings } = await import('../settings');

const { stores, webhookSecret } = await appCredentials();
const destination = values.destination ?? process.env.WEBHOOK_URL ?? (local ? `http://127.0.0.1:${localSettings().apiPort}/webhooks/bigcommerce` : undefined);
if (!destination) failWith('usage: npm run bc:setup -- --destination <WebhookUrl output>', 'bc:setup: where should BigCommerce send order webhooks?');
if (!webhookSecret) failWith('usage: npm run bc:setup', 'bc:setup: the app secret has no webhookSecret');
const hashes = values.store ? [values.store] : Object.keys(stores);
for (const storeHash of hashes) {
  const accessToken = stores[storeHash];
  if (!accessToken) failWith('usage: npm run bc:setup -- [--store <hash>]', `bc:setup: store ${storeHash} is not installed (no access token)`);
  const { bcApiUrl, pointsAttribute } = settings();
  const client = bigCommerceClient({ apiUrl: bcApiUrl, storeHash, accessToken });
  const id = await ensureAttribute(client, pointsAttribute, 'number');
  console.log(`${storeHash}: customer attribute "${pointsAttribute}" is id ${id}`);
  for (const hook of await ensureHooks(client, [...ORDER_SCOPES], destination, { 'X-Webhook-Secret': webhookSecret })) {
    console.log(`${storeHash}: webhook ${hook.scope} → ${destination}: ${hook.action} (id ${hook.id})`);
  }
}
