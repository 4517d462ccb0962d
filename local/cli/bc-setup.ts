// npm run bc:setup [-- --store <hash>] [--destination <webhook url>] [--api-url <ApiUrl output>]
//                  [--mode auto|inline|launcher] [--currency USD] [--uninstall]
// Makes sure the store has the points attribute (type number), the order webhooks to our endpoint
// with the X-Webhook-Secret header (lists existing hooks first; reactivates inactive ones), and the
// storefront widget as one Scripts API script carrying its configuration. Idempotent: run twice,
// one script. --uninstall removes the widget's script (the hooks and attribute stay: they hold data).
// Destination and API URL: the flags, WEBHOOK_URL / API_URL, or the local API. A store installed as
// an app (no token in the secret) is reached through the token vault (TOKEN_KEY_ID; docs/app.md):
// this completes a setup the install could not finish.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const MODES = ['auto', 'inline', 'launcher'] as const;
const cli = commandLine(
  'bc:setup',
  'usage: npm run bc:setup -- [--store <hash>] [--destination <WebhookUrl output>] [--api-url <ApiUrl output>] [--mode auto|inline|launcher] [--currency <ISO 4217>] [--uninstall]',
  {
    store: { type: 'string' },
    destination: { type: 'string' },
    'api-url': { type: 'string' },
    mode: { type: 'string' },
    currency: { type: 'string' },
    uninstall: { type: 'boolean' },
  },
);
const { local } = useCliEnvironment();
const { appCredentials } = await import('@bc-loyalty/shared/secrets');
const { settings } = await import('@bc-loyalty/shared/config');
const { ensureAttribute, ensureHooks, ensureScript, removeScript, storeClient } = await import(
  '@bc-loyalty/shared/bigcommerce'
);
const { ORDER_SCOPES } = await import('@bc-loyalty/shared/orders');
const { localSettings } = await import('../settings');
const { earnRule, widgetScript, WIDGET_SCRIPT_NAME } = await import('../../storefront/install');

try {
  const { stores, webhookSecret, clientId } = await appCredentials();
  const localApi = local ? `http://127.0.0.1:${localSettings().apiPort}` : undefined;
  const mode = (cli.values.mode ?? 'auto') as (typeof MODES)[number];
  if (!MODES.includes(mode)) cli.fail(`--mode is one of ${MODES.join(', ')}`);
  const currency = cli.values.currency ?? 'USD';
  if (!/^[A-Z]{3}$/.test(currency)) cli.fail('--currency is a three-letter ISO 4217 code, e.g. USD');
  const { pointsAttribute, earning } = settings();
  // The app secret's token, or an app-installed store's (TOKEN_KEY_ID: the vault; retries its setup).
  const connect = async (storeHash: string) =>
    (await storeClient(storeHash, { priority: 'admin' })) ??
    cli.fail(`store ${storeHash} is not installed (no access token)`);
  const storeHashes = cli.values.store ? [cli.values.store] : Object.keys(stores);

  if (cli.values.uninstall) {
    for (const storeHash of storeHashes)
      console.log(
        `${storeHash}: removed ${await removeScript(await connect(storeHash), WIDGET_SCRIPT_NAME)} widget script(s)`,
      );
  } else {
    const destination =
      cli.values.destination ??
      process.env.WEBHOOK_URL ??
      (localApi && `${localApi}/webhooks/bigcommerce`) ??
      cli.fail('where should BigCommerce send order webhooks? (--destination)');
    const apiUrl =
      cli.values['api-url'] ?? process.env.API_URL ?? localApi ?? cli.fail('where is the loyalty API? (--api-url)');
    const secret = webhookSecret || cli.fail('the app secret has no webhookSecret');
    const widget = await widgetScript({ apiUrl, clientId, mode, earn: earnRule(earning.pointsPerUnit, currency) });
    for (const storeHash of storeHashes) {
      const client = await connect(storeHash);
      const id = await ensureAttribute(client, pointsAttribute, 'number');
      console.log(`${storeHash}: customer attribute "${pointsAttribute}" is id ${id}`);
      for (const hook of await ensureHooks(client, [...ORDER_SCOPES], destination, { 'X-Webhook-Secret': secret }))
        console.log(`${storeHash}: webhook ${hook.scope} → ${destination}: ${hook.action} (id ${hook.id})`);
      const script = await ensureScript(client, widget);
      console.log(
        `${storeHash}: widget script (${widget.html.length} characters, ${mode}): ${script.action} (${script.uuid})`,
      );
    }
  }
} catch (error) {
  cli.exitIfUnreachable(error);
  throw error;
}
