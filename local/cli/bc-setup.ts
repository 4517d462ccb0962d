// npm run bc:setup [-- --store <hash>] [--destination <webhook url>]
// Makes sure the store has the points attribute (type number) and the order webhooks to our
// endpoint with the X-Webhook-Secret header (lists existing hooks first; reactivates inactive ones).
// Idempotent. Destination: --destination, WEBHOOK_URL, or the local API.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const cli = commandLine('bc:setup', 'usage: npm run bc:setup -- [--store <hash>] [--destination <WebhookUrl output>]', {
  store: { type: 'string' },
  destination: { type: 'string' },
});
const { local } = useCliEnvironment();
const { appCredentials } = await import('@bc-loyalty/shared/secrets');
const { settings } = await import('@bc-loyalty/shared/config');
const { bigCommerceClient, ensureAttribute, ensureHooks } = await import('@bc-loyalty/shared/bigcommerce');
const { ORDER_SCOPES } = await import('@bc-loyalty/shared/orders');
const { localSettings } = await import('../settings');

try {
  const { stores, webhookSecret } = await appCredentials();
  const destination =
    cli.values.destination ??
    process.env.WEBHOOK_URL ??
    (local ? `http://127.0.0.1:${localSettings().apiPort}/webhooks/bigcommerce` : undefined) ??
    cli.fail('where should BigCommerce send order webhooks? (--destination)');
  const secret = webhookSecret || cli.fail('the app secret has no webhookSecret');
  for (const storeHash of cli.values.store ? [cli.values.store] : Object.keys(stores)) {
    const accessToken = stores[storeHash] ?? cli.fail(`store ${storeHash} is not installed (no access token)`);
    const { bcApiUrl, pointsAttribute } = settings();
    const client = bigCommerceClient({ apiUrl: bcApiUrl, storeHash, accessToken });
    const id = await ensureAttribute(client, pointsAttribute, 'number');
    console.log(`${storeHash}: customer attribute "${pointsAttribute}" is id ${id}`);
    for (const hook of await ensureHooks(client, [...ORDER_SCOPES], destination, { 'X-Webhook-Secret': secret })) {
      console.log(`${storeHash}: webhook ${hook.scope} → ${destination}: ${hook.action} (id ${hook.id})`);
    }
  }
} catch (error) {
  cli.exitIfUnreachable(error);
  throw error;
}
